// Reads an Archive of Our Own HTML download: preface metadata and notes, chapters with their notes; site text left out.
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { select, selectAll } from 'hast-util-select';
import type { BlockContent, RootContent } from 'mdast';
import type { AuthorNote, StoryMeta } from '../story.ts';
import { applyLabelledValue, blocksToSummary, definitionPairs, hasDescendant, textOf, unique } from './html-metadata.ts';
import { sanitizeAndReport } from './html-sanitize.ts';
import { htmlToBlocks, htmlToPhrasing, type HtmlConversion } from './html-to-story.ts';
import { headMetadata, rootOf, type HtmlStory } from './html-page.ts';

/** AO3's preface block together with its story text (`div.userstuff`), in a download or an EPUB made from one. */
export function isAo3Document(document: HastRoot): boolean {
  const preface = select('#preface', document);
  return Boolean(preface && (select('dl.tags, p.message, .byline', preface) && select('.userstuff', document)));
}

/**
 * The preface gives the metadata, the summary and the work's notes; `#chapters` the text, each chapter after a
 * `div.meta.group` with its `h2.heading` and notes; `#endnotesN` a chapter's end notes; `#afterword` the work's
 * end notes. Anything else AO3 prints (the "Posted originally on…" line, "Please drop by the Archive…", links
 * to notes, related works) is site text and is left out. A work of one chapter has no chapter heading.
 */
export function readAo3Document(document: HastRoot, conversion: HtmlConversion): HtmlStory {
  const head = headMetadata(document);
  const meta: Partial<StoryMeta> = { title: head.title?.replace(/\s+-\s+.*$/, '') };
  const blocks: RootContent[] = [];
  const chaptered = selectAll('div.meta', document).some(isChapterMeta);
  const bodyConversion: HtmlConversion = { ...conversion, minHeadingDepth: chaptered ? 3 : undefined };
  const convert = (nodes: ElementContent[], options = conversion) => htmlToBlocks(sanitizeAndReport(nodes, conversion.file), options);
  const note = (nodes: ElementContent[]): AuthorNote[] => {
    const children = convert(nodes) as BlockContent[];
    return children.length > 0 ? [{ type: 'authorNote', kind: 'note', children }] : [];
  };

  const readPreface = (preface: Element) => {
    Object.assign(meta, prefaceMetadata(preface, meta));
    for (const { label, quote } of labelledQuotes(preface)) {
      if (/summary/i.test(label)) meta.summary = blocksToSummary(convert(quote.children));
      else blocks.push(...note(quote.children));
    }
  };
  const readChapterMeta = (group: Element) => {
    const heading = select('h2.heading', group);
    const title = heading ? htmlToPhrasing(sanitizeAndReport(heading.children, conversion.file), conversion) : [];
    blocks.push({ type: 'heading', depth: 2, children: title.length > 0 ? title : [{ type: 'text', value: textOf(heading) || 'Chapter' }], position: heading?.position });
    const byline = select('.byline', group);
    if (byline) meta.authors = unique([...(meta.authors ?? []), ...authorNames(byline)]);
    for (const { quote } of labelledQuotes(group)) blocks.push(...note(quote.children));
  };
  const readEndNotes = (element: Element) => {
    for (const quote of selectAll('blockquote.userstuff', element)) blocks.push(...note(quote.children));
  };

  const walk = (nodes: ElementContent[]) => {
    for (const element of nodes) {
      if (element.type !== 'element') continue;
      const id = typeof element.properties.id === 'string' ? element.properties.id : '';
      if (id === 'preface') readPreface(element);
      else if (id === 'afterword') readEndNotes(select('#endnotes', element) ?? emptyDiv);
      else if (/^endnotes\d*$/.test(id)) readEndNotes(element);
      else if (isChapterMeta(element)) readChapterMeta(element);
      else if (isChapterText(element)) blocks.push(...convert(element.children, bodyConversion));
      else walk(element.children);
    }
  };
  walk(document.children as ElementContent[]);
  if (!meta.title) delete meta.title;
  return { tree: rootOf(blocks), meta };
}

function prefaceMetadata(preface: Element, known: Partial<StoryMeta>): Partial<StoryMeta> {
  const meta: Partial<StoryMeta> = {};
  const tags = select('dl.tags', preface);
  for (const { term, definition } of tags ? definitionPairs(tags) : []) {
    const links = selectAll('a', definition).map((link) => textOf(link)).filter(Boolean);
    applyLabelledValue(meta, textOf(term), textOf(definition), links);
  }
  const title = textOf(select('h1', preface) ?? select('p.message b', preface) ?? undefined);
  meta.title = title || known.title;
  const byline = select('.byline', preface);
  if (byline) meta.authors = authorNames(byline);
  const workLink = selectAll('p.message a[href]', preface).find((link) => /\/works\/\d+/.test(String(link.properties.href)));
  if (workLink) meta.source = String(workLink.properties.href).trim();
  return meta;
}

/** `a[rel=author]` links of a byline; without links (an anonymous work), its text less the leading "by". */
function authorNames(byline: Element): string[] {
  const links = selectAll('a[rel~=author]', byline).map((link) => textOf(link)).filter(Boolean);
  if (links.length > 0) return unique(links);
  const text = textOf(byline).replace(/^(?:chapter\s+)?by\s+/i, '');
  return text ? text.split(/\s*,\s*|\s+and\s+/).filter(Boolean) : [];
}

/** Each `blockquote.userstuff` with the label before it (`Summary`, `Notes`, `Chapter Notes`). */
function labelledQuotes(container: Element): { label: string; quote: Element }[] {
  const result: { label: string; quote: Element }[] = [];
  const visit = (parent: Element) => {
    let label = '';
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'blockquote' && classes(child).includes('userstuff')) result.push({ label, quote: child }), (label = '');
      else if (child.tagName === 'p' && classes(child).length === 0) label = textOf(child);
      else if (child.tagName === 'div' && !classes(child).includes('endnote-link')) visit(child);
    }
  };
  visit(container);
  return result;
}

/** A chapter's `div.meta.group`: the one holding its `h2.heading`. */
function isChapterMeta(element: Element): boolean {
  return element.tagName === 'div' && classes(element).includes('meta') && select('h2.heading', element) !== undefined;
}

/** A `div.userstuff` with the story text itself: one that holds no other userstuff or chapter block. */
function isChapterText(element: Element): boolean {
  return element.tagName === 'div' && classes(element).includes('userstuff') && !hasDescendant(element, '.userstuff, div.meta');
}

const emptyDiv: Element = { type: 'element', tagName: 'div', properties: {}, children: [] };

function classes(element: Element): string[] {
  const className = element.properties.className;
  return Array.isArray(className) ? className.map(String) : [];
}
