// Parses a finished book's XML documents (XHTML, OPF, NCX) into xast and writes them back, well-formed by construction.
import { fromXml } from 'xast-util-from-xml';
import type { Element, Root, RootContent } from 'xast';
import { escapeXmlAttribute, escapeXmlText, stripIllegalXmlCharacters } from './xhtml.ts';

export type { Element, Root, RootContent };

/** HTML elements that never have content: the only ones an XHTML document may write as `<br/>`. */
const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

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

export interface SerializeOptions {
  /**
   * XHTML rules: only HTML's void elements are self-closed, every other element gets an end tag (`<p></p>`), as
   * HTML parsers in reading systems expect. Default: false (any empty element is self-closed).
   */
  html?: boolean;
}

/** Writes the document back: the XML declaration and doctype on their own lines, everything else as parsed. */
export function serializeXml(root: Root, options: SerializeOptions = {}): string {
  return root.children.map((node) => serializeNode(node, options)).filter(Boolean).join('\n') + '\n';
}

function serializeNode(node: RootContent, options: SerializeOptions): string {
  switch (node.type) {
    case 'element':
      return serializeElement(node, options);
    case 'text':
      return escapeXmlText(node.value);
    case 'cdata':
      // A CDATA section read from XML cannot contain `]]>`, so writing it back as one is safe.
      return `<![CDATA[${stripIllegalXmlCharacters(node.value)}]]>`;
    case 'comment':
      return `<!--${stripIllegalXmlCharacters(node.value).replace(/-(?=-|$)/g, '- ')}-->`;
    case 'instruction':
      return `<?${node.name}${node.value ? ` ${node.value.replace(/\?>/g, '')}` : ''}?>`;
    case 'doctype':
      return `<!DOCTYPE ${node.name}${doctypeIds(node.public, node.system)}>`;
    default:
      return '';
  }
}

function doctypeIds(publicId: string | undefined, systemId: string | undefined): string {
  if (publicId) return ` PUBLIC "${publicId.replace(/"/g, '')}" "${(systemId ?? '').replace(/"/g, '')}"`;
  if (systemId) return ` SYSTEM "${systemId.replace(/"/g, '')}"`;
  return '';
}

function serializeElement(element: Element, options: SerializeOptions): string {
  let open = element.name;
  for (const [name, value] of Object.entries(element.attributes)) {
    if (value === null || value === undefined) continue;
    open += ` ${name}="${escapeXmlAttribute(String(value))}"`;
  }
  const children = element.children.map((child) => serializeNode(child, options)).join('');
  const selfClose = children === '' && (!options.html || voidElements.has(localName(element.name)));
  return selfClose ? `<${open}/>` : `<${open}>${children}</${element.name}>`;
}

/** `epub:type` → `type`, `dc:language` → `language`, `p` → `p`. */
export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/** Every element named `name` (any prefix), in document order. */
export function elementsNamed(tree: Root | Element, name: string): Element[] {
  const found: Element[] = [];
  const visit = (parent: Root | Element) => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      if (localName(child.name) === name) found.push(child);
      visit(child);
    }
  };
  visit(tree);
  return found;
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
