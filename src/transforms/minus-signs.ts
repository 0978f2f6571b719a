// Minus signs: a hyphen typed before a number that stands alone (`-5`, `(-3.5)`) becomes the minus sign `−`.
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import type { RuleSettings, TypographyRule } from './rule.ts';
import { applyEdits, collectTextRuns, type Edit } from './text-runs.ts';

export const minusSign = '\u2212';

/**
 * A hyphen at the start, after a space, an opening bracket or quote, or `=`/`<`/`>`, right before
 * a digit, with no letter, digit or dash before it: `-5 degrees`, `(-3)`, `x = -2`. A hyphen after
 * a word or number is a range or a compound (`10-5`, `B-52`), and a spaced or doubled one
 * (`- 5`, `--5`) is left to the dashes rule, which runs first.
 */
const negativeNumber = /(?<=^|[\s([{"'“‘=<>±])-(?=[0-9])/gu;

export function minusEdits(text: string): Edit[] {
  // Most text has no hyphen: a plain search is far cheaper than the lookbehind pattern tried at every character.
  if (!text.includes('-')) return [];
  return [...text.matchAll(negativeNumber)].map((match) => ({ start: match.index, end: match.index + 1, replacement: minusSign }));
}

const minusSignsPlugin: Plugin<[RuleSettings], Root> = () => (tree: Root) => {
  for (const run of collectTextRuns(tree)) applyEdits(run, minusEdits(run.text));
};

export const minusSigns: TypographyRule = {
  id: 'minus-signs',
  description: 'A hyphen before a number that stands alone (-5, (-3.5)) becomes the minus sign −.',
  plugin: minusSignsPlugin,
};
