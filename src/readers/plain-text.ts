// Reads pasted plain text into a story tree: blank-line paragraphs, only *emphasis* and _emphasis_ inline, no Markdown.
import type { Root, Paragraph, PhrasingContent, Text } from 'mdast';
import type { VFile } from 'vfile';
import { pointFinder, type ToPoint } from '../source-points.ts';

interface Line {
  text: string;
  offset: number;
}

interface Block {
  lines: Line[];
  /** Blank lines between this block and the previous one (or the start of the file). */
  blankLinesBefore: number;
}

/** How single line breaks inside a block are read. */
type LineMode = 'unwrap' | 'paragraph-per-line' | 'line-break';

/**
 * Markdown would turn `~~~`, indented paragraphs, `1984. That year`, `- Hello`, setext underlines,
 * a lone `#` and `<center>` into code, lists, headings or nothing. Here every line is prose.
 */
export function readPlainText(file: VFile): Root {
  const text = String(file.value);
  const toPoint = pointFinder(file);
  const blocks = splitBlocks(text);
  const wrapped = isHardWrapped(blocks);
  const children: Paragraph[] = [];
  for (const block of blocks) {
    const mode = lineModeFor(block, wrapped, blocks.length);
    groupLines(block, mode).forEach((group, index) => {
      const paragraph = makeParagraph(text, group, mode, toPoint);
      // Kept for the scene-breaks rule, which warns about runs of blank lines (possible lost text).
      if (index === 0) paragraph.data = { blankLinesBefore: block.blankLinesBefore } as Paragraph['data'];
      children.push(paragraph);
    });
  }
  const end = toPoint(text.length) ?? { line: 1, column: 1, offset: 0 };
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end } };
}

function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Line[] = [];
  let blanks = 0;
  let offset = 0;
  for (const lineText of text.split('\n')) {
    if (lineText.trim() === '') {
      if (current.length > 0) blocks.push({ lines: current, blankLinesBefore: blanks }), (current = []), (blanks = 0);
      // Empty lines at the start (or left where front matter was) separate nothing.
      if (blocks.length > 0) blanks++;
    } else {
      current.push({ text: lineText.replace(/\r$/, ''), offset });
    }
    offset += lineText.length + 1;
  }
  if (current.length > 0) blocks.push({ lines: current, blankLinesBefore: blanks });
  return blocks;
}

/** A file wrapped at a fixed width: most lines that continue a paragraph end near the same column. */
function isHardWrapped(blocks: Block[]): boolean {
  const lengths = blocks.flatMap((block) => block.lines.slice(0, -1).map((line) => line.text.trimEnd().length));
  if (lengths.length < 4) return false;
  const widest = lengths.reduce((most, length) => Math.max(most, length), 0);
  if (widest > 100 || widest < 30) return false;
  const nearWidth = lengths.filter((length) => length >= widest - 20).length;
  return nearWidth / lengths.length >= 0.75;
}

function lineModeFor(block: Block, wrapped: boolean, blockCount: number): LineMode {
  if (block.lines.length === 1) return 'line-break';
  if (wrapped) return 'unwrap';
  // One paragraph per line: a whole file without blank lines, or blocks of long unwrapped lines.
  if (blockCount === 1) return 'paragraph-per-line';
  const continued = block.lines.slice(0, -1);
  const averageLength = continued.reduce((sum, line) => sum + line.text.length, 0) / continued.length;
  return averageLength > 100 ? 'paragraph-per-line' : 'line-break';
}

/** In unwrapped text an indented line still starts a new paragraph. */
function groupLines(block: Block, mode: LineMode): Line[][] {
  if (mode === 'paragraph-per-line') return block.lines.map((line) => [line]);
  if (mode === 'line-break') return [block.lines];
  const groups: Line[][] = [];
  for (const line of block.lines) {
    if (groups.length === 0 || /^(\t| {2,})\S/.test(line.text)) groups.push([line]);
    else groups[groups.length - 1].push(line);
  }
  return groups;
}


function makeParagraph(text: string, lines: Line[], mode: LineMode, toPoint: ToPoint): Paragraph {
  const start = lines[0].offset;
  const last = lines[lines.length - 1];
  const end = last.offset + last.text.length;
  // The source slice keeps offsets one-to-one with the file, so every node's position is exact.
  const source = text.slice(start, end).replace(/\r(?=\n)/g, ' ');
  const inline = parseEmphasis(source, start, toPoint);
  const children = mode === 'unwrap' ? inline.flatMap((node) => unwrapNewlines(node, toPoint)) : inline.flatMap((node) => splitLineBreaks(node, toPoint));
  return { type: 'paragraph', children: children as PhrasingContent[], position: span(start, end, toPoint) };
}

function span(start: number, end: number, toPoint: ToPoint) {
  return { start: toPoint(start)!, end: toPoint(end)! };
}

/**
 * `*word*`, `_word_`, `**word**` and `__word__` become emphasis and strong; anything else is text. Every possible
 * closer is found once, so an opener without one costs a binary search, not a rescan (`*a ` × 60,000 stays linear).
 * Inside an emphasis no closer of its own kind is left, so nesting is at most four deep.
 */
function parseEmphasis(source: string, base: number, toPoint: ToPoint): PhrasingContent[] {
  const nodes: PhrasingContent[] = [];
  const closers = closersIn(source);
  let textStart = 0;
  let index = 0;
  while (index < source.length) {
    const delimiter = delimiterAt(source, index);
    const close = delimiter ? findCloser(closers[delimiter], index, delimiter) : -1;
    if (!delimiter || close === -1) {
      index++;
      continue;
    }
    if (index > textStart) nodes.push(textNode(source.slice(textStart, index), base + textStart, toPoint));
    const innerStart = index + delimiter.length;
    const inner = parseEmphasis(source.slice(innerStart, close), base + innerStart, toPoint);
    nodes.push({
      type: delimiter.length === 2 ? 'strong' : 'emphasis',
      children: inner,
      position: span(base + index, base + close + delimiter.length, toPoint),
    } as PhrasingContent);
    index = textStart = close + delimiter.length;
  }
  if (textStart < source.length) nodes.push(textNode(source.slice(textStart), base + textStart, toPoint));
  return nodes;
}

const isSpace = (char: string | undefined) => char === undefined || /\s/u.test(char);
const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

function delimiterAt(source: string, index: number): string | undefined {
  const char = source[index];
  if (char !== '*' && char !== '_') return undefined;
  if (source[index - 1] === char) return undefined;
  const run = source[index + 1] === char ? char + char : char;
  if (source[index + run.length] === char) return undefined;
  if (isSpace(source[index + run.length])) return undefined;
  if (char === '_' && isWordChar(source[index - 1])) return undefined;
  return run;
}

/** Where each delimiter could close, ascending: not part of a longer run, not after a space, `_` not before a letter. */
function closersIn(source: string): Record<string, number[]> {
  const closers: Record<string, number[]> = {};
  for (const delimiter of ['*', '**', '_', '__']) {
    const char = delimiter[0];
    const found: number[] = (closers[delimiter] = []);
    for (let index = source.indexOf(delimiter); index !== -1; index = source.indexOf(delimiter, index + 1)) {
      if (source[index + delimiter.length] === char || source[index - 1] === char) continue;
      if (isSpace(source[index - 1])) continue;
      if (char === '_' && isWordChar(source[index + delimiter.length])) continue;
      found.push(index);
    }
  }
  return closers;
}

/** The first closer after the opener at `open` that does not touch it, or -1. */
function findCloser(closers: number[], open: number, delimiter: string): number {
  let low = 0;
  let high = closers.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (closers[middle] <= open) low = middle + 1;
    else high = middle;
  }
  if (closers[low] === open + delimiter.length) low++;
  return low < closers.length ? closers[low] : -1;
}

function textNode(value: string, offset: number, toPoint: ToPoint): Text {
  return { type: 'text', value, position: span(offset, offset + value.length, toPoint) };
}

/** A line that ends inside a hyphenated word (`well-` / `known`): the hyphen stays, the line end goes. */
const hyphenAtLineEnd = /(?<=\p{L}-) ?\n(?=\p{L})/gu;

/**
 * Hard-wrapped lines: the newline becomes a space (same length, so positions stay exact). After a
 * hyphen that ends a line inside a word there is no space: the text node is cut in two around the
 * newline, each half keeping its exact source position.
 */
function unwrapNewlines(node: PhrasingContent, toPoint: ToPoint): PhrasingContent[] {
  if ('children' in node) {
    node.children = node.children.flatMap((child) => unwrapNewlines(child, toPoint)) as never;
    return [node];
  }
  if (node.type !== 'text' || !node.value.includes('\n')) return [node];
  const start = node.position!.start.offset!;
  const parts: PhrasingContent[] = [];
  let from = 0;
  for (const match of node.value.matchAll(hyphenAtLineEnd)) {
    parts.push(textNode(node.value.slice(from, match.index).replace(/\n/g, ' '), start + from, toPoint));
    from = match.index + match[0].length;
  }
  if (from === 0) {
    node.value = node.value.replace(/\n/g, ' ');
    return [node];
  }
  parts.push(textNode(node.value.slice(from).replace(/\n/g, ' '), start + from, toPoint));
  return parts;
}

/** A single line break the author typed inside a paragraph (verse, a text message) is kept. */
function splitLineBreaks(node: PhrasingContent, toPoint: ToPoint): PhrasingContent[] {
  if ('children' in node) {
    node.children = node.children.flatMap((child) => splitLineBreaks(child, toPoint)) as never;
    return [node];
  }
  if (node.type !== 'text' || !node.value.includes('\n')) return [node];
  const parts: PhrasingContent[] = [];
  let offset = node.position!.start.offset!;
  node.value.split('\n').forEach((value, index) => {
    if (index > 0) parts.push({ type: 'break', position: span(offset, offset + 1, toPoint) }), offset++;
    if (value) parts.push(textNode(value, offset, toPoint));
    offset += value.length;
  });
  return parts;
}
