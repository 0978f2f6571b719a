// Ellipses: `...` and `. . .` become `…`, a fourth dot stays a period, and an ellipsis never starts a line apart from its word.
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import type { RuleSettings, TypographyRule } from './rule.ts';
import { applyEdits, collectTextRuns, runSegments, type Edit, type RunSegment } from './text-runs.ts';
import { overlapsSpan, webAddressSpans, type Span } from './web-addresses.ts';

const ellipsis = '\u2026';
/** U+2060: no line break between the characters on either side, and no visible space. */
const wordJoiner = '\u2060';
const noBreakSpace = '\u00A0';

/**
 * Candidates: dots and ellipsis glyphs touching, or one space (or a word joiner) apart: `...`,
 * `. . .`, `….`, `. …`, `.⁠…`; or a lone glyph. Taken as one cluster, so the glyph and the dots
 * beside it are decided together.
 */
const dotCluster = /[.\u2026](?:[ \u00A0\u2060]?[.\u2026])+|\u2026/g;
const dot = /\./g;
const glyph = /\u2026/g;

/**
 * No word joiner after these: a line cannot break after quotes, opening brackets or another
 * ellipsis; a hyphen or dash is a break point of its own (and the dashes rule, which runs next,
 * may close up the space before an ellipsis); or the joiner is already there.
 */
const noJoinerAfter = /[\u2060"'“”‘’„‚«»‹›([{¿¡\u2026\-\u2010-\u2015\u2E3A\u2E3B]/;
const spaceBefore = /[ \t\u00A0\u202F\u2009\u200A]/;
const quoteMarks = /["'“”‘’„‚«»‹›]/;
const openingBrackets = /[([{¿¡]/;

/**
 * What a cluster becomes, or undefined to leave it as typed. Three dots: `…`. Four (or a glyph
 * and a period, either order): a period, then the ellipsis — the Chicago Manual and Standard
 * Ebooks order for an ellipsis after a complete sentence (`know.…`); nothing the author typed is
 * lost. Five or more: a drawn-out `…`, the extra dots are emphasis, not a period. Two dots are
 * not an ellipsis, and two glyphs (`……`) are the author's own.
 */
function ellipsisFor(cluster: string): string | undefined {
  const glyphs = cluster.match(glyph)?.length ?? 0;
  const dots = cluster.match(dot)?.length ?? 0;
  if (glyphs > 1) return undefined;
  const length = dots + 3 * glyphs;
  if (length < 3) return undefined;
  return length === 4 ? `.${wordJoiner}${ellipsis}` : ellipsis;
}

/**
 * Something before `at` on its line that a period could end: not only spaces and quote marks
 * after the line's start or an opening bracket. Quote marks are looked past whichever way they
 * face, as the quotes rule (which runs later) may turn them.
 */
function followsSentence(slice: string, at: number, segment: RunSegment): boolean {
  let index = at - 1;
  while (index >= 0 && (spaceBefore.test(slice[index]) || quoteMarks.test(slice[index]))) index--;
  if (index < 0) return !segment.startsLine;
  return !openingBrackets.test(slice[index]);
}

function ellipsisEdits(text: string, segment: RunSegment, addresses: Span[]): Edit[] {
  const edits: Edit[] = [];
  const slice = text.slice(segment.start, segment.end);
  dotCluster.lastIndex = 0;
  for (let match = dotCluster.exec(slice); match; match = dotCluster.exec(slice)) {
    const found = match[0];
    if (overlapsSpan(addresses, segment.start + match.index, segment.start + match.index + found.length)) continue;
    let becomes = ellipsisFor(found);
    if (becomes === undefined) continue;
    let from = match.index;
    const before = slice[from - 1];
    // With no sentence before it (a line's start, `"....`), a fourth dot is no period: one ellipsis.
    if (becomes[0] === '.' && !followsSentence(slice, from, segment)) becomes = ellipsis;
    // A period first (`.…`) cannot start a line anyway: only a bare ellipsis needs joining.
    const joinable = becomes[0] === ellipsis;
    let prefix = '';
    if (before === undefined) {
      // At a line start nothing can separate the ellipsis from a word; after code or an image, join.
      if (!segment.startsLine && joinable) prefix = wordJoiner;
    } else if (before === ' ') {
      // A spaced ellipsis keeps its space, made no-break so the ellipsis stays with the word before it.
      if (from - 1 > 0 || !segment.startsLine) (from -= 1), (prefix = noBreakSpace);
    } else if (joinable && !spaceBefore.test(before) && !noJoinerAfter.test(before)) {
      prefix = wordJoiner;
    }
    const original = slice.slice(from, match.index + found.length);
    const replacement = prefix + becomes;
    if (replacement !== original) edits.push({ start: segment.start + from, end: segment.start + match.index + found.length, replacement });
  }
  return edits;
}

const ellipsesPlugin: Plugin<[RuleSettings], Root> = () => (tree) => {
  for (const run of collectTextRuns(tree)) {
    const addresses = webAddressSpans(run.text);
    applyEdits(run, runSegments(run).flatMap((segment) => ellipsisEdits(run.text, segment, addresses)));
  }
};

export const ellipses: TypographyRule = {
  id: 'ellipses',
  description: 'Turns `...` and `. . .` into one ellipsis glyph, keeps a fourth dot as a period, and binds the ellipsis to the word before it.',
  plugin: ellipsesPlugin,
};
