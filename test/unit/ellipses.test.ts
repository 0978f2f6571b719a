// The ellipses rule: golden fixtures through the whole pipeline, and the invisible joiners it adds, checked one by one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InlineCode, Paragraph } from 'mdast';
import fc from 'fast-check';
import { fixtureTests } from '../helpers/fixtures.ts';
import { runRules, showInvisibles } from '../helpers/run-rules.ts';
import { ellipses } from '../../src/transforms/ellipses.ts';

fixtureTests('ellipses');

const fixEllipses = (input: string, path?: string) => showInvisibles(runRules([ellipses], input, { path }).text);

test('an ellipsis right after a word is joined to it with a word joiner', () => {
  assert.equal(fixEllipses('He paused... then spoke.'), 'He paused⟨WJ⟩… then spoke.\n');
  assert.equal(fixEllipses('He paused… then spoke.'), 'He paused⟨WJ⟩… then spoke.\n');
});

test('a spaced ellipsis keeps its space, made no-break', () => {
  assert.equal(fixEllipses('He paused ... then spoke.'), 'He paused⟨NBSP⟩… then spoke.\n');
  assert.equal(fixEllipses('He paused . . . then spoke.'), 'He paused⟨NBSP⟩… then spoke.\n');
});

test('four dots are a period and an ellipsis, in that order', () => {
  assert.equal(fixEllipses('I know.... Then'), 'I know.⟨WJ⟩… Then\n');
  assert.equal(fixEllipses('I know…. Then'), 'I know.⟨WJ⟩… Then\n');
  assert.equal(fixEllipses('I know. . . . Then'), 'I know.⟨WJ⟩… Then\n');
});

test('no joiner at a line start, after a quote or after an opening bracket', () => {
  assert.equal(fixEllipses('...and so on'), '…and so on\n');
  assert.equal(fixEllipses('"...and so on" (...maybe)'), '"…and so on" (…maybe)\n');
  assert.equal(fixEllipses('First line\n...second line\n\nMore.'), 'First line\n…second line\n\nMore.\n');
});

test('two dots are not an ellipsis, and two glyphs are left as the author typed them', () => {
  assert.equal(fixEllipses('Wait.. what'), 'Wait.. what\n');
  assert.equal(fixEllipses('end. . Next'), 'end. . Next\n');
  assert.equal(fixEllipses('Well\u2026\u2026 no'), 'Well\u2026\u2026 no\n');
});

test('inline code keeps its dots', () => {
  const { tree } = runRules([ellipses], 'Type `...` and wait...', { path: 'story.md' });
  const paragraph = tree.children[0] as Paragraph;
  assert.equal((paragraph.children[1] as InlineCode).value, '...');
  assert.equal(showInvisibles((paragraph.children[2] as { value: string }).value), ' and wait⟨WJ⟩…');
});

test('the rule reports nothing: converting dots is typography, not a repair', () => {
  assert.deepEqual(runRules([ellipses], 'So... and then.... and ...').file.messages, []);
});

/** Fixed seed, so every run checks the same cases; PROPERTY_SEED and PROPERTY_RUNS explore further. */
const propertyRuns = { seed: Number(process.env.PROPERTY_SEED ?? 20261121), numRuns: Number(process.env.PROPERTY_RUNS ?? 300) };
const proseAlphabet = fc.constantFrom('a', 'B', '7', ' ', '  ', '.', '...', '. ', '…', '\u2060', '\u00A0', ',', '"', '\n\n');
const letters = (text: string) => text.match(/[\p{L}\p{N}]/gu)?.join('') ?? '';

test('property: ellipses keeps every letter and digit in order, and a second pass changes nothing', () => {
  fc.assert(
    fc.property(fc.array(proseAlphabet, { maxLength: 40 }).map((parts) => `x${parts.join('')}`), (input) => {
      const once = runRules([ellipses], input).text;
      assert.equal(letters(once), letters(input));
      assert.equal(runRules([ellipses], once).text, once);
    }),
    propertyRuns,
  );
});
