// The whitespace rule: golden fixtures through the whole pipeline, and line-by-line checks of the rule alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InlineCode, Paragraph, Text } from 'mdast';
import fc from 'fast-check';
import { fixtureTests } from '../helpers/fixtures.ts';
import { runRules, showInvisibles } from '../helpers/run-rules.ts';
import { whitespace } from '../../src/transforms/whitespace.ts';

fixtureTests('whitespace');

const fixWhitespace = (input: string, settings: Parameters<typeof runRules>[2] = {}) => showInvisibles(runRules([whitespace], input, settings).text);

test('indentation and trailing spaces go from every line, not only the paragraph start', () => {
  assert.equal(fixWhitespace('Title\n\n  one   \n\t two\t\n   three  \n\nEnd.'), 'Title\n\none\ntwo\nthree\n\nEnd.\n');
});

test('runs of spaces and tabs inside a line become one space', () => {
  assert.equal(fixWhitespace('a  b\tc \t d'), 'a b c d\n');
});

test('a single deliberate space stays as typed: no-break, narrow no-break', () => {
  assert.equal(fixWhitespace('a\u00A0b and c\u202Fd'), 'a⟨NBSP⟩b and c⟨NNBSP⟩d\n');
  assert.equal(fixWhitespace('a\u00A0\u00A0b and c \u00A0 d'), 'a⟨NBSP⟩b and c d\n');
});

test('a title before a capitalized name, and a number before a.m./p.m., are joined by a no-break space', () => {
  assert.equal(fixWhitespace('Mr. Hale, Dr.  Ortiz, St. Agnes, at 5 p.m. or 9 AM'), 'Mr.⟨NBSP⟩Hale, Dr.⟨NBSP⟩Ortiz, St.⟨NBSP⟩Agnes, at 5⟨NBSP⟩p.m. or 9⟨NBSP⟩AM\n');
  assert.equal(fixWhitespace('Mr. and Mrs. Lee; Hale Jr. Then; 3 amps'), 'Mr. and Mrs.⟨NBSP⟩Lee; Hale Jr. Then; 3 amps\n');
  assert.equal(fixWhitespace('Mr. Hale at 5 p.m.', { options: { noBreakSpaces: false } }), 'Mr. Hale at 5 p.m.\n');
});

test('Markdown soft line breaks become spaces; inline code keeps its own spacing', () => {
  const { tree } = runRules([whitespace], 'one\ntwo  `a   b`   three  ', { path: 'story.md' });
  const paragraph = tree.children[0] as Paragraph;
  assert.equal((paragraph.children[0] as Text).value, 'one two ');
  assert.equal((paragraph.children[1] as InlineCode).value, 'a   b');
  assert.equal((paragraph.children[2] as Text).value, ' three');
});

test('spaces around emphasis collapse like any others', () => {
  assert.equal(fixWhitespace('She was *very*   tired   *indeed*.'), 'She was *very* tired *indeed*.\n');
});

test('the rule reports nothing: tidying spaces is cleanup, not a repair', () => {
  assert.deepEqual(runRules([whitespace], '  a  b\t\tc  ').file.messages, []);
});

/** Fixed seed, so every run checks the same cases; PROPERTY_SEED and PROPERTY_RUNS explore further. */
const propertyRuns = { seed: Number(process.env.PROPERTY_SEED ?? 20261121), numRuns: Number(process.env.PROPERTY_RUNS ?? 300) };
const proseAlphabet = fc.constantFrom('a', 'B', '7', '.', 'Mr.', ' ', '  ', '\t', '\u00A0', '\u202F', '\n', '\n\n', 'p.m.');
const letters = (text: string) => text.match(/[\p{L}\p{N}]/gu)?.join('') ?? '';

test('property: whitespace keeps every letter and digit in order, and a second pass changes nothing', () => {
  fc.assert(
    fc.property(fc.array(proseAlphabet, { maxLength: 40 }).map((parts) => `x${parts.join('')}`), (input) => {
      const once = runRules([whitespace], input).text;
      assert.equal(letters(once), letters(input));
      assert.equal(runRules([whitespace], once).text, once);
    }),
    propertyRuns,
  );
});
