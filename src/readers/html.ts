// Reads a saved HTML page: AO3 downloads and FanFiction.net pages by their structure, any other page as its body's text.
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { select, selectAll } from 'hast-util-select';
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { emptyMeta, type StoryMeta } from '../story.ts';
import { titleFromFileName } from './front-matter.ts';
import type { ReadStory } from './index.ts';
import { isAo3Document, readAo3Document } from './ao3-html.ts';
import { isFfnDocument, readFfnDocument } from './ffn-html.ts';
import type { ImageSource } from './html-images.ts';
import { languageTag, textOf } from './html-metadata.ts';
import { sanitizeAndReport } from './html-sanitize.ts';
import { htmlToBlocks, type HtmlConversion } from './html-to-story.ts';
import { parseHtmlBounded } from './nesting.ts';

/** What an HTML-based reader gives: the story tree and the metadata the page carries. */
export interface HtmlStory {
  tree: Root;
  meta: Partial<StoryMeta>;
}

/** Which reader a page went to, recorded as `file.data.htmlFlavor`. */
export type HtmlFlavor = 'ao3' | 'ffn' | 'generic';

/** Parses `file.value` as HTML (positions are offsets into it) and reads it as a story. */
export function readHtml(file: VFile, images: ImageSource): HtmlStory {
  return readHtmlDocument(parseHtml(file), { file, images });
}

export function parseHtml(file: VFile): HastRoot {
  return parseHtmlBounded(file, file.path);
}

/** Sniffs the page's structure and hands it to the reader that knows it. */
export function readHtmlDocument(document: HastRoot, conversion: HtmlConversion): HtmlStory {
  const flavor: HtmlFlavor = isAo3Document(document) ? 'ao3' : isFfnDocument(document) ? 'ffn' : 'generic';
  conversion.file.data.htmlFlavor = flavor;
  if (flavor === 'ao3') return readAo3Document(document, conversion);
  if (flavor === 'ffn') return readFfnDocument(document, conversion);
  return readGenericDocument(document, conversion);
}

/** Any page: the body's text; headings are chapters, and a lone heading at the top is the title. */
export function readGenericDocument(document: HastRoot, conversion: HtmlConversion): HtmlStory {
  const meta = headMetadata(document);
  const body = select('body', document) ?? document;
  const text = withoutNavigation(body.children as ElementContent[]);
  const children = htmlToBlocks(sanitizeAndReport(text, conversion.file), conversion);
  const title = takeTitleHeading(children);
  if (title) meta.title = title;
  return { tree: rootOf(children), meta };
}

/** Site menus (`<nav>`, `role="navigation"`) are not story text. */
function withoutNavigation(nodes: ElementContent[]): ElementContent[] {
  return nodes.flatMap((node): ElementContent[] => {
    if (node.type !== 'element') return [node];
    if (node.tagName === 'nav' || node.properties.role === 'navigation') return [];
    return [{ ...node, children: withoutNavigation(node.children) }];
  });
}

/** Title, authors, language, description and address from `<head>` and the `<html>` element. */
export function headMetadata(document: HastRoot): Partial<StoryMeta> {
  const meta: Partial<StoryMeta> = {};
  const head = headOf(document);
  const title = textOf(select('title', head) ?? undefined);
  if (title) meta.title = title;
  const named = (name: string) => selectAll('meta[name]', head).find((element) => String(element.properties.name).toLowerCase() === name);
  const content = (element: Element | undefined) => (typeof element?.properties.content === 'string' ? element.properties.content.trim() : '');
  const author = content(named('author'));
  if (author) meta.authors = author.split(/\s*(?:,|;|&|\band\b)\s*/).filter(Boolean);
  const description = content(named('description'));
  if (description) meta.summary = description;
  const html = select('html', document);
  const lang = typeof html?.properties.lang === 'string' ? html.properties.lang : typeof html?.properties.xmlLang === 'string' ? html.properties.xmlLang : '';
  const language = lang ? languageTag(lang) : undefined;
  if (language) meta.language = language;
  const source = canonicalAddress(document);
  if (source) meta.source = source;
  return meta;
}

/** `<link rel="canonical">`, else the address a browser noted when saving the page (`<!-- saved from url=(0042)… -->`). */
export function canonicalAddress(document: HastRoot): string | undefined {
  const canonical = selectAll('link[rel]', headOf(document)).find((element) => String(element.properties.rel).toLowerCase().split(/\s+/).includes('canonical'));
  const href = typeof canonical?.properties.href === 'string' ? canonical.properties.href.trim() : '';
  if (/^https?:\/\//i.test(href)) return href;
  if (/^\/\/[^/]/.test(href)) return `https:${href}`;
  // Browsers write it before or just inside `<html>`.
  const html = document.children.find((node): node is Element => node.type === 'element' && node.tagName === 'html');
  for (const node of [...document.children, ...(html?.children ?? [])]) {
    const match = node.type === 'comment' ? /saved from url=\(\d+\)(https?:\/\/\S+)/i.exec(node.value) : null;
    if (match) return match[1];
  }
  return undefined;
}

/** The `<head>`: where a page's own metadata is (searching only there keeps long pages fast). */
function headOf(document: HastRoot): HastRoot {
  const html = document.children.find((node): node is Element => node.type === 'element' && node.tagName === 'html');
  const head = html?.children.find((node): node is Element => node.type === 'element' && node.tagName === 'head');
  return { type: 'root', children: head ? [head] : [] };
}

/**
 * When the text opens with a heading and no other heading is as high, that heading is the story's title
 * (`<h1>Title</h1>` over `<h2>` chapters): it is taken out of the text and returned.
 */
export function takeTitleHeading(blocks: RootContent[]): string | undefined {
  const first = blocks[0];
  if (first?.type !== 'heading') return undefined;
  if (blocks.slice(1).some((block) => block.type === 'heading' && block.depth <= first.depth)) return undefined;
  blocks.shift();
  return toString(first).replace(/\s+/g, ' ').trim() || undefined;
}

/** The story as every reader returns it: the page's metadata over the defaults (title from the file name). */
export function storyFromHtml(file: VFile, story: HtmlStory): ReadStory {
  const meta = emptyMeta(titleFromFileName(file.path));
  for (const [key, value] of Object.entries(story.meta)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    (meta as unknown as Record<string, unknown>)[key] = value;
  }
  return { meta, tree: story.tree, file };
}

export function rootOf(children: RootContent[]): Root {
  const first = children.find((child) => child.position)?.position;
  const last = [...children].reverse().find((child) => child.position)?.position;
  return { type: 'root', children, position: first && last ? { start: first.start, end: last.end } : undefined };
}

declare module 'vfile' {
  interface DataMap {
    htmlFlavor: HtmlFlavor;
  }
}
