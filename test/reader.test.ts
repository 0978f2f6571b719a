// What a reader sees in a real reading engine (foliate-js in Chromium): ornaments on every format, Kobo's small capitals, one contents page, labels in the book's language.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAnthology } from '../src/build.ts';
import { commandMissing, toolAvailable } from './helpers/external-tools.ts';
import { buildSharedSeeds, sharedSeedsAvailable } from './helpers/shared-seeds.ts';
import { readerAvailable, startReader, type Reader, type SectionView } from './helpers/reader.ts';

const ourSeeds = new URL('../seeds/', import.meta.url).pathname;
let reader: Reader | undefined;
let calibreMissing: string | undefined;

before(async () => {
  calibreMissing = await commandMissing('ebook-convert', ['--version']);
});

after(async () => {
  await reader?.close();
});

/** The reader, started once for the file; undefined (the test skipped, or failed on CI) without Chromium or foliate-js. */
async function readerFor(t: TestContext): Promise<Reader | undefined> {
  if (!readerAvailable(t)) return undefined;
  reader ??= await startReader();
  return reader;
}

const contentsPages = (views: SectionView[], heading: RegExp) => views.filter((view) => heading.test(view.text));

/** Our own sample anthology (seeds/anthology.yaml: five stories with authors and scene breaks), built once per format list. */
async function buildOurSeeds(formats: string[]) {
  const out = await mkdtemp(join(tmpdir(), 'ficbind-reader-'));
  const result = await buildAnthology({ config: join(ourSeeds, 'anthology.yaml'), out, formats, sourceDateEpoch: 1_700_000_000, cache: false });
  return (format: string) => readFile(result.files.find((file) => file.format === format)!.path).then((bytes) => new Uint8Array(bytes));
}

const ourTitles = ['Comin’ Home', 'The Long Watch', 'Salt and Static', 'Lantern Letters', 'Quiet Hours'];

describe('our sample anthology in the classic theme', () => {
  const formats = ['epub', 'kepub', 'azw3'] as const;
  const fileNames = { epub: 'book.epub', kepub: 'book.kepub.epub', azw3: 'book.azw3' };
  const seen = new Map<string, { toc: string[]; views: SectionView[] }>();

  let built: Promise<(format: string) => Promise<Uint8Array>> | undefined;

  async function open(t: TestContext, format: (typeof formats)[number]) {
    if (format === 'azw3' && !toolAvailable(t, calibreMissing)) return undefined;
    const opened = await readerFor(t);
    if (!opened) return undefined;
    if (!seen.has(format)) {
      built ??= buildOurSeeds(calibreMissing ? ['epub', 'kepub'] : ['epub', 'kepub', 'azw3']);
      const book = await opened.open(await (await built)(format), fileNames[format]);
      seen.set(format, { toc: book.toc, views: await book.allSections() });
    }
    return seen.get(format)!;
  }

  for (const format of formats) {
    test(`${format}: every scene break shows the hedera, loaded and drawn at text size`, async (t) => {
      const book = await open(t, format);
      if (!book) return;
      const ornaments = book.views.flatMap((view) => view.ornaments);
      assert.ok(ornaments.length >= 5, `${format}: scene breaks with an ornament (found ${ornaments.length})`);
      for (const ornament of ornaments) {
        assert.equal(ornament.alt, '❧');
        assert.ok(ornament.loaded, `${format}: the ornament's picture loaded`);
        assert.ok(ornament.shown && ornament.height >= 10 && ornament.width >= 10, `${format}: the ornament is drawn (${ornament.width} × ${ornament.height} px)`);
      }
    });

    test(`${format}: one contents page, listing every story with its authors`, async (t) => {
      const book = await open(t, format);
      if (!book) return;
      const pages = contentsPages(book.views, /^(?:Table of )?Contents\b/);
      assert.equal(pages.length, 1, `${format}: one contents page (no second one made by Calibre)`);
      const stories = book.views.filter((view) => / by \S+/.test(view.text.slice(0, 200)) && view.index !== pages[0].index);
      for (const title of ourTitles) {
        assert.ok(pages[0].text.includes(title), `${format}: the contents page lists “${title}”`);
        assert.ok(book.toc.some((entry) => entry.startsWith(title)), `${format}: the reader's table of contents lists “${title}”`);
      }
      assert.ok(stories.length >= 4, `${format}: the stories open with their bylines`);
      assert.match(pages[0].text, /Comin’ Home by \S+/, `${format}: authors beside the titles`);
    });
  }

  test('the ornaments are the same on every format: as many in the AZW3 and the KEPUB as in the EPUB', async (t) => {
    const books = [];
    for (const format of formats) books.push(await open(t, format));
    if (books.some((book) => !book)) return;
    const counts = books.map((book) => book!.views.flatMap((view) => view.ornaments).length);
    assert.deepEqual(counts, [counts[0], counts[0], counts[0]]);
  });

  test('kepub: the opening lines are in small capitals inside Kobo’s div#book-columns > div#book-inner', async (t) => {
    const book = await open(t, 'kepub');
    if (!book) return;
    const openings = book.views.reduce((sum, view) => sum + view.smallCapsOpenings, 0);
    assert.ok(openings >= ourTitles.length, `a small-caps first line for each story (found ${openings})`);
    const epub = await open(t, 'epub');
    assert.equal(openings, epub!.views.reduce((sum, view) => sum + view.smallCapsOpenings, 0), 'as many as in the EPUB');
  });
});

// The AZW3's one contents page is the sample anthology's test above; kindle-safe.test.ts converts the shared stories.
test('the shared real stories: one contents page listing all three, in each of EPUB and KEPUB', async (t) => {
  if (!sharedSeedsAvailable(t)) return;
  const opened = await readerFor(t);
  if (!opened) return;
  const formats = ['epub', 'kepub'];
  const built = await buildSharedSeeds(formats);
  for (const format of formats) {
    const book = await opened.open(await built.bytes(format), format === 'kepub' ? 'book.kepub.epub' : `book.${format}`);
    const views = await book.allSections();
    const pages = contentsPages(views, /^(?:Table of )?Contents\b/);
    assert.equal(pages.length, 1, `${format}: one contents page`);
    assert.equal(pages[0].contents.length, 3, `${format}: it lists the three stories`);
    assert.equal(book.toc.length, 3, `${format}: the reader's table of contents lists the three stories`);
  }
});

describe('a French book', () => {
  test('prints its labels in French: contents, bylines, word counts, colophon; each story’s own language is its xml:lang', async (t) => {
    const opened = await readerFor(t);
    if (!opened) return;
    const out = await mkdtemp(join(tmpdir(), 'ficbind-reader-fr-'));
    const result = await buildAnthology({ config: false, input: ourSeeds, out, title: 'Feux du port', language: 'fr', formats: ['epub'], sourceDateEpoch: 1_700_000_000, cache: false });
    const book = await opened.open(new Uint8Array(await readFile(result.files.find((file) => file.format === 'epub')!.path)), 'livre.epub');
    const views = await book.allSections();
    assert.equal(contentsPages(views, /^Sommaire\b/).length, 1, 'the contents are headed Sommaire');
    assert.ok(views.some((view) => /\bpar \S+/.test(view.text.slice(0, 200))), 'bylines say par');
    assert.ok(views.some((view) => /\d mots\b/.test(view.text.slice(0, 300))), 'word counts say mots');
    assert.ok(views.some((view) => view.text.includes('Daté du 14 novembre 2023.')), 'the colophon is dated in French');
    // 02-the-long-watch.md says `language: en`: its documents say so, every other one is French.
    const english = views.filter((view) => view.language === 'en');
    assert.ok(english.length > 0 && english.every((view) => /The Long Watch|The fog|Chapter/.test(view.text.slice(0, 80))), 'the story written in English is xml:lang en');
    assert.ok(views.filter((view) => !english.includes(view)).every((view) => view.language === 'fr'), 'every other document is xml:lang fr');
    for (const label of [/^Contents\b/, /\bWords\b/, /Made with/, /Dated/, /Edited by/, /\d words\b/]) {
      assert.ok(views.every((view) => !label.test(view.text)), `no English label (${label})`);
    }
    // A byline sits right under a story's title, within the opening words of its first document.
    assert.ok(views.every((view) => !/^[^.]{1,80} by [a-z_]+\b/.test(view.text.slice(0, 120))), 'no English byline');
  });
});
