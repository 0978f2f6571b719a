// Fuzzing stories in several languages and scripts, saved as valid UTF-8: the letters and digits of every one survive reading and typography, in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadStoryFromBytes } from '../../src/load-story.ts';
import { storyToText } from '../../src/writers/text.ts';

/** Fixed seed: every run checks the same 2,000 stories, and a failure names the one to replay. */
const seed = 20_261_111;

/** Words per language, with the letters mojibake repair used to break (ß, É, é, Ã, Â, ñ) and other scripts. */
const vocabularies: Record<string, string[]> = {
  en: ['café', 'naïve', 'don’t', 'she', 'said', 'CAFÉ', 'résumé', 'Zoë', 'lighthouse', 'tide', '1999', '42'],
  de: ['weiß', 'Straße', 'sagte', 'Grüße', 'FLÜSSE', 'Ärger', 'Öl', 'über', 'Maß', 'GROẞ'],
  fr: ['déjà', 'voilà', 'été', 'Ça', 'garçon', 'ÂME', 'côte', 'sûr', 'Noël', 'œuvre'],
  es: ['señor', 'año', 'Ñandú', 'cañón', 'qué', 'está', 'niña', 'PEQUEÑO'],
  pt: ['IRMÃ', 'MAMÃ', 'NÃO', 'São', 'coração', 'ação', 'pão', 'ÓRFÃ'],
  pl: ['żółw', 'źle', 'Łódź', 'gęś', 'ZAŻÓŁĆ', 'jaźń'],
  ru: ['привет', 'Ёлка', 'сказала', 'МОРЕ', 'ещё', 'объявление'],
  el: ['θάλασσα', 'ΦΩΣ', 'είπε', 'ψυχή'],
  ja: ['灯台', 'ひかり', 'カタカナ', '海', '日本語'],
  zh: ['咖啡馆', '灯塔', '潮水', '我们'],
  ar: ['منارة', 'بحر', 'قالت'],
  he: ['מגדלור', 'ים', 'אמרה'],
};

/** What real text puts around words: quotes of several languages, ellipses, dashes, guillemets, apostrophes. */
const marks = ['“', '”', '‘', '’', '„', '“', '«', '»', '‹', '›', '…', '—', '–', '"', "'", '...', '--', ',', '.', '!', '?', ';', ':', '(', ')', '°', '²', '·', '\u00a0', '*', '_'];

const wordWithMarks = fc
  .tuple(fc.constantFrom(...Object.keys(vocabularies)), fc.nat(), fc.array(fc.constantFrom(...marks), { maxLength: 2 }), fc.array(fc.constantFrom(...marks), { maxLength: 3 }))
  .map(([language, index, before, after]) => before.join('') + vocabularies[language][index % vocabularies[language].length] + after.join(''));

const paragraph = fc.array(wordWithMarks, { minLength: 1, maxLength: 14 }).map((words) => words.join(' '));
const story = fc.array(paragraph, { minLength: 1, maxLength: 6 }).map((paragraphs) => paragraphs.join('\n\n') + '\n');

const lettersAndDigits = (text: string) => (text.match(/[\p{L}\p{N}]/gu) ?? []).join('');

test('2,000 generated multilingual stories keep every letter and digit, in order, through decoding, reading and typography', () => {
  fc.assert(
    fc.property(story, fc.constantFrom('en', 'de', 'fr', 'ru', 'ja'), (text, language) => {
      const read = loadStoryFromBytes(new TextEncoder().encode(text), 'fuzz.txt', { language });
      assert.equal(lettersAndDigits(storyToText(read.tree)), lettersAndDigits(text));
      assert.deepEqual(read.file.messages.filter((message) => message.ruleId === 'mojibake'), []);
    }),
    { seed, numRuns: 2000 },
  );
});
