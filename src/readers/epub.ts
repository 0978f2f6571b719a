// Reads an EPUB (AO3, FanFicFare, calibre, or one ficbind made): metadata from the package, chapters in spine order through the HTML reader.
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { parseHtmlBounded } from './nesting.ts';
import { select, selectAll } from 'hast-util-select';
import type { Heading, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import type { StoryMeta } from '../story.ts';
import { isAo3Document, readAo3Document } from './ao3-html.ts';
import { EpubArchive, readEpubPackage, type EpubPackage } from './epub-package.ts';
import { readFicbindStory, startsFicbindStory } from './ficbind-epub.ts';
import { archiveImageSource, localReference, maxImageBytes, noImages, resolveArchivePath } from './html-images.ts';
import { blocksToSummary, languageTag, unique } from './html-metadata.ts';
import { sanitizeAndReport } from './html-sanitize.ts';
import { htmlToBlocks, type HtmlConversion } from './html-to-story.ts';
import { storyFromHtml, takeTitleHeading } from './html.ts';
import { rootOf, type HtmlStory } from './html-page.ts';
import type { ReadStory } from './read-story.ts';

export type { EpubDocument } from './epub-document.ts';
import type { EpubDocument } from './epub-document.ts';

/** File names FanFicFare and calibre give the pages they generate (ficbind marks its own with `epub:type`). */
const generatedPageNames = /(?:^|\/)(?:title_?page|toc_?page|log_page|cover|titlepage)\.x?html?$/i;
const generatedPageTypes = /\b(?:cover|titlepage|toc|landmarks|colophon)\b/;

export async function readEpub(bytes: Uint8Array, path: string): Promise<ReadStory[]> {
  const archive = await EpubArchive.open(bytes, path);
  const book = await readEpubPackage(archive);
  const documents = await readDocuments(archive, book);
  const images = archiveImageSource('', await readImages(archive, documents));
  if (documents.length === 0) return [storyFromHtml(combinedFile(path, []), { tree: rootOf([]), meta: packageMeta(book, true) })];

  if (/^ficbind\b/i.test(book.metadata.generator ?? '')) {
    const groups: EpubDocument[][] = [];
    for (const document of documents) {
      if (groups.length === 0 || startsFicbindStory(document)) groups.push([]);
      groups[groups.length - 1].push(document);
    }
    if (groups.length > 1 || startsFicbindStory(groups[0][0])) {
      return groups.map((group) => {
        const file = combinedFile(groups.length > 1 ? `${path}/${group[0].path}` : path, group);
        return storyFromHtml(file, readFicbindStory(group, { file, images }, book.metadata.language));
      });
    }
  }

  const file = combinedFile(path, documents);
  const conversion: HtmlConversion = { file, images };
  const combined: HastRoot = { type: 'root', children: documents.map((document) => ({ ...document.body, tagName: 'div', properties: {} })) };
  if (isAo3Document(combined)) {
    file.data.htmlFlavor = 'ao3';
    const story = readAo3Document(combined, conversion);
    return [storyFromHtml(file, { tree: story.tree, meta: { ...packageMeta(book, false), ...definedFields(story.meta) } })];
  }
  file.data.htmlFlavor = 'generic';
  return [storyFromHtml(file, readChapters(documents, conversion, book))];
}

/** The spine's documents, less the navigation, covers and title pages the making program added. */
async function readDocuments(archive: EpubArchive, book: EpubPackage): Promise<EpubDocument[]> {
  const documents: EpubDocument[] = [];
  for (const item of book.spine) {
    if (book.generatedPages.has(item.path) || item.properties.includes('nav') || generatedPageNames.test(item.path)) continue;
    const text = await archive.text(item.path);
    if (text === undefined) continue;
    const tree = parseHtmlBounded(text, `${archive.path} (${item.path})`);
    const body = select('body', tree);
    if (!body || isGeneratedPage(body)) continue;
    rewriteImageSources(body, item.path);
    documents.push({ path: item.path, text, tree, body });
  }
  return documents;
}

/** The top-level parts of a page: its body's sections, navs and divs, or those of Kobo's page frame in a KEPUB. */
const pageParts = ['body', 'body > div#book-columns > div#book-inner'].flatMap((parent) => ['section', 'nav', 'div'].map((part) => `${parent} > ${part}`)).join(', ');

function isGeneratedPage(body: Element): boolean {
  const types = [body, ...selectAll(pageParts, { type: 'root', children: [body] })].map((element) => epubType(element));
  return types.some((type) => generatedPageTypes.test(type)) || (selectAll('nav', body).length > 0 && selectAll('p', body).length === 0);
}

function epubType(element: Element): string {
  const entry = Object.entries(element.properties).find(([key]) => key.toLowerCase().replace(/[^a-z]/g, '') === 'epubtype');
  return entry ? String(entry[1]) : '';
}

/** Image sources relative to their document become paths from the archive's root, so one source serves the book. */
function rewriteImageSources(body: Element, documentPath: string): void {
  visit(body, 'element', (element) => {
    if (element.tagName !== 'img' || typeof element.properties.src !== 'string') return;
    const local = localReference(element.properties.src);
    if ('problem' in local) return;
    const path = resolveArchivePath(documentPath, local.path);
    if (path) element.properties.src = path.split('/').map(encodeURIComponent).join('/');
  });
}

async function readImages(archive: EpubArchive, documents: EpubDocument[]): Promise<Map<string, Uint8Array>> {
  const entries = new Map<string, Uint8Array>();
  for (const document of documents) {
    for (const image of selectAll('img[src]', document.body)) {
      const local = localReference(String(image.properties.src));
      if ('problem' in local || entries.has(local.path) || !archive.has(local.path)) continue;
      const bytes = await archive.bytes(local.path, maxImageBytes);
      if (bytes) entries.set(local.path, bytes);
    }
  }
  return entries;
}

/**
 * One VFile for the documents of a story: their texts joined by line feeds, every position shifted to match,
 * so diagnostics point at a line of that joined text.
 */
function combinedFile(path: string, documents: EpubDocument[]): VFile {
  let offset = 0;
  let line = 0;
  for (const document of documents) {
    shiftPositions(document.tree, offset, line);
    offset += document.text.length + 1;
    line += document.text.split('\n').length;
  }
  return new VFile({ path, value: documents.map((document) => document.text).join('\n'), data: { format: 'html', encoding: 'utf-8' } });
}

function shiftPositions(tree: HastRoot, offset: number, lines: number): void {
  if (offset === 0) return;
  visit(tree, (node) => {
    const position = node.position;
    if (!position) return;
    for (const point of [position.start, position.end]) {
      point.line += lines;
      if (point.offset !== undefined) point.offset += offset;
    }
  });
}

/**
 * Any other book: each document is a chapter whose heading is the heading it opens with, else its
 * table-of-contents label; a document with neither continues the chapter before (calibre splits long ones).
 * A book of one document keeps its own headings as chapters.
 */
function readChapters(documents: EpubDocument[], conversion: HtmlConversion, book: EpubPackage): HtmlStory {
  const meta = packageMeta(book, true);
  const convert = (document: EpubDocument) => htmlToBlocks(sanitizeAndReport(document.body.children as ElementContent[], conversion.file), conversion);
  const sameAsTitle = (block: RootContent | undefined) =>
    block?.type === 'heading' && meta.title !== undefined && toString(block).trim().toLowerCase() === meta.title.trim().toLowerCase();
  if (documents.length === 1) {
    const blocks = convert(documents[0]);
    if (sameAsTitle(blocks[0])) takeTitleHeading(blocks);
    return { tree: rootOf(blocks), meta };
  }
  const blocks: RootContent[] = [];
  documents.forEach((document, index) => {
    const part = convert(document);
    if (index === 0 && sameAsTitle(part[0])) part.shift();
    const label = book.labels.get(document.path);
    let heading: Heading | undefined;
    if (part[0]?.type === 'heading') heading = { ...(part.shift() as Heading), depth: 2 };
    else if (label) heading = { type: 'heading', depth: 2, children: [{ type: 'text', value: label }] };
    for (const block of part) if (block.type === 'heading' && block.depth < 3) block.depth = 3;
    if (heading) blocks.push(heading);
    blocks.push(...part);
  });
  return { tree: rootOf(blocks), meta };
}

/** What the package says about the book. Subjects are tags only when no richer source (AO3's preface) sorts them. */
function packageMeta(book: EpubPackage, subjectsAreTags: boolean): Partial<StoryMeta> {
  const { metadata } = book;
  const meta: Partial<StoryMeta> = {};
  if (metadata.titles[0]) meta.title = metadata.titles[0];
  const authors = metadata.creators.filter((creator) => (creator.role ? creator.role === 'aut' : creator.element === 'creator'));
  if (authors.length > 0) meta.authors = unique(authors.map((creator) => creator.name));
  const language = metadata.language ? languageTag(metadata.language) : undefined;
  if (language) meta.language = language;
  if (metadata.description) meta.summary = descriptionText(metadata.description);
  if (metadata.source) meta.source = metadata.source;
  if (metadata.series) meta.series = metadata.series;
  if (subjectsAreTags && metadata.subjects.length > 0) meta.tags = unique(metadata.subjects);
  return meta;
}

/** calibre and FanFicFare write HTML into the description: its text, paragraphs kept. */
function descriptionText(description: string): string {
  if (!/<[a-z!/]/i.test(description)) return description.trim();
  const file = new VFile({ value: description });
  const tree = parseHtmlBounded(description, undefined, { fragment: true });
  return blocksToSummary(htmlToBlocks(sanitizeAndReport(tree.children as ElementContent[], file), { file, images: noImages }));
}

function definedFields(meta: Partial<StoryMeta>): Partial<StoryMeta> {
  return Object.fromEntries(Object.entries(meta).filter(([, value]) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)));
}
