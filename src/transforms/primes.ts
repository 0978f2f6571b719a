// Primes: feet and inches, minutes and seconds of arc (`5'10"`, `40°26'46"`) get ′ and ″ instead of quote marks.
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import type { RuleSettings, TypographyRule } from './rule.ts';
import { applyEdits, collectTextRuns, type Edit } from './text-runs.ts';

export const prime = '′';
export const doublePrime = '″';

/**
 * A mark after a number is a quote as often as a prime (`"I was 12"`), so only unmistakable
 * measurements are read: feet followed by inches (`5'10"`, `5' 10"`, `5'10`, `5'10''`), degrees followed by
 * minutes (`40°26'46"`), dimensions (`10' x 12'`), and a number of feet or inches followed by a
 * word of size (`6' tall`, `a 27" screen`).
 */
const feetAndInches = /(?<![\p{L}\p{N}.,′″])([0-9]{1,2})(['′])( ?)([0-9]{1,2}(?:[.,][0-9]+)?)(''|["″])?(?![\p{L}\p{N}'‘’′])/gu;
const degreesMinutesSeconds = /([0-9]°) ?([0-9]{1,2})(['′])(?: ?([0-9]{1,2}(?:[.,][0-9]+)?)(''|["″]))?/gu;
const dimensions = /(?<![\p{L}\p{N}.,′″])([0-9]{1,3}(?:[.,][0-9]+)?)(''|['′"″]) ?(?:x|×|by) ?([0-9]{1,3}(?:[.,][0-9]+)?)(''|['′"″])/gu;
const sizedMeasure =
  /(?<![\p{L}\p{N}.,′″])([0-9]{1,3}(?:[.,][0-9]+)?)(''|['"])(?= ?(?:tall|high|long|wide|deep|thick|away|across|apart|square|screen|monitor|display|TV|television)(?![\p{L}\p{N}]))/gu;

/** Replace `mark` (a straight quote typed as a foot or inch mark) at `start` with the right prime. */
function primeEdit(start: number, mark: string, inches: boolean): Edit | undefined {
  const replacement = inches || mark === "''" ? doublePrime : prime;
  if (mark === replacement) return undefined;
  return { start, end: start + mark.length, replacement };
}

/** Every measurement has a digit; most text has none, and is passed over with one plain scan. */
const anyDigit = /[0-9]/;

export function primeEdits(text: string): Edit[] {
  if (!anyDigit.test(text)) return [];
  const edits = new Map<number, Edit>();
  const add = (edit: Edit | undefined) => {
    if (edit && !edits.has(edit.start)) edits.set(edit.start, edit);
  };
  for (const match of text.matchAll(degreesMinutesSeconds)) {
    const [, degrees, minutes, minuteMark, seconds, secondMark] = match;
    const minuteAt = match.index + match[0].indexOf(minutes, degrees.length) + minutes.length;
    add(primeEdit(minuteAt, minuteMark, false));
    if (seconds && secondMark) add(primeEdit(match.index + match[0].length - secondMark.length, secondMark, true));
  }
  for (const match of text.matchAll(feetAndInches)) {
    const [, feet, footMark, space, inches, inchMark] = match;
    if (space && !inchMark) continue; // `5' 10` without an inch mark may be a quote: `'Take 5' 10 times`
    add(primeEdit(match.index + feet.length, footMark, false));
    if (inchMark) add(primeEdit(match.index + feet.length + footMark.length + space.length + inches.length, inchMark, true));
  }
  for (const match of text.matchAll(dimensions)) {
    const [, first, firstMark, second, secondMark] = match;
    add(primeEdit(match.index + first.length, firstMark, isInchMark(firstMark)));
    add(primeEdit(match.index + match[0].length - secondMark.length, secondMark, isInchMark(secondMark)));
    void second;
  }
  for (const match of text.matchAll(sizedMeasure)) {
    const [, number, mark] = match;
    add(primeEdit(match.index + number.length, mark, isInchMark(mark)));
  }
  return [...edits.values()].sort((a, b) => a.start - b.start);
}

const isInchMark = (mark: string) => mark === '"' || mark === '″' || mark === "''";

/**
 * Straight marks only: a curly `’` or `”` after a number may be a quote the quotes rule curled on
 * an earlier pass (`“He was 12”`), so reading it as a prime would make a second pass change
 * the text again. A typed `6’2”` is left to the quotes rule, which reports the odd `”`.
 */
const primesPlugin: Plugin<[RuleSettings], Root> = () => (tree: Root) => {
  for (const run of collectTextRuns(tree)) applyEdits(run, primeEdits(run.text));
};

export const primes: TypographyRule = {
  id: 'primes',
  description: 'Feet and inches, minutes and seconds (5\'10", 40°26\'46") take the primes ′ and ″, not quote marks.',
  plugin: primesPlugin,
};
