// Ellipses: `...` and `. . .` become `…`, a fourth dot stays a period, and an ellipsis never starts a line apart from its word.
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import type { RuleSettings, TypographyRule } from './rule.ts';
import { applyEdits, collectTextRuns, runSegments, type Edit, type RunSegment } from './text-runs.ts';

const ellipsis = '\u2026';
/** U+2060: no line break between the characters on either side, and no visible space. */
const wordJoiner = '\u2060';
const noBreakSpace = '\u00A0';

/**
 * Candidates: two or more dots, each pair apart by at most one space (`...`, `. . .`, `. . . .`);
 * an ellipsis glyph, with the one period that follows it (`….`). Two dots are not an ellipsis
 * and are left as typed.
 */
const dotsOrEllipsis = /\.(?:[ \u00A0]?\.)+|\u2026(?:\.(?![.\u2060\u2026]))?/g;
const dot = /\./g;

/**
 * No word joiner after these: a line cannot break after quotes, opening brackets or another
 * ellipsis; a hyphen or dash is a break point of its own (and the dashes rule, which runs next,
 * may close up the space before an ellipsis); or the joiner is already there.
 */
const noJoinerAfter = /[\u2060"'“”‘’«»‹›([{\u2026\-\u2010-\u2015\u2E3A\u2E3B]/;
const spaceBefore = /[ \t\u00A0\u202F\u2009\u200A]/;

/**
 * What a run of `count` dots becomes. Three: `…`. Four: a period, then the ellipsis — the
 * Chicago Manual and Standard Ebooks order for an ellipsis after a complete sentence (`know.…`);
 * nothing the author typed is lost. Five or more are a drawn-out `…`: the extra dots are
 * emphasis, not a period.
 */
function ellipsisFor(count: number): string {
  return count === 4 ? `.${wordJoiner}${ellipsis}` : ellipsis;
}

function ellipsisEdits(text: string, segment: RunSegment): Edit[] {
  const edits: Edit[] = [];
  const slice = text.slice(segment.start, segment.end);
  dotsOrEllipsis.lastIndex = 0;
  for (let match = dotsOrEllipsis.exec(slice); match; match = dotsOrEllipsis.exec(slice)) {
    const found = match[0];
    const count = found[0] === ellipsis ? (found.length === 1 ? 3 : 4) : (found.match(dot)?.length ?? 0);
    if (count < 3) continue;
    const glyphs = ellipsisFor(count);
    let from = match.index;
    const before = slice[from - 1];
    // A period first (`.…`) cannot start a line anyway: only a bare ellipsis needs joining.
    const joinable = glyphs[0] === ellipsis;
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
    const replacement = prefix + glyphs;
    if (replacement !== original) edits.push({ start: segment.start + from, end: segment.start + match.index + found.length, replacement });
  }
  return edits;
}

const ellipsesPlugin: Plugin<[RuleSettings], Root> = () => (tree) => {
  for (const run of collectTextRuns(tree)) {
    applyEdits(run, runSegments(run).flatMap((segment) => ellipsisEdits(run.text, segment)));
  }
};

export const ellipses: TypographyRule = {
  id: 'ellipses',
  description: 'Turns `...` and `. . .` into one ellipsis glyph, keeps a fourth dot as a period, and binds the ellipsis to the word before it.',
  plugin: ellipsesPlugin,
};
