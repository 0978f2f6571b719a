// Writes a finished book's XML documents (XHTML, OPF, NCX), parsed with src/xml.ts, back out well-formed by construction.
import { localName, type Element, type Root, type RootContent } from '../xml.ts';
import { escapeXmlAttribute, escapeXmlText, stripIllegalXmlCharacters } from './xhtml.ts';

/** HTML elements that never have content: the only ones an XHTML document may write as `<br/>`. */
const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

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
