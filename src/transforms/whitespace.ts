// Whitespace cleanup: no indentation or trailing spaces on a line, one space between words, no-break spaces after titles.
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import type { RuleSettings, TypographyRule } from './rule.ts';
import { applyEdits, collectTextRuns, runSegments, type Edit, type RunSegment } from './text-runs.ts';
import { flag, mapping } from '../schema/values.ts';

/**
 * White space: ASCII spaces, tabs and newlines (Markdown soft line breaks), the no-break and
 * fixed-width spaces (U+00A0, U+2000–U+200A, U+202F, U+205F, U+3000). Zero-width characters
 * (word joiner, zero-width space) are not spaces and are left alone.
 */
const spaceChars = '\\t\\n\\v\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000';
const isSpace = new RegExp(`[${spaceChars}]`);
/**
 * Inside a line, the spaces worth a look: runs of two or more, any single one that is not a
 * plain space, and a plain space after a period or a digit (`Dr. Kim`, `5 p.m.`). Every other
 * single space is already right, and is skipped without a match.
 */
const spacesToCheck = new RegExp(`[${spaceChars}]{2,}|[${spaceChars.replace(' ', '')}]|(?<=[.0-9]) `, 'g');

/** A single one of these is a deliberate space and stays; tabs and newlines become a plain space. */
const singleSpacesKept = /^[ \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]$/;
/** A run made only of no-break spaces collapses to one no-break space, not to a breakable one. */
const noBreakOnly = /^[\u00A0\u2007\u202F]+$/;

/**
 * Titles that are never the end of a sentence when a capitalized name follows (`Dr.\u00A0Kim`).
 * `Jr.`/`Sr.` are left out: they follow the name, and a sentence may well start after them.
 */
const titleBefore =
  /(?:^|[^\p{L}\p{N}])(?:Mr|Mrs|Ms|Mx|Messrs|Mmes|Dr|Drs|Prof|St|Mt|Ft|Fr|Rev|Hon|Capt|Cpt|Lt|Sgt|Cpl|Pvt|Col|Gen|Maj|Adm|Cmdr|Gov|Sen|Rep|Insp|Det|Supt)\.$/u;
const capitalizedWordAhead = /^[\p{Lu}]/u;
/** `5 p.m.`, `10 AM`: the number and the time of day stay on one line. */
const timeOfDayAhead = /^(?:[ap]\.m\.|[AP]\.M\.|[ap]m|[AP]M)(?![\p{L}\p{N}])/u;
const digitBehind = /[0-9]$/;

/** Characters looked at on either side of a space for the no-break cases. */
const lookaround = 12;

const noBreakSpace = '\u00A0';

export interface WhitespaceOptions {
  /** No-break space after titles (`Mr.`, `Dr.`, `St.`…) before a name, and between a number and `a.m.`/`p.m.`. Default true. */
  noBreakSpaces?: boolean;
}

/**
 * Leading and trailing white space of every line (paragraph start, after each line break) goes;
 * inside a line a run of spaces, tabs or newlines becomes one space. Nothing is reported: this
 * is cleanup, not a repair of the author's text.
 */
function whitespaceEdits(text: string, segment: RunSegment, noBreakSpaces: boolean): Edit[] {
  const edits: Edit[] = [];
  const slice = text.slice(segment.start, segment.end);
  const remove = (from: number, to: number) => edits.push({ start: segment.start + from, end: segment.start + to, replacement: '' });
  let first = 0;
  let last = slice.length;
  if (segment.startsLine) while (first < last && isSpace.test(slice[first])) first++;
  if (segment.endsLine) while (last > first && isSpace.test(slice[last - 1])) last--;
  if (first > 0) remove(0, first);
  if (last < slice.length) remove(last, slice.length);
  spacesToCheck.lastIndex = first;
  for (let match = spacesToCheck.exec(slice); match && match.index < last; match = spacesToCheck.exec(slice)) {
    const spaces = match[0];
    const from = match.index;
    const to = from + spaces.length;
    let replacement: string;
    if (noBreakSpaces && needsNoBreak(slice, from, to)) replacement = noBreakSpace;
    else if (spaces.length === 1 && singleSpacesKept.test(spaces)) continue;
    else replacement = noBreakOnly.test(spaces) ? spaces[0] : ' ';
    if (replacement !== spaces) edits.push({ start: segment.start + from, end: segment.start + to, replacement });
  }
  return edits;
}

function needsNoBreak(slice: string, from: number, to: number): boolean {
  const before = slice[from - 1];
  if (before === '.') return titleBefore.test(slice.slice(Math.max(0, from - lookaround), from)) && capitalizedWordAhead.test(slice.slice(to, to + 1));
  if (before !== undefined && digitBehind.test(before)) return timeOfDayAhead.test(slice.slice(to, to + lookaround));
  return false;
}

const whitespacePlugin: Plugin<[RuleSettings], Root> = (settings) => {
  const options = settings.options as WhitespaceOptions;
  const noBreakSpaces = options.noBreakSpaces !== false;
  return (tree) => {
    for (const run of collectTextRuns(tree)) {
      const edits = runSegments(run).flatMap((segment) => whitespaceEdits(run.text, segment, noBreakSpaces));
      applyEdits(run, edits);
    }
  };
};

export const whitespace: TypographyRule = {
  id: 'whitespace',
  options: mapping(
    {
      noBreakSpaces: flag.optional().meta({ description: 'No-break space after Mr., Dr., St. … before a name, and before a.m./p.m. Default true.', examples: [false] }),
    },
    { noun: 'option' },
  ),
  description: 'Removes indentation and trailing spaces, collapses runs of spaces, and puts a no-break space after titles such as Mr. and Dr.',
  plugin: whitespacePlugin,
};
