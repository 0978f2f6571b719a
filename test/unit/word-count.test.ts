// Word counts: the one-pass counter against the regex it replaced, on text drawn from every script and the joiners.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { countWords } from '../../src/word-count.ts';

const wordPattern = /[\p{L}\p{N}]+(?:['’\u2011-][\p{L}\p{N}]+)*/gu;
const byRegex = (text: string) => text.match(wordPattern)?.length ?? 0;

test('countWords counts what the word regex matches, in every script, with joiners, surrogate pairs and lone surrogates', () => {
  const pieces = ['a', 'Z', '7', 'é', 'ß', 'Ж', 'ع', '字', 'ひ', '٣', '𝒜', '𠀋', '😀', "'", '’', '\u2011', '-', '--', ' ', '\n', '.', '“', '\ud800', '\udc00', '\u00a0', '_'];
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      assert.equal(countWords(text), byRegex(text), JSON.stringify(text));
    }),
    { numRuns: 3000 },
  );
});

test('countWords: contractions and hyphenated words are one word each; dashes and spaced hyphens split', () => {
  // Don't, go, it's, well-known, isn’t, it, cause, I, said, so, twice, or, thrice.
  assert.equal(countWords("Don't go — it's well-known, isn’t it? ’cause I said so - twice--or thrice."), 13);
  assert.equal(countWords(''), 0);
  assert.equal(countWords("'tis -a- b'"), 3);
});
