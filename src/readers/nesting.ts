// Bounds how deep a story may nest (HTML elements, Markdown containers), so no reader or rule recurses past the stack.
import type { Root as HastRoot } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import { parse, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { VFile } from 'vfile';
import { InputError, lineAt } from '../errors.ts';

/** Deeper than any real story (AO3 pages nest about 20 elements); deep enough that every recursive pass has room. */
export const maxNesting = 200;

type Parse5Node = DefaultTreeAdapterMap['node'];

/**
 * Parses HTML as hast-util-from-html does (parse5, then hast with positions), refusing a document nested deeper than
 * `maxNesting` before anything recursive walks it. parse5 itself builds its tree without recursion.
 */
export function parseHtmlBounded(input: VFile | string, path: string | undefined, options: { fragment?: boolean } = {}): HastRoot {
  const file = typeof input === 'string' ? new VFile({ value: input }) : input;
  const source = String(file.value);
  const settings = { sourceCodeLocationInfo: true, scriptingEnabled: false };
  const document = options.fragment ? parseFragment(source, settings) : parse(source, settings);
  const tooDeep = deepestBeyond(document as Parse5Node, maxNesting);
  if (tooDeep) {
    const line = tooDeep.sourceCodeLocation?.startLine;
    throw new InputError(`Unexpected HTML nested more than ${maxNesting} elements deep (<${tooDeep.nodeName}>), expected a story's usual structure`, { file: path ?? file.path ?? 'HTML', line });
  }
  return fromParse5(document, { file }) as HastRoot;
}

/** The first node found deeper than `limit`, by an explicit stack. */
function deepestBeyond(root: Parse5Node, limit: number): (Parse5Node & { sourceCodeLocation?: { startLine: number } | null }) | undefined {
  const stack: [Parse5Node, number][] = [[root, -1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return node as never;
    const children = 'childNodes' in node ? node.childNodes : [];
    const content = node.nodeName === 'template' && 'content' in node ? [node.content as Parse5Node] : [];
    for (const child of [...children, ...content]) if (!child.nodeName.startsWith('#') || child.nodeName === '#document-fragment') stack.push([child as Parse5Node, depth + 1]);
  }
  return undefined;
}

/**
 * Refuses Markdown whose containers (block quotes, list items, indentation) nest deeper than `maxNesting` on one
 * line: the parser's cost grows with depth on every line, and the tree would be too deep to walk.
 */
export function checkMarkdownNesting(text: string, path: string): void {
  const prefix = /^(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*/gm;
  for (const match of text.matchAll(prefix)) {
    const markers = match[0].replace(/\d{1,9}[.)]/g, '1').replace(/[ \t]/g, '').length;
    const indent = match[0].replace(/\t/g, '    ').replace(/[^ ]/g, '').length;
    if (markers + Math.floor(indent / 2) > maxNesting) {
      throw new InputError(`Unexpected Markdown nested more than ${maxNesting} levels deep (lists, block quotes or indentation), expected a story's usual structure`, { file: path, line: lineAt(text, match.index) });
    }
  }
}

/** Refuses a parsed tree (mdast) deeper than `maxNesting` + a margin for inline nesting, found without recursion. */
export function checkTreeDepth(tree: { children?: unknown[] }, path: string): void {
  const stack: [{ children?: unknown[]; position?: { start: { line: number } } }, number][] = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > maxNesting + 50) {
      throw new InputError(`Unexpected markup nested more than ${maxNesting} levels deep, expected a story's usual structure`, { file: path, line: node.position?.start.line });
    }
    for (const child of node.children ?? []) stack.push([child as never, depth + 1]);
  }
}
