// The dashes rule: golden fixtures through the whole pipeline, and the dash rule alone (before quotes curl anything).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InlineCode, Paragraph } from 'mdast';
import fc from 'fast-check';
import { fixtureTests } from '../helpers/fixtures.ts';
import { runRules, showInvisibles } from '../helpers/run-rules.ts';
import { dashes } from '../../src/transforms/dashes.ts';
import { ConfigError } from '../../src/errors.ts';

fixtureTests('dashes');

const fixDashes = (input: string, settings: Parameters<typeof runRules>[2] = {}) => showInvisibles(runRules([dashes], input, settings).text);

test('an interrupted line ends in an em dash before the straight quote the quotes rule will curl', () => {
  assert.equal(fixDashes('"I was gonna--"'), '"I was gonna—"\n');
  assert.equal(fixDashes('"I was gonna -"'), '"I was gonna—"\n');
  assert.equal(fixDashes('"I was gonna --" he said.'), '"I was gonna—" he said.\n');
});

test('a dash that opens a quotation stays an em dash right after the quote', () => {
  assert.equal(fixDashes('"--and then it broke."'), '"—and then it broke."\n');
  assert.equal(fixDashes('She said, "-- no."'), 'She said, "—no."\n');
});

test('closed em dashes by default, spaced en dashes with a no-break space before them when the theme asks', () => {
  assert.equal(fixDashes('one -- two---three - four – five — six'), 'one—two—three—four—five—six\n');
  assert.equal(fixDashes('one -- two---three', { dashStyle: 'spaced-en' }), 'one⟨NBSP⟩– two⟨NBSP⟩– three\n');
  assert.equal(fixDashes('"Wait--"', { dashStyle: 'spaced-en' }), '"Wait⟨NBSP⟩–"\n');
  assert.equal(fixDashes('one -- two', { options: { style: 'spaced-en' } }), 'one⟨NBSP⟩– two\n');
});

test('a dialogue dash at a line start keeps a no-break space after it', () => {
  assert.equal(fixDashes('- Hello, she said.'), '—⟨NBSP⟩Hello, she said.\n');
  assert.equal(fixDashes('First line\n- second line\n\nMore.'), 'First line\n—⟨NBSP⟩second line\n\nMore.\n');
});

test('number ranges get an en dash; hyphenated words, negative numbers, dates and telephone numbers do not', () => {
  assert.equal(fixDashes('10-20, 1999-2000, pp. 5-9, 5--7, 1990-95'), '10–20, 1999–2000, pp. 5–9, 5–7, 1990–95\n');
  const untouched = 'twenty-one, well-known, x-ray, -5, pre- and post-war, 2024-01-15, 555-1234, 1.5-2, B12-3';
  assert.equal(fixDashes(untouched), `${untouched}\n`);
});

test('an unknown dash style in the rule config is a ConfigError', () => {
  assert.throws(() => runRules([dashes], 'a--b', { options: { style: 'spaced' } }), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /"typography\.dashes\.style" must be closed-em or spaced-en, got "spaced"/);
    return true;
  });
});

test('inline code keeps its hyphens, and emphasis edges do not stop a dash', () => {
  const { tree, text } = runRules([dashes], 'Run `a--b` *now* -- *fast*', { path: 'story.md' });
  assert.equal(((tree.children[0] as Paragraph).children[1] as InlineCode).value, 'a--b');
  assert.equal(text, 'Run a--b *now*—*fast*\n');
});

test('the rule reports nothing: `--` is normal typing, not a mistake', () => {
  assert.deepEqual(runRules([dashes], 'So--and then - well -- 5-6').file.messages, []);
});

/** Fixed seed, so every run checks the same cases; PROPERTY_SEED and PROPERTY_RUNS explore further. */
const propertyRuns = { seed: Number(process.env.PROPERTY_SEED ?? 20261121), numRuns: Number(process.env.PROPERTY_RUNS ?? 300) };
const proseAlphabet = fc.constantFrom('a', 'B', '7', ' ', '-', '--', '---', ' - ', '–', '—', '"', "'", ',', '\n\n', '\u00A0');
const letters = (text: string) => text.match(/[\p{L}\p{N}]/gu)?.join('') ?? '';

for (const dashStyle of ['closed-em', 'spaced-en'] as const) {
  test(`property (${dashStyle}): dashes keeps every letter and digit in order, and a second pass changes nothing`, () => {
    fc.assert(
      fc.property(fc.array(proseAlphabet, { maxLength: 40 }).map((parts) => `x${parts.join('')}`), (input) => {
        const once = runRules([dashes], input, { dashStyle }).text;
        assert.equal(letters(once), letters(input));
        assert.equal(runRules([dashes], once, { dashStyle }).text, once);
      }),
      propertyRuns,
    );
  });
}
