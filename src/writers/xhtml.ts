// Serializes a hast tree as XHTML that is well-formed XML by construction: escaped text, closed elements, no raw HTML.
import type { Nodes, Element, Properties } from 'hast';
import type { Element as XmlElement, ElementContent as XmlContent, Root as XmlRoot } from 'xast';
import { find, html, type Info } from 'property-information';
import { OutputError } from '../errors.ts';

/** Elements that never have content; written self-closed (`<br/>`). */
const voidElements = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
]);

/** An XML 1.0 name, optionally with one namespace prefix (`epub:type`, `xml:lang`). */
const xmlName = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;

/**
 * Characters XML 1.0 forbids, plus carriage returns (a parser would turn them into line feeds anyway):
 * C0 controls other than tab and line feed, U+FFFE, U+FFFF and unpaired surrogates.
 */
const illegalCharacters = /[\0-\x08\x0B-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Whether `name` can name an element or attribute (one prefix allowed). */
export function isXmlName(name: string): boolean {
  return xmlName.test(name);
}

/** Removes characters that cannot appear in an XML 1.0 document. */
export function stripIllegalXmlCharacters(value: string): string {
  return value.replace(illegalCharacters, '');
}

/** Anything text or an attribute value may need escaped or removed: most text needs nothing, found in one scan. */
const needsEscaping = /[&<>"\0-\x08\x0B-\x1F\uFFFE\uFFFF\uD800-\uDFFF]/;

export function escapeXmlText(value: string): string {
  if (!needsEscaping.test(value)) return value;
  return stripIllegalXmlCharacters(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeXmlAttribute(value: string): string {
  if (!needsEscaping.test(value)) return value;
  return stripIllegalXmlCharacters(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

/**
 * Serializes hast as XHTML markup. Non-ASCII text is written as is (the document is UTF-8), never as
 * character references. Doctypes are skipped (templates own the document shell); `raw` nodes are refused,
 * because their markup cannot be checked.
 */
export function hastToXhtml(tree: Nodes | Nodes[]): string {
  if (Array.isArray(tree)) return tree.map((node) => hastToXhtml(node)).join('');
  switch (tree.type) {
    case 'root':
      return hastToXhtml(tree.children);
    case 'element':
      return serializeElement(tree);
    case 'text':
      return escapeXmlText(tree.value);
    case 'comment':
      return serializeComment(tree.value);
    case 'doctype':
      return '';
    default:
      throw new OutputError(
        `Unexpected \`${(tree as { type: string }).type}\` node in XHTML output, expected elements and text: ` +
          'raw HTML cannot be written safely (this is a bug in the step that produced it).',
      );
  }
}

function serializeElement(element: Element): string {
  checkElementName(element);
  const open = element.tagName + serializeAttributes(element.properties);
  if (voidElements.has(element.tagName)) return `<${open}/>`;
  return `<${open}>${hastToXhtml(contentOf(element))}</${element.tagName}>`;
}

function checkElementName(element: Element): void {
  if (!xmlName.test(element.tagName)) {
    throw new OutputError(`Unexpected element name \`${element.tagName}\` in XHTML output, expected an XML name.`);
  }
}

/** What is written inside the element: templates' content lives in `content`, not `children`. */
function contentOf(element: Element): Nodes[] {
  return element.tagName === 'template' && element.content ? element.content.children : element.children;
}

function serializeAttributes(properties: Properties | undefined): string {
  let markup = '';
  for (const [property, value] of Object.entries(properties ?? {})) {
    const info = find(html, property);
    const serialized = attributeValue(info, value);
    if (serialized === undefined || !xmlName.test(info.attribute)) continue;
    markup += ` ${info.attribute}="${escapeXmlAttribute(serialized)}"`;
  }
  return markup;
}

/** The text `hastToXhtml` writes for the element's attribute `name` (`xml:lang`, `class`), before escaping; undefined when it writes none. */
export function serializedAttribute(element: Element, name: string): string | undefined {
  for (const [property, value] of Object.entries(element.properties ?? {})) {
    const info = find(html, property);
    if (info.attribute !== name || !xmlName.test(info.attribute)) continue;
    return attributeValue(info, value);
  }
  return undefined;
}

/** The attribute's text, or `undefined` when the property means "no attribute". */
function attributeValue(info: Info, value: Properties[string]): string | undefined {
  if (value === null || value === undefined || value === false) return undefined;
  if (typeof value === 'number' && Number.isNaN(value)) return undefined;
  // XML has no minimized attributes: a boolean attribute repeats its own name.
  if (value === true) return info.boolean || info.overloadedBoolean ? info.attribute : info.booleanish ? 'true' : '';
  if (Array.isArray(value)) return value.join(info.commaSeparated ? ', ' : ' ');
  return String(value);
}

/**
 * A whole XHTML document: the XML declaration, the HTML doctype, then the `html` element as `hastToXhtml` writes it.
 */
export function xhtmlDocument(html: Element): string {
  if (html.tagName !== 'html') throw new OutputError(`Unexpected \`${html.tagName}\` at the root of an XHTML document, expected \`html\`.`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n${hastToXhtml(html)}\n`;
}

function serializeComment(value: string): string {
  return `<!--${commentText(value)}-->`;
}

/** `--` may not appear inside an XML comment, nor may it end with `-`. */
function commentText(value: string): string {
  return stripIllegalXmlCharacters(value).replace(/-(?=-|$)/g, '- ');
}

/**
 * The xast tree an XML parser reads back from `xhtmlDocument(html)` (positions aside), made without writing and
 * parsing it: names and values as the serializer writes them, then as the parser reads them (characters XML forbids
 * dropped, tabs and line ends in attribute values read as spaces), adjacent texts joined and empty ones gone. The
 * KEPUB, made from the EPUB's bytes, takes these instead of parsing every document back.
 */
export function xhtmlTree(html: Element): XmlRoot {
  return {
    type: 'root',
    children: [
      { type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"' },
      { type: 'doctype', name: 'html', public: undefined, system: undefined },
      xmlElementOf(html),
    ],
  };
}

function xmlElementOf(element: Element): XmlElement {
  checkElementName(element);
  const attributes: Record<string, string> = {};
  for (const [property, value] of Object.entries(element.properties ?? {})) {
    const info = find(html, property);
    const serialized = attributeValue(info, value);
    if (serialized === undefined || !xmlName.test(info.attribute)) continue;
    attributes[info.attribute] = stripIllegalXmlCharacters(serialized).replace(/[\t\n]/g, ' ');
  }
  const children: XmlContent[] = [];
  if (!voidElements.has(element.tagName)) appendXmlNodes(contentOf(element), children);
  return { type: 'element', name: element.tagName, attributes, children };
}

function appendXmlNodes(nodes: Nodes[], into: XmlContent[]): void {
  for (const node of nodes) {
    if (node.type === 'element') {
      into.push(xmlElementOf(node));
    } else if (node.type === 'text') {
      const value = stripIllegalXmlCharacters(node.value);
      const last = into.at(-1);
      if (value === '') continue;
      if (last?.type === 'text') last.value += value;
      else into.push({ type: 'text', value });
    } else if (node.type === 'comment') {
      into.push({ type: 'comment', value: commentText(node.value) });
    } else if (node.type === 'root') {
      appendXmlNodes(node.children, into);
    } else if (node.type !== 'doctype') {
      hastToXhtml(node); // throws, naming the node the serializer refuses
    }
  }
}
