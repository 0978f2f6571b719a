// Text from HTML with exact source places: whitespace collapsed, character references decoded, each character mapped to its offset.
import type { Text as HastText } from 'hast';
import type { PhrasingContent, Text } from 'mdast';
import type { VFile } from 'vfile';
import { pointFinder } from '../source-points.ts';

/**
 * Text being built. Most text sits one-to-one on its source and needs only `start`, the absolute offset of its
 * first character; text with character references or collapsed whitespace has `offsets` instead: per
 * character plus one for the end, the absolute source offset. Text from nowhere has neither.
 */
export interface SourcedText {
  value: string;
  start?: number;
  offsets?: number[];
}

const collapsible = /[\t\n\r\f]| {2}/;
const reference = /&(?:#[xX][\da-fA-F]+|#\d+|[A-Za-z][A-Za-z\d]*);?/y;

function isHtmlSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13 || code === 12;
}

/** A hast text node's value with HTML whitespace runs collapsed to one space, still mapped to its source. */
export function sourcedText(node: HastText, file: VFile): SourcedText {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  const decoded = node.value;
  if (start === undefined || end === undefined) return { value: decoded.replace(/[ \t\n\r\f]+/g, ' ') };
  const raw = String(file.value).slice(start, end);
  if (raw === decoded && !collapsible.test(decoded)) return { value: decoded, start };
  const offsets = alignToSource(raw, decoded, start);
  let value = '';
  const kept: number[] = [];
  for (let index = 0; index < decoded.length; index++) {
    const code = decoded.charCodeAt(index);
    if (isHtmlSpace(code)) {
      if (index > 0 && isHtmlSpace(decoded.charCodeAt(index - 1))) continue;
      value += ' ';
    } else {
      value += decoded[index];
    }
    kept.push(offsets[index]);
  }
  kept.push(offsets[decoded.length]);
  return { value, offsets: kept };
}

/**
 * Offsets (absolute, from `base`) of each character of `decoded` in its `raw` source, plus the end. A character
 * reference maps to its `&`; the second half of a surrogate pair made by a reference shares that place.
 */
function alignToSource(raw: string, decoded: string, base: number): number[] {
  const offsets = new Array<number>(decoded.length + 1);
  if (raw === decoded) {
    for (let index = 0; index <= decoded.length; index++) offsets[index] = base + index;
    return offsets;
  }
  let at = 0;
  for (let index = 0; index < decoded.length; index++) {
    const char = decoded[index];
    if (raw[at] === char) {
      offsets[index] = base + at++;
      continue;
    }
    const code = char.charCodeAt(0);
    if (code >= 0xdc00 && code <= 0xdfff && index > 0) {
      offsets[index] = offsets[index - 1];
      continue;
    }
    offsets[index] = base + Math.min(at, raw.length);
    if (raw[at] === '&') {
      reference.lastIndex = at;
      const match = reference.exec(raw);
      at += match ? match[0].length : 1;
    } else if (at < raw.length) {
      at++;
    }
  }
  offsets[decoded.length] = base + raw.length;
  return offsets;
}

/** Drops `count` characters from the start of a sourced text. */
export function dropStart(text: SourcedText, count: number): void {
  text.value = text.value.slice(count);
  text.offsets?.splice(0, count);
  if (text.start !== undefined) text.start += count;
}

/** Drops `count` characters from the end of a sourced text; its end becomes the first dropped character's place. */
export function dropEnd(text: SourcedText, count: number): void {
  const length = text.value.length - count;
  text.value = text.value.slice(0, length);
  text.offsets?.splice(length + 1);
}


/**
 * The mdast text node: positioned at its first character, with `data.sourceOffsets` (what text runs use to
 * place diagnostics) when its characters do not sit one-to-one on the source.
 */
export function finishText(text: SourcedText, file: VFile, data?: Text['data']): Text {
  const node: Text = { type: 'text', value: text.value };
  const { offsets } = text;
  const start = text.start ?? offsets?.[0];
  const end = text.start !== undefined ? text.start + text.value.length : offsets?.[offsets.length - 1];
  if (start !== undefined && end !== undefined && (!offsets || offsets.length === text.value.length + 1)) {
    const toPoint = pointFinder(file);
    const startPoint = toPoint(start);
    const endPoint = toPoint(end);
    if (startPoint && endPoint) node.position = { start: startPoint, end: endPoint };
    let identity = true;
    for (let index = 0; offsets && index < offsets.length && identity; index++) identity = offsets[index] === start + index;
    if (!identity) data = { ...data, sourceOffsets: offsets!.map((offset) => offset - start) } as Text['data'];
  }
  if (data) node.data = data;
  return node;
}

/** Text nodes being built, with the absolute source offsets of their characters, until `finish` places them. */
export const sourcesOf = new WeakMap<Text, SourcedText>();

/**
 * HTML whitespace: no space at the start or end of a line (block edges, around `<br>`), none doubled across
 * element edges. Works on the text leaves in order, keeping their source maps in step.
 */
export function trimLines(nodes: PhrasingContent[]): PhrasingContent[] {
  const leaves: (Text | PhrasingContent)[] = [];
  const collect = (list: PhrasingContent[]) => {
    for (const node of list) 'children' in node ? collect(node.children) : leaves.push(node);
  };
  collect(nodes);
  let lineStart = true;
  let spaceBefore = false;
  let lastText: Text | undefined;
  const trimEnd = () => {
    if (!lastText) return;
    const trailing = /[ \u00a0]*$/.exec(lastText.value)![0].length;
    setValue(lastText, (text) => dropEnd(text, trailing));
  };
  for (const leaf of leaves) {
    if (leaf.type === 'break') {
      trimEnd();
      lineStart = true;
      lastText = undefined;
      continue;
    }
    if (leaf.type !== 'text') {
      lineStart = spaceBefore = false;
      lastText = undefined;
      continue;
    }
    const leading = lineStart ? /^[ \u00a0]*/.exec(leaf.value)![0].length : spaceBefore && leaf.value.startsWith(' ') ? 1 : 0;
    if (leading > 0) setValue(leaf, (text) => dropStart(text, leading));
    if (leaf.value === '') continue;
    lineStart = false;
    spaceBefore = leaf.value.endsWith(' ');
    lastText = leaf;
  }
  trimEnd();
  // A line break at the very start or end of a paragraph shows nothing.
  while (nodes.length > 0 && nodes[0].type === 'break') nodes.shift();
  while (nodes.length > 0 && nodes[nodes.length - 1].type === 'break') nodes.pop();
  return nodes;
}

function setValue(node: Text, change: (text: SourcedText) => void): void {
  const text = sourcesOf.get(node) ?? { value: node.value };
  change(text);
  node.value = text.value;
  sourcesOf.set(node, text);
}
