// How stories open, the same in the EPUB and the PDF: the opening paragraph's class, one drop-cap rule, notes labelled once, and PDF page labels that match the folios.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BlockContent, RootContent } from 'mdast';
import { VFile } from 'vfile';
import { emptyMeta, type Anthology, type Story } from '../../src/story.ts';
import { takesDropCap, dropCapMinimumWords } from '../../src/writers/drop-cap.ts';
import { writeEpub } from '../../src/writers/epub/index.ts';
import { bookData } from '../../src/writers/pdf/book-data.ts';
import { storyBlocks } from '../../src/writers/pdf/story-data.ts';
import { writePdf } from '../../src/writers/pdf/index.ts';
import { classicFonts, readClassicTemplate } from '../../src/themes/classic-pdf.ts';
import { epubOptionsFor, loadTheme } from '../../src/themes/index.ts';
import { toolAvailable } from '../helpers/external-tools.ts';
import { pdfPages, pdfPageLabels, pdfToolsMissing } from '../helpers/pdf.ts';
import { unzipEpub } from '../helpers/unzip.ts';

const paragraph = (value: string): BlockContent => ({ type: 'paragraph', children: [{ type: 'text', value }] });
const words = (count: number, first = 'Morning') => [first, ...Array.from({ length: count - 1 }, (_, index) => ['came', 'slowly', 'over', 'the', 'harbor'][index % 5])].join(' ') + '.';
const note = (text: string): RootContent => ({ type: 'authorNote', kind: 'note', children: [paragraph(text)] });

function story(title: string, children: RootContent[]): Story {
  return { meta: { ...emptyMeta(title), authors: ['Ada'], words: 500 }, tree: { type: 'root', children }, file: new VFile({ path: `${title}.txt` }) };
}

const long = story('Long', [paragraph(words(60)), paragraph(words(20, 'Then'))]);
const short = story('Short', [paragraph('Fog.'), paragraph(words(60, 'Later'))]);
const book: Anthology = { meta: { title: 'Openings', editors: ['Eve'], language: 'en' }, stories: [long, short], modified: new Date('2024-03-01T12:00:00Z') };

test('the drop-cap rule: plain text, a letter followed by more of its word, and enough words', () => {
  assert.equal(takesDropCap({ leadingText: words(dropCapMinimumWords), text: words(dropCapMinimumWords) }), true);
  assert.equal(takesDropCap({ leadingText: words(dropCapMinimumWords - 1), text: words(dropCapMinimumWords - 1) }), false, 'too short: it would collide');
  assert.equal(takesDropCap({ leadingText: `“${words(50)}`, text: `“${words(50)}` }), true, 'an opening quotation mark drops with the letter');
  assert.equal(takesDropCap({ leadingText: `I ${words(50)}`, text: `I ${words(50)}` }), false, 'a one-letter word stays in the line');
  assert.equal(takesDropCap({ leadingText: undefined, text: words(50) }), false, 'a paragraph opening with emphasis');
});

test('the EPUB marks each opening paragraph, and drops a cap only where the PDF does', async () => {
  const options = await epubOptionsFor(loadTheme('classic'), { generator: 'ficbind 0.1.0', dropCap: true });
  const epub = await unzipEpub(await writeEpub(book, options));
  const first = await epub.text('OEBPS/story-01.xhtml');
  assert.match(first, /<p class="opening drop-cap">Morning came/);
  assert.match(first, /<p>Then came/);
  const second = await epub.text('OEBPS/story-02.xhtml');
  assert.match(second, /<p class="opening">Fog\.<\/p>/, 'a short opening takes small capitals only');
  const data = bookData(book, { pageSize: '6x9', generator: 'ficbind', fonts: classicFonts(), ornament: '❧', hasCover: false, dropCap: true });
  assert.deepEqual(data.stories.map((item) => item.dropCap), [true, false], 'the PDF agrees');
  assert.match(options.css, /p\.opening:first-line/);
  assert.doesNotMatch(options.css, /body\.story > p:first-of-type/, 'no selector that Kobo’s wrappers break');
});

test('a note whose text starts with the author’s own label gets no second label in the PDF', () => {
  const blocks = storyBlocks(story('Notes', [note('A/N: thanks for reading!'), note('Author’s Note — betaed by Sam.'), note('Thanks to everyone who read the first part.'), paragraph(words(10))]));
  assert.deepEqual(blocks.filter((block) => block.t === 'note').map((block) => (block as { labelled: boolean }).labelled), [false, false, true]);
});

test('PDF page labels match the folios: front matter in roman numerals, the first story on page 1', async (t) => {
  if (!toolAvailable(t, await pdfToolsMissing())) return;
  const pdf = await writePdf(book, { template: await readClassicTemplate(), fonts: classicFonts(), generator: 'ficbind test' });
  const labels = await pdfPageLabels(pdf);
  const pages = await pdfPages(pdf);
  const opener = pages.findIndex((page, index) => index > 1 && /^\s*Long\b/.test(page));
  assert.ok(opener > 0, 'the first story has a page');
  assert.equal(labels[opener], '1', 'the first story’s page is labelled 1');
  assert.deepEqual(labels.slice(0, opener), ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii'].slice(0, opener), 'front matter in roman numerals');
  assert.equal(labels[opener + 1], '2');
});
