// Reads XML (OPF, NCX, XHTML, container.xml) into xast safely, and finds elements, attributes and text in it.
import { fromXml } from 'xast-util-from-xml';
import type { Element, Root, RootContent } from 'xast';

export type { Element, Root, RootContent };

/** Why a document could not be parsed: a short reason, without the parser's stack. */
export class XmlSyntaxError extends Error {}

/**
 * Parses one XML document. Entity declarations are refused before parsing (a book has no use for them, and they
 * can blow up or reach outside the file).
 */
export function parseXml(source: string): Root {
  if (/<!ENTITY/i.test(source)) throw new XmlSyntaxError('Unexpected entity declaration (<!ENTITY>), expected plain XML');
  try {
    return fromXml(source.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = (error as { reason?: string }).reason ?? (error as Error).message;
    throw new XmlSyntaxError(reason.split('\n')[0]);
  }
}

/** The parsed document, or undefined when it is not well-formed (an optional file a book may get wrong). */
export function tryParseXml(source: string): Root | undefined {
  try {
    return parseXml(source);
  } catch {
    return undefined;
  }
}

/** `epub:type` → `type`, `dc:language` → `language`, `p` → `p`. */
export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/** Calls `visit` on every element below `tree`, in document order. */
export function walkElements(tree: Root | Element, visit: (element: Element) => void): void {
  for (const child of tree.children) {
    if (child.type !== 'element') continue;
    visit(child);
    walkElements(child, visit);
  }
}

/** Every element named `name` (any prefix), in document order. */
export function elementsNamed(tree: Root | Element, name: string): Element[] {
  const found: Element[] = [];
  walkElements(tree, (element) => {
    if (hasLocalName(element, name)) found.push(element);
  });
  return found;
}

/** Whether the element's name, without its prefix, is `name` (`localName(element.name) === name`, without making the string). */
export function hasLocalName(element: Element, name: string): boolean {
  const full = element.name;
  const colon = full.indexOf(':');
  if (colon === -1) return full === name;
  return full.length - colon - 1 === name.length && full.endsWith(name);
}

/** An attribute's text, or undefined when it is absent. */
export function attribute(element: Element, name: string): string | undefined {
  const value = element.attributes[name];
  return value === null || value === undefined ? undefined : String(value);
}

/** The text content of an element (CDATA included). */
export function textContent(element: Element): string {
  return element.children.map((child) => (child.type === 'text' || child.type === 'cdata' ? child.value : child.type === 'element' ? textContent(child) : '')).join('');
}

/** A percent-encoded href or fragment decoded, or as written when its escapes are broken. */
export function decodeUriPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
