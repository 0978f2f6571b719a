// The quotes rule: golden fixtures (test/fixtures/quotes/, UPDATE=1 rewrites them) and the shared real stories.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixtureTests } from '../helpers/fixtures.ts';
import { loadStoryFromBytes } from '../../src/load-story.ts';
import { storyToText } from '../../src/writers/text.ts';
import { sharedSeeds, sharedSeedsAvailable } from '../helpers/shared-seeds.ts';

fixtureTests('quotes');

/** Real stories by other people, kept outside the repository: read in place, never copied. */
function fixSeed(name: string) {
  const bytes = readFileSync(sharedSeeds + name);
  const story = loadStoryFromBytes(bytes, name, { language: 'en' });
  const warnings = story.file.messages.filter((message) => message.ruleId === 'quotes');
  return { source: bytes.toString('utf8'), text: storyToText(story.tree), warnings };
}

const seedNames = ['000_ada8c86d2f6148f8.txt', '001_6ea037628a43a12a.txt', '002_05a363b7eb1d963c.txt'];

for (const name of seedNames) {
  test(`shared story ${name}: no straight quote or apostrophe is left`, (t) => {
    if (!sharedSeedsAvailable(t)) return;
    const { text } = fixSeed(name);
    assert.doesNotMatch(text, /['"]/);
  });
}

test('shared story 000: dialect apostrophes inside and at the end of words, no warning', (t) => {
  if (!sharedSeedsAvailable(t)) return;
  const { text, warnings } = fixSeed(seedNames[0]);
  for (const word of ['m’self', 'li’that', 'ya’d', 'somethin’ ', 'nothin’ ', '“C’mon,”', '“C’mere,”']) assert.ok(text.includes(word), `${word} in the output`);
  assert.deepEqual(warnings, []);
});

test('shared story 002: a dropped g before the closing quote, no warning', (t) => {
  if (!sharedSeedsAvailable(t)) return;
  const { text, warnings } = fixSeed(seedNames[2]);
  for (const word of ['comin’,”', 'goin’ alone”,']) assert.ok(text.includes(word), `${word} in the output`);
  assert.deepEqual(warnings, []);
});

test('shared story 001: the quotation opened with a single quote and closed with a double one is repaired and reported there', (t) => {
  if (!sharedSeedsAvailable(t)) return;
  const { source, text, warnings } = fixSeed(seedNames[1]);
  assert.equal(warnings.length, 1);
  const [warning] = warnings;
  assert.match(warning.reason, /^Unexpected straight quote `'` opening a quotation closed with `"`, expected `“`$/);
  // The warning points at the `'` the author typed, at the start of a sentence.
  const line = source.split('\n')[warning.line! - 1];
  assert.equal(line[warning.column! - 1], "'");
  assert.equal(line[warning.column! - 2], ' ');
  // That sentence now opens with `“` and the paragraph has as many `“` as `”`.
  const sentence = line.slice(warning.column!, warning.column! + 20);
  const paragraph = text.split('\n\n').find((block) => block.includes(sentence.replace(/'/g, '’')))!;
  assert.ok(paragraph.includes(`“${sentence.replace(/'/g, '’')}`));
  assert.equal(paragraph.split('“').length, paragraph.split('”').length);
});
