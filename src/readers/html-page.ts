// What every HTML-based reader shares (generic pages, AO3, FanFiction.net, EPUB documents): the story it returns, and a page's own metadata and address.
import type { Element, Root as HastRoot } from 'hast';
import { select, selectAll } from 'hast-util-select';
import type { Root, RootContent } from 'mdast';
import type { StoryMeta } from '../story.ts';
import { languageTag, textOf } from './html-metadata.ts';

/** What an HTML-based reader gives: the story tree and the metadata the page carries. */
export interface HtmlStory {
  tree: Root;
  meta: Partial<StoryMeta>;
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

export function rootOf(children: RootContent[]): Root {
  const first = children.find((child) => child.position)?.position;
  const last = [...children].reverse().find((child) => child.position)?.position;
  return { type: 'root', children, position: first && last ? { start: first.start, end: last.end } : undefined };
}
