// Text from HTML with exact source places: whitespace collapsed, character references decoded, each character mapped to its offset.
import type { Text as HastText } from 'hast';
import type { Text } from 'mdast';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';

/** Text being built: its value and, per character plus one for the end, the absolute source offset (or none). */
export interface SourcedText {
  value: string;
  offsets?: number[];
}

const htmlSpace = /[ \t\n\r\f]/;
const reference = /&(?:#[xX][\da-fA-F]+|#\d+|[A-Za-z][A-Za-z\d]*);?/y;

/** A hast text node's value with HTML whitespace runs collapsed to one space, still mapped to its source. */
export function sourcedText(node: HastText, file: VFile): SourcedText {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  const decoded = node.value;
  const offsets = start === undefined || end === undefined ? undefined : alignToSource(String(file.value).slice(start, end), decoded, start);
  let value = '';
  const kept: number[] = [];
  for (let index = 0; index < decoded.length; index++) {
    const char = decoded[index];
    if (htmlSpace.test(char)) {
      if (index > 0 && htmlSpace.test(decoded[index - 1])) continue;
      value += ' ';
    } else {
      value += char;
    }
    if (offsets) kept.push(offsets[index]);
  }
  if (offsets) kept.push(offsets[decoded.length]);
  return { value, offsets: offsets ? kept : undefined };
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
}

/** Drops `count` characters from the end of a sourced text; its end becomes the first dropped character's place. */
export function dropEnd(text: SourcedText, count: number): void {
  const length = text.value.length - count;
  text.value = text.value.slice(0, length);
  text.offsets?.splice(length + 1);
}

type ToPoint = ReturnType<typeof location>['toPoint'];

const pointFinders = new WeakMap<VFile, ToPoint>();

/** vfile-location's offset → point, built once per file. */
export function pointFinder(file: VFile): ToPoint {
  let toPoint = pointFinders.get(file);
  if (!toPoint) pointFinders.set(file, (toPoint = location(file).toPoint));
  return toPoint;
}

/**
 * The mdast text node: positioned at its first character, with `data.sourceOffsets` (what text runs use to
 * place diagnostics) when its characters do not sit one-to-one on the source.
 */
export function finishText(text: SourcedText, file: VFile, data?: Text['data']): Text {
  const node: Text = { type: 'text', value: text.value };
  const offsets = text.offsets;
  if (offsets && offsets.length === text.value.length + 1) {
    const toPoint = pointFinder(file);
    const start = offsets[0];
    const startPoint = toPoint(start);
    const endPoint = toPoint(offsets[offsets.length - 1]);
    if (startPoint && endPoint) node.position = { start: startPoint, end: endPoint };
    let identity = true;
    for (let index = 0; index < offsets.length && identity; index++) identity = offsets[index] === start + index;
    if (!identity) data = { ...data, sourceOffsets: offsets.map((offset) => offset - start) } as Text['data'];
  }
  if (data) node.data = data;
  return node;
}
