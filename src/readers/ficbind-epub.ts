// Reads back the stories of an EPUB ficbind made: each opens with its `header.story-opener`, which holds its metadata.
import type { Element, ElementContent } from 'hast';
import { select, selectAll } from 'hast-util-select';
import type { StoryMeta } from '../story.ts';
import type { EpubDocument } from './epub-document.ts';
import { applyLabelledValue, definitionPairs, fieldForLabel, languageTag, textOf } from './html-metadata.ts';
import { sanitizeAndReport } from './html-sanitize.ts';
import { htmlToBlocks, type HtmlConversion } from './html-to-story.ts';
import { rootOf, type HtmlStory } from './html-page.ts';
import { englishLabels, type LabelKey } from '../labels/english.ts';

export function startsFicbindStory(document: EpubDocument): boolean {
  return select('header.story-opener', document.body) !== undefined;
}

/**
 * The opener gives title (`.story-title`), authors (`.story-authors`, "by A, B and C") and the `dl.story-meta`
 * list, whose labels are the same loose ones AO3 uses; it is not story text. Chapter headings are the `h2`s the
 * writer made; notes are `aside.author-note`. The story's language is kept when it differs from the book's.
 */
export function readFicbindStory(documents: EpubDocument[], conversion: HtmlConversion, bookLanguage: string | undefined): HtmlStory {
  const meta: Partial<StoryMeta> = {};
  const opener = select('header.story-opener', documents[0].body);
  if (opener) Object.assign(meta, openerMetadata(opener));
  const language = documentLanguage(documents[0]);
  if (language && language !== (bookLanguage ? languageTag(bookLanguage) : undefined)) meta.language = language;
  const children: ElementContent[] = documents.flatMap((document) => withoutElement(document.body.children, opener));
  const blocks = htmlToBlocks(sanitizeAndReport(children, conversion.file), conversion);
  return { tree: rootOf(blocks), meta };
}

function openerMetadata(opener: Element): Partial<StoryMeta> {
  const meta: Partial<StoryMeta> = {};
  const title = textOf(select('.story-title', opener));
  if (title) meta.title = title;
  const byline = select('.story-authors', opener);
  const marked = byline ? selectAll('span.author', byline).map((name) => textOf(name)).filter(Boolean) : [];
  const names = textOf(byline).replace(/^by\s+/i, '');
  if (marked.length > 0) meta.authors = marked;
  else if (names) meta.authors = names.split(/\s*,\s*|\s+and\s+/).filter(Boolean);
  const list = select('dl.story-meta', opener);
  for (const { term, definition } of list ? definitionPairs(list) : []) {
    const label = englishLabelOf(term) ?? textOf(term);
    if (fieldForLabel(label) === 'summary') {
      const paragraphs = selectAll('p', definition).map((paragraph) => textOf(paragraph)).filter(Boolean);
      meta.summary = paragraphs.length > 0 ? paragraphs.join('\n\n') : textOf(definition);
    } else {
      applyLabelledValue(meta, label, textOf(definition));
    }
  }
  return meta;
}

/**
 * The English label of a `dt` the writer classed with its label key (`<dt class="words">Mots</dt>` gives
 * `Words`), so a book in any language reads back; undefined for other books' lists.
 */
function englishLabelOf(term: Element): string | undefined {
  const classes = term.properties.className;
  const key = Array.isArray(classes) ? classes.map(String).find((name) => name in englishLabels) : undefined;
  return key === undefined ? undefined : englishLabels[key as LabelKey];
}

function documentLanguage(document: EpubDocument): string | undefined {
  const html = select('html', document.tree);
  const lang = html?.properties.lang ?? html?.properties.xmlLang;
  return typeof lang === 'string' ? languageTag(lang) : undefined;
}

/** The nodes with `target` (and nothing else) removed, at any depth; the input tree is not changed. */
function withoutElement(nodes: ElementContent[], target: Element | undefined): ElementContent[] {
  if (!target) return nodes;
  return nodes.flatMap((node): ElementContent[] => {
    if (node === target) return [];
    if (node.type !== 'element') return [node];
    return [{ ...node, children: withoutElement(node.children, target) }];
  });
}
