// Properties of the whole typography pipeline over generated dialect-heavy stories: words kept, idempotent, curly text untouched, quotes exactly right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadStoryFromBytes } from '../src/load-story.ts';
import { storyToText } from '../src/writers/text.ts';
import { typographyRules } from '../src/transforms/index.ts';

/** Fixed seed: every run checks the same cases, and a failure names the one to replay. */
const seed = 20240611;

function fix(input: string, language = 'en', typography: Record<string, false> = {}) {
  const story = loadStoryFromBytes(new TextEncoder().encode(input), 'story.txt', { language, typography });
  const rules = new Set(['quotes', 'primes']);
  return { text: storyToText(story.tree), messages: story.file.messages.filter((message) => rules.has(message.ruleId ?? '')) };
}

/** For a failure message: the rules without which fixing twice is stable again. */
function stableWithout(input: string, language: string): string[] {
  return typographyRules.map((rule) => rule.id).filter((id) => {
    const once = fix(input, language, { [id]: false }).text;
    return fix(once, language, { [id]: false }).text === once;
  });
}

const lettersAndDigits = (text: string) => (text.match(/[\p{L}\p{N}]/gu) ?? []).join('');

// ---------------------------------------------------------------------------------------------
// A story model rendered two ways: as typed (straight marks) and as it should come out (curly).
// ---------------------------------------------------------------------------------------------

/** A word as typed and as it should read; `'` marks where the apostrophe goes. */
interface Word {
  typed: string;
  curly: string;
}

const word = (typed: string, curly = typed.replace(/'/g, '’')): Word => ({ typed, curly });

const plainWords = ['the', 'river', 'Maren', 'Jo', 'said', 'house', 'never', 'light', 'road', 'Quinn', 'tired', 'again', 'twelve', '1999', '42', 'over', 'and', 'cold'].map((w) => word(w));
const apostropheWords = ["y'all", "li'l", "m'self", "ma'am", "don't", "can't", "it's", "ain't", "we're", "o'clock", "O'Hara", "ya'd", "li'that", "c'mon", "Jo's"].map((w) => word(w));
/** Dropped endings and possessive plurals: the apostrophe ends the word. */
const trailingWords = ["goin'", "comin'", "nothin'", "somethin'", "fightin'", "the boys'", "the twins'"].map((w) => word(w));
/** Elisions: the apostrophe starts the word. */
const elisionWords = ["'em", "'cause", "'til", "'bout", "'round", "'nuff", "'kay", "'sup", "'tis", "'twas", "'s'pose", "'ello", "'ow", "'im", "'er", "'90s", "'67", "rock 'n' roll", "'un", "'ull", "'ee", "'baout", "'niff'd", "'tain't", "'a' gone"].map((w) => word(w));
const measureWords = [word(`5'10"`, '5′10″'), word(`6'2"`, '6′2″')];

const middleWord = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...plainWords) },
  { weight: 3, arbitrary: fc.constantFrom(...apostropheWords) },
  { weight: 2, arbitrary: fc.constantFrom(...elisionWords) },
  // A dropped ending in mid-sentence: `goin' the`.
  { weight: 2, arbitrary: fc.constantFrom(...trailingWords).map((w) => ({ typed: `${w.typed} the`, curly: `${w.curly} the` })) },
  { weight: 1, arbitrary: fc.constantFrom(...measureWords) },
);

const emphasized = (w: Word): Word => ({ typed: `*${w.typed}*`, curly: `*${w.curly}*` });

/** A few words; optionally ending on a dropped ending (`goin'`), which then meets punctuation. */
const clause = fc
  .tuple(
    fc.array(fc.tuple(middleWord, fc.integer({ min: 0, max: 9 })), { minLength: 1, maxLength: 6 }),
    fc.option(fc.constantFrom(...trailingWords), { freq: 3 }),
  )
  .map(([words, last]) => {
    const all = words.map(([w, roll]) => (roll === 0 ? emphasized(w) : w));
    if (last) all.push(last);
    return { typed: all.map((w) => w.typed).join(' '), curly: all.map((w) => w.curly).join(' ') };
  });

const capitalize = (text: string) => text.replace(/^(\*?)([a-z])/, (_, star: string, letter: string) => star + letter.toUpperCase());

/** A quotation: the kind the author typed, its words, maybe a nested quotation of the other kind. */
interface Quotation {
  kind: 'double' | 'single';
  body: Word;
}

const glyphs = { double: { straight: '"', open: '“', close: '”' }, single: { straight: "'", open: '‘', close: '’' } };
const other = (kind: Quotation['kind']) => (kind === 'double' ? 'single' : 'double');

/** What a quotation says: never starting with an elision when it is single (`'Cause…'` has no one right answer). */
function quotationBody(kind: Quotation['kind'], depth: number): fc.Arbitrary<Word> {
  const opening = kind === 'single' ? fc.constantFrom(...plainWords.filter((w) => !/^[0-9]/.test(w.typed)), ...apostropheWords) : fc.oneof(fc.constantFrom(...plainWords, ...apostropheWords), fc.constantFrom(...elisionWords));
  const nested = depth < 2 ? fc.option(nestedQuotation(other(kind), depth + 1), { freq: 3 }) : fc.constant(null);
  return fc.tuple(opening, clause, nested, fc.constantFrom('.', ',', '?', '!')).map(([first, rest, inner, end]) => {
    const typed = [capitalize(first.typed), rest.typed];
    const curly = [capitalize(first.curly), rest.curly];
    if (inner) typed.push(inner.typed), curly.push(inner.curly);
    return { typed: typed.join(' ') + end, curly: curly.join(' ') + end };
  });
}

function nestedQuotation(kind: Quotation['kind'], depth: number): fc.Arbitrary<Word> {
  return fc.tuple(quotationBody(kind, depth), fc.constantFrom('said', 'told me', 'wrote')).map(([body, verb]) => {
    const mark = glyphs[kind];
    return { typed: `${verb} ${mark.straight}${body.typed}${mark.straight}`, curly: `${verb} ${mark.open}${body.curly}${mark.close}` };
  });
}

const quotation: fc.Arbitrary<Word> = fc
  .tuple(fc.constantFrom<Quotation['kind']>('double', 'double', 'single'), fc.constantFrom('', ' he said.', ' Jo muttered.', ' She left.'))
  .chain(([kind, tag]) =>
    quotationBody(kind, 0).map((body) => {
      const mark = glyphs[kind];
      return { typed: `${mark.straight}${body.typed}${mark.straight}${tag}`, curly: `${mark.open}${body.curly}${mark.close}${tag}` };
    }),
  );

const narration: fc.Arbitrary<Word> = fc
  .tuple(clause, fc.constantFrom('.', '!', '?'))
  .map(([body, end]) => ({ typed: capitalize(body.typed) + end, curly: capitalize(body.curly) + end }));

const paragraph = fc.array(fc.oneof({ weight: 2, arbitrary: quotation }, { weight: 1, arbitrary: narration }), { minLength: 1, maxLength: 4 }).map((parts) => ({
  typed: parts.map((p) => p.typed).join(' '),
  curly: parts.map((p) => p.curly).join(' '),
}));

/** A speech running over paragraphs: every paragraph opens with `"`, only the last closes. */
const longSpeech = fc.array(fc.tuple(clause, fc.constantFrom('.', '!')), { minLength: 2, maxLength: 3 }).map((parts) => {
  const typed = parts.map(([body, end], i) => `"${capitalize(body.typed)}${end}${i === parts.length - 1 ? '"' : ''}`);
  const curly = parts.map(([body, end], i) => `“${capitalize(body.curly)}${end}${i === parts.length - 1 ? '”' : ''}`);
  return { typed: typed.join('\n\n'), curly: curly.join('\n\n') };
});

/** A well-formed story: its straight version must come out exactly as its curly one. */
const wellFormedStory = fc.array(fc.oneof({ weight: 4, arbitrary: paragraph }, { weight: 1, arbitrary: longSpeech }), { minLength: 1, maxLength: 5 }).map((blocks) => ({
  typed: blocks.map((b) => b.typed).join('\n\n') + '\n',
  curly: blocks.map((b) => b.curly).join('\n\n') + '\n',
}));

// ---------------------------------------------------------------------------------------------
// Messy stories: dashes, ellipses, scene breaks, stray spaces, mixed and broken quotes.
// ---------------------------------------------------------------------------------------------

const mark = fc.constantFrom('"', "'", '“', '”', '‘', '’');
const messyToken = fc.oneof(
  { weight: 6, arbitrary: middleWord.map((w) => w.typed) },
  { weight: 2, arbitrary: fc.constantFrom('--', '---', '—', '...', '…', ' - ', ', ', '. ', '? ', '! ', ': ', '; ') },
  { weight: 2, arbitrary: fc.tuple(mark, fc.constantFrom('', ' ')).map(([m, space]) => m + space) },
  { weight: 1, arbitrary: fc.tuple(mark, middleWord, mark).map(([a, w, b]) => `*${a}${w.typed}${b}*`) },
  { weight: 1, arbitrary: fc.constantFrom('(', ')', '[', ']', '5', '12"', "70's") },
);

const messyParagraph = fc.oneof(
  { weight: 8, arbitrary: fc.array(messyToken, { minLength: 1, maxLength: 14 }).map((tokens) => tokens.join(' ').replace(/ {2,}/g, ' ')) },
  { weight: 2, arbitrary: paragraph.map((p) => p.typed) },
  { weight: 1, arbitrary: fc.constantFrom('* * *', '***') },
);

const messyStory = fc.array(messyParagraph, { minLength: 1, maxLength: 5 }).map((paragraphs) => paragraphs.join('\n\n') + '\n');

// ---------------------------------------------------------------------------------------------

test('generated dialect stories: the straight version comes out exactly as the curly one, with no warning', () => {
  fc.assert(
    fc.property(wellFormedStory, ({ typed, curly }) => {
      const fixed = fix(typed);
      assert.equal(fixed.text, curly);
      assert.deepEqual(fixed.messages.map((m) => m.reason), []);
    }),
    { seed, numRuns: 1500 },
  );
});

test('already-correct curly text passes through unchanged and raises nothing', () => {
  fc.assert(
    fc.property(wellFormedStory, ({ curly }) => {
      const fixed = fix(curly);
      assert.equal(fixed.text, curly);
      assert.deepEqual(fixed.messages.map((m) => m.reason), []);
    }),
    { seed, numRuns: 1000 },
  );
});

test('messy stories in en, fr and de: letters and digits kept in order, and fixing twice changes nothing', () => {
  fc.assert(
    fc.property(messyStory, fc.constantFrom('en', 'en', 'fr', 'de'), (input, language) => {
      // A story with no letter or digit at all (only `* * *`) is refused as empty: nothing to keep.
      fc.pre(lettersAndDigits(input) !== '');
      const once = fix(input, language).text;
      assert.equal(lettersAndDigits(once), lettersAndDigits(input), 'letters and digits in order');
      const twice = fix(once, language).text;
      if (twice !== once) assert.equal(twice, once, `fixing twice changes the text; stable without: ${stableWithout(input, language).join(', ') || 'any single rule'}`);
    }),
    { seed, numRuns: 2500, includeErrorInReport: true },
  );
});
