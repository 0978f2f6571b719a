// Dashes: `--`, `---` and spaced hyphens become the theme's parenthetical dash; number ranges get an en dash.
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import { ConfigError } from '../errors.ts';
import type { RuleSettings, TypographyRule } from './rule.ts';
import { applyEdits, collectTextRuns, runSegments, type Edit, type RunSegment } from './text-runs.ts';
import { overlapsSpan, webAddressSpans, type Span } from './web-addresses.ts';
import { dashStyle, mapping } from '../schema/values.ts';

type DashStyle = RuleSettings['dashStyle'];

const emDash = '\u2014';
const enDash = '\u2013';
/** U+2E3A: the two-em dash of omitted letters (`Mr. B⸺`), for four or more hyphens. */
const twoEmDash = '\u2E3A';
const noBreakSpace = '\u00A0';

/**
 * Dash candidates with the spaces before them (the spaces after are looked at, not taken, so
 * the next dash may still see them): a run of dash characters, or one hyphen, en or em dash.
 */
const dashWithSpaces = /([ \t\u00A0\u202F\u2009\u200A]*)([-\u2013\u2014]{2,}|[-\u2013\u2014])(?=([ \t\u00A0\u202F\u2009\u200A]*))/g;
const hyphensOnly = /^-+$/;
const noBreakSpaces = /[\u00A0\u202F]/;
const dashChar = /[-\u2010-\u2015\u2E3A\u2E3B]/;

const digit = /[0-9]/;
/**
 * The ends of a range: a number (`10`, `1,000`, `$20`), a clock time (`5:30`, `10:15pm`) or an
 * hour of the day (`10am`, `2 p.m.`). Group 1 is the digits of a plain number.
 */
const rangeEnd = String.raw`(?:[$£€¥]?([0-9]+)|[$£€¥]?[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,2}(?::[0-9]{2})?\s?(?:[ap]\.m\.|[ap]m|[AP]M)|[0-9]{1,2}:[0-9]{2})`;
/** Before a number range: not part of a word, a decimal, a chain (`2024-01-15`) or a path. */
const rangeStartBehind = new RegExp(String.raw`(?:^|[^\p{L}\p{N}\-–.,:/$£€¥])${rangeEnd}$`, 'u');
const numberLookaround = 16;
const rangeEndAhead = new RegExp(String.raw`^${rangeEnd}(?![\p{L}\p{N}\-–]|[.,:/][0-9])`, 'u');

const quoteChars = /["'“”‘’„‚«»‹›]/;
/** Openers: after one of these (at a line start or after a space) a dash begins the quotation. */
const openers = /["'“‘„‚«‹([{]/;
const guillemets = /[«»‹›]/;
/** Openers that cannot be closing marks (a straight quote can be either): `(“—`, `“‘—`. */
const unambiguousOpeners = /[“‘„‚«‹([{]/;
/** Marks a dash can close against: `word—,`, `word—)`, `word—…`. */
const closingPunctuation = /[,.;:!?)\]}\u2026]/;
const wordChar = /[\p{L}\p{N}]/u;
/** Arrows (`<--`, `-->`) are left as typed. */
const arrowEnds = /[<>]/;

/** Where a parenthetical dash sits, which decides the spaces around it. */
type DashPlace = 'line-start' | 'after-opener' | 'after-sentence' | 'closing' | 'middle';

/** A sentence's end: a dash typed after it with a space, and none before the next word, opens a fragment (`Stop. —Please`). */
const sentenceEnd = /[.!?…]/;

export interface DashesOptions {
  /** Overrides the theme's dash style for this story's rule config (`typography: { dashes: { style } }`). */
  style?: DashStyle;
}

function dashEdits(text: string, segment: RunSegment, style: DashStyle, addresses: Span[]): Edit[] {
  const edits: Edit[] = [];
  const slice = text.slice(segment.start, segment.end);
  dashWithSpaces.lastIndex = 0;
  for (let match = dashWithSpaces.exec(slice); match; match = dashWithSpaces.exec(slice)) {
    const [, spaceBefore, dash, spaceAfter] = match;
    const from = match.index;
    const dashStart = from + spaceBefore.length;
    const dashEnd = dashStart + dash.length;
    if (overlapsSpan(addresses, segment.start + dashStart, segment.start + dashEnd)) continue;
    const to = dashEnd + spaceAfter.length;
    const before = slice[from - 1];
    const after = slice[to];
    const push = (start: number, end: number, replacement: string) => {
      if (slice.slice(start, end) !== replacement) edits.push({ start: segment.start + start, end: segment.start + end, replacement });
      // The spaces after this dash are spoken for: the next match starts after them.
      if (end > dashEnd) dashWithSpaces.lastIndex = end;
    };
    if ((before !== undefined && arrowEnds.test(before)) || (after !== undefined && arrowEnds.test(after))) continue;
    // `——`, `–-`, `-- --`: dashes touching or only spaces apart are the author's own, left as typed.
    if (dash.length > 1 && !hyphensOnly.test(dash)) continue;
    if ((before !== undefined && dashChar.test(before)) || (after !== undefined && dashChar.test(after))) continue;
    if (dash.length >= 4) {
      push(dashStart, dashEnd, twoEmDash);
      continue;
    }
    const closed = spaceBefore === '' && spaceAfter === '';
    const betweenDigits = before !== undefined && after !== undefined && digit.test(before) && digit.test(after);
    if (dash === '-' || dash === enDash) {
      if (closed && dash === '-' && isNumberRange(slice, dashStart)) push(dashStart, dashEnd, enDash);
      if (betweenDigits || !isSpacedDash(slice, segment, from, spaceBefore, spaceAfter, to)) continue;
    } else if (betweenDigits && closed) {
      // `5--7` is a range (as in pandoc and CommonMark); `1914—1918` as typed stays.
      if (dash === '--') push(dashStart, dashEnd, enDash);
      continue;
    }
    const glyph = style === 'spaced-en' ? enDash : emDash;
    const opensFragment = spaceBefore !== '' && spaceAfter === '' && sentenceEnd.test(before ?? '') && wordChar.test(after ?? '');
    const place = opensFragment ? 'after-sentence' : placeOf(slice, segment, from, to, spaceBefore);
    let { lead, trail } = spacingAround(place, style, spaceBefore, spaceAfter, after);
    // The space between a guillemet and the dash is the quotes rule's (French `«\u202F`): left as it is.
    if (before !== undefined && guillemets.test(before)) lead = spaceBefore;
    if (after !== undefined && guillemets.test(after)) trail = spaceAfter;
    push(from, to, lead + glyph + trail);
  }
  return edits;
}

/** The spaces the dash gets before (`lead`) and after (`trail`) it, by its place and the style. */
function spacingAround(place: DashPlace, style: DashStyle, spaceBefore: string, spaceAfter: string, after: string | undefined) {
  const spaced = style === 'spaced-en';
  // A space kept after the dash stays no-break if it was (the ellipses rule makes `word …` so).
  const spaceKept = noBreakSpaces.exec(spaceAfter)?.[0] ?? ' ';
  switch (place) {
    case 'line-start':
      // A dialogue dash (`- Hello,` / `— Hello,`): the space after it is kept, and made no-break.
      return { lead: spaceBefore, trail: spaceAfter ? noBreakSpace : '' };
    case 'after-sentence':
      // `it. --and then`: the dash starts the next fragment, apart from the sentence before it.
      return { lead: spaceBefore, trail: '' };
    case 'after-opener':
      // `"--word`, `(-- aside`: the dash is closed up to the quote or bracket it follows.
      return { lead: '', trail: spaced && spaceAfter ? spaceKept : '' };
    case 'closing':
      return { lead: spaced ? noBreakSpace : '', trail: '' };
    case 'middle': {
      const quoteAhead = after !== undefined && quoteChars.test(after) && spaceAfter === '';
      return { lead: spaced ? noBreakSpace : '', trail: spaced && !quoteAhead ? spaceKept : '' };
    }
  }
}

/**
 * A hyphen or en dash is a parenthetical dash only with space before it (or at a line start)
 * and space, a line end or a closing quote after it: `word - word`, `- Hello`, `gonna -"`.
 * Hyphenated words, `-5` and `pre- and post-war` are not.
 */
function isSpacedDash(slice: string, segment: RunSegment, from: number, spaceBefore: string, spaceAfter: string, to: number): boolean {
  const atLineStart = from === 0 && segment.startsLine;
  if (!spaceBefore && !atLineStart) return false;
  if (spaceAfter) return true;
  if (atLineStart) return false;
  if (to === slice.length) return segment.endsLine;
  return quoteChars.test(slice[to]) && !wordChar.test(slice[to + 1] ?? '');
}

/**
 * `10-20`, `1999-2000`, `pp. 5-9`, `$10-$20`, `1,000-2,000`, `5:30-6:00`, `10am-2pm`; not
 * `2024-01-15`, `1.5-2`, `B12-3`, nor `555-1234` (a telephone number).
 */
function isNumberRange(slice: string, hyphen: number): boolean {
  if (!digit.test(slice[hyphen - 1] ?? '') && !/[mM.]/.test(slice[hyphen - 1] ?? '')) return false;
  const behind = slice.slice(Math.max(0, hyphen - numberLookaround), hyphen);
  const ahead = slice.slice(hyphen + 1, hyphen + 1 + numberLookaround);
  const start = rangeStartBehind.exec(behind);
  const end = rangeEndAhead.exec(ahead);
  if (!start || !end) return false;
  return !(start[1]?.length === 3 && end[1]?.length === 4 && end[0].length === 4);
}

function placeOf(slice: string, segment: RunSegment, from: number, to: number, spaceBefore: string): DashPlace {
  const before = slice[from - 1];
  const after = slice[to];
  if (before === undefined && segment.startsLine) return 'line-start';
  // Only a dash typed against its opener opens with it (`"--word`); with a space between, the
  // opener may be a closing mark in another language's style (German `“`), so the dash stays where it is.
  if (before !== undefined && spaceBefore === '' && openers.test(before)) {
    const beforeOpener = slice[from - 2];
    if (beforeOpener === undefined ? segment.startsLine : /\s/.test(beforeOpener) || unambiguousOpeners.test(beforeOpener)) return 'after-opener';
  }
  if (after === undefined) return segment.endsLine ? 'closing' : 'middle';
  if (closingPunctuation.test(after)) return 'closing';
  if (quoteChars.test(after) && !wordChar.test(slice[to + 1] ?? '')) return 'closing';
  return 'middle';
}

function styleFrom(settings: RuleSettings): DashStyle {
  const { style } = settings.options as DashesOptions;
  if (style === undefined) return settings.dashStyle;
  if (style === 'closed-em' || style === 'spaced-en') return style;
  throw new ConfigError(`"typography.dashes.style" must be closed-em or spaced-en, got ${JSON.stringify(style)}`);
}

const maxPasses = 4;

const dashesPlugin: Plugin<[RuleSettings], Root> = (settings) => {
  const style = styleFrom(settings);
  return (tree) => {
    for (let run of collectTextRuns(tree)) {
      // A dash's neighbours may be another dash this pass changes (`a - — b`): repeat until the
      // run settles, so fixing the output again changes nothing. Ordinary prose settles at once.
      for (let pass = 0; pass < maxPasses; pass++) {
        const addresses = webAddressSpans(run.text);
        const edits = runSegments(run).flatMap((segment) => dashEdits(run.text, segment, style, addresses));
        if (edits.length === 0) break;
        run = applyEdits(run, edits);
      }
    }
  };
};

export const dashes: TypographyRule = {
  id: 'dashes',
  options: mapping(
    {
      style: dashStyle.optional().meta({ description: 'Overrides dash-style for this rule: closed-em (word—word) or spaced-en (word – word).', examples: ['spaced-en'] }),
    },
    { noun: 'option' },
  ),
  description: 'Turns `--`, `---` and spaced hyphens into em dashes (or spaced en dashes, by theme), and number ranges into en dashes.',
  plugin: dashesPlugin,
};
