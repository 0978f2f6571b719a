// Finds the quote and apostrophe marks of a text run and what stands on either side of each (space, word, punctuation, a line or emphasis edge).
import type { Parent } from 'mdast';
import type { TextRun } from '../text-runs.ts';

export type QuoteKind = 'double' | 'single';

/** What stands next to a mark. `open` is an opening context: a bracket, an opening quote, the start of emphasis. */
export type Side = 'space' | 'open' | 'word' | 'punct';

export interface Mark {
  /** Offset of the mark in the run's text. */
  index: number;
  /** Offset just past the mark: `index + 1`, or `index + 2` for a doubled mark (`''`, ``` `` ```). */
  end: number;
  char: string;
  kind: QuoteKind;
  /** Typed as a typographic glyph (`“`, `’`, `«`…), not as `'` or `"`. */
  typographic: boolean;
  /** A grave or acute accent typed for an apostrophe (`don´t`): only ever an apostrophe. */
  accent: boolean;
  /** Set when a line break, emphasis edge or inline code decides the side, not the neighbouring character. */
  leftSeam?: Side;
  rightSeam?: Side;
  /** Offset of the nearest visible character on each side, or -1 / text.length past the run's ends. */
  leftIndex: number;
  rightIndex: number;
}

const markKinds: Record<string, QuoteKind> = {
  '"': 'double',
  '“': 'double',
  '”': 'double',
  '„': 'double',
  '«': 'double',
  '»': 'double',
  "'": 'single',
  '‘': 'single',
  '’': 'single',
  '‚': 'single',
  '‹': 'single',
  '›': 'single',
  '´': 'single',
  '`': 'single',
};

const markPattern = /["“”„«»'‘’‚‹›´`]/g;
/**
 * Two straight apostrophes (`''Stop,'' he said`) or two backticks (``` ``Stop,'' ```) typed for
 * a double quote: one double mark. Backticks only before a word, where they can only open.
 */
const doubledMarks = new Set(["''", '``']);
/** Marks typed on a keyboard without quote glyphs: made curly silently, never reported as repairs. */
const asciiMarks = new Set(['"', "'", "''", '``']);
const quoteMark = /["“”„«»'‘’‚‹›]/;
const wordChar = /[\p{L}\p{N}\p{M}]/u;
const spaceChar = /\s/u;
const openingBracket = /[([{¿¡]/u;
/** After a closing bracket a mark cannot open a quotation (`[sic]'s`, `(yes)"`): it counts as a word's end. */
const closingBracket = /[)\]}]/u;
/** Word joiners, zero-width spaces, soft hyphens: invisible, so a mark looks past them. */
const invisible = /\p{Cf}/u;

export const isWordChar = (char: string | undefined) => char !== undefined && wordChar.test(char);
export const isSpaceChar = (char: string | undefined) => char !== undefined && spaceChar.test(char);
export const isQuoteMark = (char: string | undefined) => char !== undefined && quoteMark.test(char);
export const isInvisible = (char: string | undefined) => char !== undefined && invisible.test(char);

/** The side a plain character makes on the `left` or right of a mark; quote marks are resolved by the caller. */
export function sideOfChar(char: string | undefined, left: boolean): Side {
  if (char === undefined || spaceChar.test(char)) return 'space';
  if (wordChar.test(char) || (left && closingBracket.test(char))) return 'word';
  if (openingBracket.test(char)) return 'open';
  return 'punct';
}

type SeamEvent = 'break' | 'opaque' | 'enter' | 'leave';

/**
 * Every quote-like mark of the run, in order, with the seams around it. A grave or acute
 * accent counts only between two letters (`don´t`); elsewhere it is left alone.
 */
export function findMarks(run: TextRun): Mark[] {
  const text = run.text;
  const marks: Mark[] = [];
  markPattern.lastIndex = 0;
  let seams: Map<number, SeamEvent[]> | undefined;
  let doubledOpen = 0;
  let last: LastClosings | undefined;
  for (let match = markPattern.exec(text); match; match = markPattern.exec(text)) {
    seams ??= seamEvents(run);
    const index = match.index;
    let char = match[0];
    if ((char === "'" || char === '`') && text[index + 1] === char) char += char;
    if (doubledMarks.has(char)) {
      last ??= { doubled: text.lastIndexOf("''"), double: text.lastIndexOf('"') };
      const doubled = doubledMarkEnd(text, index, seams, doubledOpen > 0, last);
      if (doubled === 'open') doubledOpen++;
      else if (doubled === 'close') doubledOpen--;
      else {
        // Two marks an emphasis edge apart, backticks not opening a word, or `twins''` (an
        // apostrophe, then a closing single quote) with no doubled mark open: read one at a time.
        char = char[0];
      }
      markPattern.lastIndex = index + char.length;
    }
    const end = index + char.length;
    let leftIndex = index - 1;
    while (leftIndex >= 0 && isInvisible(text[leftIndex])) leftIndex--;
    let rightIndex = end;
    while (rightIndex < text.length && isInvisible(text[rightIndex])) rightIndex++;
    const accent = char === '´' || char === '`';
    if (accent && !(isWordChar(text[leftIndex]) && isWordChar(text[rightIndex]))) continue;
    const leftEvents = eventsBetween(seams, leftIndex + 1, index);
    const rightEvents = eventsBetween(seams, end, rightIndex);
    marks.push({
      index,
      end,
      char,
      kind: char.length === 2 ? 'double' : markKinds[char],
      typographic: !asciiMarks.has(char),
      accent,
      leftSeam: leftSeamSide(leftEvents),
      rightSeam: rightSeamSide(rightEvents),
      leftIndex,
      rightIndex,
    });
  }
  return marks;
}

/**
 * Whether `''` or ``` `` ``` at `index` is one double mark, and which end: an opening one before
 * a word (after a space, a bracket or the start), a closing one only while a doubled opening mark
 * is open or after a number, so that `the twins''` stays an apostrophe and a quote. Nothing may
 * stand between the two.
 */
function doubledMarkEnd(text: string, index: number, seams: Map<number, SeamEvent[]>, open: boolean, last: LastClosings): 'open' | 'close' | undefined {
  if (seams.has(index + 1)) return undefined;
  const before = text[index - 1];
  const opening = before === undefined || spaceChar.test(before) || openingBracket.test(before) || seams.has(index);
  // `''E's that timid`: two marks typed together (a quote and an elision) when no doubled mark closes.
  if (opening) return (isWordChar(text[index + 2]) || text[index] === "'") && closesLater(text, index, last) ? 'open' : undefined;
  // After a number, `''` is an inch mark typed with apostrophes (`a 16'' pizza`): one mark, for the primes fallback.
  return text[index] === "'" && (open || isDigit(before)) ? 'close' : undefined;
}

/** Where the paragraph's last `''` and last `"` start, found once: whether a doubled mark closes later is then a comparison. */
interface LastClosings {
  doubled: number;
  double: number;
}

function closesLater(text: string, index: number, last: LastClosings): boolean {
  return last.doubled > index + 1 || (text[index] === '`' && last.double > index + 1);
}

const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';

function leftSeamSide(events: SeamEvent[]): Side | undefined {
  if (events.includes('break')) return 'space';
  if (events.includes('opaque')) return 'word';
  if (events.includes('enter')) return 'open';
  return undefined;
}

function rightSeamSide(events: SeamEvent[]): Side | undefined {
  if (events.includes('break')) return 'space';
  if (events.includes('opaque')) return 'word';
  if (events.includes('leave')) return 'space';
  return undefined;
}

function eventsBetween(seams: Map<number, SeamEvent[]>, from: number, to: number): SeamEvent[] {
  if (seams.size === 0) return [];
  const events: SeamEvent[] = [];
  for (let offset = from; offset <= to; offset++) {
    const found = seams.get(offset);
    if (found) events.push(...found);
  }
  return events;
}

/**
 * What lies between the run's text nodes, keyed by the text offset where it sits: line breaks,
 * opaque inlines (code, images), and where emphasis, strong and links begin and end. Offset 0
 * holds what comes before the first text node, `text.length` what comes after the last.
 */
function seamEvents(run: TextRun): Map<number, SeamEvent[]> {
  const seams = new Map<number, SeamEvent[]>();
  let index = 0;
  const at = () => (index < run.nodes.length ? run.starts[index] : run.text.length);
  const add = (event: SeamEvent) => {
    const offset = at();
    const list = seams.get(offset);
    if (list) list.push(event);
    else seams.set(offset, [event]);
  };
  const walk = (node: Parent) => {
    for (const child of node.children) {
      if (child.type === 'text') {
        if (child === run.nodes[index]) index++;
      } else if (child.type === 'break') add('break');
      else if ('children' in child) {
        add('enter');
        walk(child as Parent);
        add('leave');
      } else add('opaque');
    }
  };
  walk(run.block);
  return seams;
}
