// Writes XML documents (OPF, NCX, container.xml, XHTML read back from a book) from xast trees, well-formed by construction.
import { localName, type Element, type Root, type RootContent } from '../xml.ts';
import { OutputError } from '../errors.ts';
import { escapeXmlAttribute, escapeXmlText, isXmlName, stripIllegalXmlCharacters } from './xhtml.ts';

/** HTML elements that never have content: the only ones an XHTML document may write as `<br/>`. */
const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

export interface SerializeOptions {
  /**
   * XHTML rules: only HTML's void elements are self-closed, every other element gets an end tag (`<p></p>`), as
   * HTML parsers in reading systems expect. Default: false (any empty element is self-closed).
   */
  html?: boolean;
}

/** `<?xml version="1.0" encoding="UTF-8"?>`, to open a document built with xastscript. */
export const xmlDeclaration: RootContent = { type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"' };

/** A document to serialize: the declaration, then `root` indented. */
export function xmlDocument(root: Element): Root {
  return { type: 'root', children: [xmlDeclaration, indented(root)] };
}

/**
 * Writes the document: the XML declaration and doctype on their own lines, everything else as it is in the tree.
 * Characters XML forbids are dropped from text, attributes and comments; a name that is not an XML name is refused.
 */
export function serializeXml(root: Root, options: SerializeOptions = {}): string {
  return root.children.map((node) => serializeNode(node, options)).filter(Boolean).join('\n') + '\n';
}

function serializeNode(node: RootContent, options: SerializeOptions): string {
  if (node.type !== 'element') return serializeLeaf(node);
  const sink = { out: '' };
  writeElement(node, options, sink);
  return sink.out;
}

/** Everything but an element: written as a whole, possibly empty (an empty text). */
function serializeLeaf(node: RootContent): string {
  switch (node.type) {
    case 'text':
      return escapeXmlText(node.value);
    case 'cdata':
      // A CDATA section read from XML cannot contain `]]>`, so writing it back as one is safe.
      return `<![CDATA[${stripIllegalXmlCharacters(node.value)}]]>`;
    case 'comment':
      return `<!--${stripIllegalXmlCharacters(node.value).replace(/-(?=-|$)/g, '- ')}-->`;
    case 'instruction':
      return `<?${checkedName(node.name)}${node.value ? ` ${stripIllegalXmlCharacters(node.value).replace(/\?>/g, '')}` : ''}?>`;
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

/**
 * Appends the element to `sink.out`: one growing string for a whole document, instead of a string per element
 * joined into its parent's (a KEPUB has some 60,000 elements).
 */
function writeElement(element: Element, options: SerializeOptions, sink: { out: string }): void {
  let open = checkedName(element.name);
  for (const [name, value] of Object.entries(element.attributes)) {
    if (value === null || value === undefined) continue;
    open += ` ${checkedName(name)}="${escapeXmlAttribute(String(value))}"`;
  }
  if (element.children.some((child) => child.type === 'element')) {
    // Content that holds an element is never empty.
    sink.out += `<${open}>`;
    for (const child of element.children) {
      if (child.type === 'element') writeElement(child, options, sink);
      else sink.out += serializeLeaf(child);
    }
    sink.out += `</${element.name}>`;
    return;
  }
  const text = element.children.length === 1 ? serializeLeaf(element.children[0]) : element.children.map(serializeLeaf).join('');
  const selfClose = text === '' && (!options.html || voidElements.has(localName(element.name)));
  sink.out += selfClose ? `<${open}/>` : `<${open}>${text}</${element.name}>`;
}

/** Names already found to be XML names: a book repeats a few dozen of them thousands of times. */
const xmlNamesSeen = new Set<string>();

function checkedName(name: string): string {
  if (xmlNamesSeen.has(name)) return name;
  if (!isXmlName(name)) throw new OutputError(`Unexpected name \`${name}\` in XML output, expected an XML name (this is a bug in ficbind).`);
  if (xmlNamesSeen.size < 10_000) xmlNamesSeen.add(name);
  return name;
}

/** A node a document tree can hold: xast's and hast's elements and texts have the same shape. */
interface LayoutNode {
  type: string;
  children?: LayoutNode[];
}

/**
 * Indents a document for people reading it: every element whose children are all elements gets each child on
 * a line of its own, two spaces deeper, unless it holds one element of text alone (`<li><a>…</a></li>`).
 * Elements holding text are left as they are, so no text changes.
 */
export function indented<T extends LayoutNode>(node: T, depth = 0): T {
  const children = node.children;
  if (!children || children.length === 0 || !children.every((child) => child.type === 'element')) return node;
  if (children.length === 1 && children[0].children?.every((child) => child.type === 'text')) return node;
  const line = (level: number) => ({ type: 'text', value: '\n' + '  '.repeat(level) }) as LayoutNode;
  node.children = [...children.flatMap((child) => [line(depth + 1), indented(child, depth + 1)]), line(depth)];
  return node;
}
