// What the Kindle check reads from a content document, gathered in one walk: from its parse, or from the writer's own hast before it is serialized, the same facts either way.
import type { Element as HastElement, Root as HastRoot } from 'hast';
import { attribute, localName, textContent, walkElements, type Root } from '../../xml.ts';
import { eachElement } from '../hast-elements.ts';
import { serializedAttribute, stripIllegalXmlCharacters } from '../xhtml.ts';
import { ContentMemo } from '../content-memo.ts';

export interface DocumentFacts {
  /** It starts `<?xml version="1.0" encoding="UTF-8"?>`. */
  declaresUtf8: boolean;
  /** The first `<html>`'s `xml:lang` and `lang`, in that order, when present. */
  languages: { name: string; tag: string }[];
  /** The first `<body>`'s id. */
  bodyId?: string;
  /** The text of each `<style>` element, then each `style` attribute, in document order. */
  styleSheets: string[];
  styleAttributes: string[];
  /** The `href` of each `<a>` and `<area>`. */
  links: string[];
}

/**
 * The facts of well-formed UTF-8 documents by content: those the EPUB writer serialized itself (`factsOfHast`),
 * those the check parsed, and those kept in the build cache by the last build. The same bytes always give the same
 * facts, so a document's are worked out once.
 */
export const kindleDocumentFacts = new ContentMemo<DocumentFacts>(100_000, () => 1);

/** Whether a document's text opens with the XML declaration naming UTF-8. */
export function declaresUtf8(text: string): boolean {
  return /^\uFEFF?<\?xml\s+version\s*=\s*["']1\.[01]["']\s+encoding\s*=\s*["']utf-8["']/i.test(text);
}

/** A walk that meets each element's name and attributes, as a parse would give them. */
type Walk = (visit: (name: string, attributeOf: (name: string) => string | undefined, text: () => string) => void) => void;

function gatherFacts(walk: Walk, utf8: boolean): DocumentFacts {
  const facts: DocumentFacts = { declaresUtf8: utf8, languages: [], styleSheets: [], styleAttributes: [], links: [] };
  let html = false;
  let body = false;
  walk((name, attributeOf, text) => {
    const local = localName(name);
    if (!html && local === 'html') {
      html = true;
      for (const attributeName of ['xml:lang', 'lang']) {
        const tag = attributeOf(attributeName);
        if (tag !== undefined) facts.languages.push({ name: attributeName, tag });
      }
    }
    if (!body && local === 'body') {
      body = true;
      facts.bodyId = attributeOf('id');
    }
    if (local === 'style') facts.styleSheets.push(text());
    const style = attributeOf('style');
    if (style) facts.styleAttributes.push(style);
    if (name === 'a' || name === 'area') {
      const href = attributeOf('href');
      if (href !== undefined) facts.links.push(href);
    }
  });
  return facts;
}

/** The facts of a parsed document. */
export function factsOfXml(tree: Root, utf8: boolean): DocumentFacts {
  return gatherFacts(
    (visit) => walkElements(tree, (element) => visit(element.name, (name) => attribute(element, name), () => textContent(element))),
    utf8,
  );
}

/**
 * The facts of the document `xhtmlDocument` writes from `html`, without parsing what it wrote: attributes as the
 * serializer names and writes them, then as an XML parser reads them back (characters XML forbids dropped, line
 * ends and tabs in attribute values read as spaces, `\r\n` in text as `\n`).
 */
export function factsOfHast(html: HastElement | HastRoot, utf8: boolean): DocumentFacts {
  const attributeOf = (element: HastElement) => (name: string) => {
    const value = serializedAttribute(element, name);
    return value === undefined ? undefined : stripIllegalXmlCharacters(value).replace(/\r\n?/g, '\n').replace(/[\t\n]/g, ' ');
  };
  const text = (element: HastElement) => stripIllegalXmlCharacters(hastText(element)).replace(/\r\n?/g, '\n');
  // The walk visits what is below its root: the `html` element itself too.
  const root: HastRoot = html.type === 'root' ? html : { type: 'root', children: [html] };
  return gatherFacts((visit) => eachElement(root, (element) => visit(element.tagName, attributeOf(element), () => text(element))), utf8);
}

function hastText(element: HastElement): string {
  let text = '';
  for (const child of element.children) {
    if (child.type === 'text') text += child.value;
    else if (child.type === 'element') text += hastText(child);
  }
  return text;
}
