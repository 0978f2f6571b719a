// Reads a cover template's SVG into an xast tree and writes a tree back, so the renderer sees only what was checked.
import { fromXml } from 'xast-util-from-xml';
import type { Element, Root, RootContent } from 'xast';
import { InputError, lineAt } from '../errors.ts';

export type { Element, Root, RootContent };

/**
 * Parses SVG source. Entity declarations are refused before parsing (they can reach outside the file, XXE), and
 * a syntax error names the file and line.
 */
export function parseSvg(source: string, file: string): Root {
  const entity = /<!ENTITY/i.exec(source);
  if (entity) {
    throw new InputError('Unexpected entity declaration (<!ENTITY>) in a cover template; expected plain SVG: remove the DOCTYPE block', {
      file,
      line: lineAt(source, entity.index),
    });
  }
  try {
    return fromXml(source);
  } catch (error) {
    const place = error as { reason?: string; line?: number; column?: number; cause?: { message?: string } };
    const reason = place.cause?.message?.split('\n')[0] ?? place.reason ?? (error as Error).message;
    const message = reason.replace(/\s*\(line \d+, column \d+\)$/, '');
    throw new InputError(`not well-formed SVG: ${message}`, { file, line: place.line ?? undefined, column: place.column ?? undefined }, { cause: error });
  }
}

/**
 * Serializes elements and text only: comments, doctypes and processing instructions are left out, CDATA becomes
 * escaped text. Attribute values and text are escaped, so the output is well-formed by construction.
 */
export function serializeSvg(node: Root | RootContent): string {
  switch (node.type) {
    case 'root':
      return node.children.map(serializeSvg).join('');
    case 'element': {
      const attributes = Object.entries(node.attributes)
        .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
        .map(([name, value]) => ` ${name}="${escapeXml(value, true)}"`)
        .join('');
      const children = node.children.map(serializeSvg).join('');
      return children ? `<${node.name}${attributes}>${children}</${node.name}>` : `<${node.name}${attributes}/>`;
    }
    case 'text':
    case 'cdata':
      return escapeXml(node.value, false);
    default:
      return '';
  }
}

function escapeXml(value: string, attribute: boolean): string {
  const escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attribute ? escaped.replace(/"/g, '&quot;') : escaped;
}

/** Calls `visit` for every element, depth first, with its ancestors (outermost first). */
export function walkElements(root: Root, visit: (element: Element, ancestors: readonly Element[]) => void): void {
  const walk = (children: readonly RootContent[], ancestors: Element[]) => {
    for (const child of children) {
      if (child.type !== 'element') continue;
      visit(child, ancestors);
      walk(child.children, [...ancestors, child]);
    }
  };
  walk(root.children, []);
}

/** Takes the given elements (and what they hold) out of the tree. */
export function removeElements(node: Root | Element, doomed: ReadonlySet<Element>): void {
  node.children = node.children.filter((child) => !(child.type === 'element' && doomed.has(child))) as typeof node.children;
  for (const child of node.children) if (child.type === 'element') removeElements(child, doomed);
}

/** The element's local name (`xlink:href` → `href`). */
export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}
