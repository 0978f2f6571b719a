// The words a book prints, in its language: every table complete, anthology.yaml's labels: over them, and both writers using them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bookLabels, englishLabels, labelKeys, labelTables, placeholdersOf } from '../../src/labels/index.ts';
import { parseConfig } from '../../src/config.ts';
import { ConfigError } from '../../src/errors.ts';
import { writeEpub } from '../../src/writers/epub/index.ts';
import { bookData } from '../../src/writers/pdf/book-data.ts';
import { classicFonts } from '../../src/themes/classic-pdf.ts';
import { epubOptionsFor, loadTheme } from '../../src/themes/index.ts';
import type { Anthology } from '../../src/story.ts';
import { unzipEpub } from '../helpers/unzip.ts';
import { longStory, oneShot } from '../helpers/story-trees.ts';

test('twelve languages have a table, each with every key and the English label’s placeholders', () => {
  assert.deepEqual(Object.keys(labelTables).sort(), ['de', 'en', 'es', 'fr', 'it', 'ja', 'ko', 'nl', 'pl', 'pt', 'ru', 'zh']);
  for (const [language, table] of Object.entries(labelTables)) {
    assert.deepEqual(Object.keys(table).sort(), [...labelKeys].sort(), `${language}: every key`);
    for (const key of labelKeys) {
      assert.ok(table[key].trim() !== '', `${language}.${key} is not empty`);
      assert.deepEqual(placeholdersOf(table[key]).sort(), placeholdersOf(englishLabels[key]).sort(), `${language}.${key}: placeholders`);
    }
  }
});

test('dates, numbers and names follow the language; a region or script takes its language’s table; others take English', () => {
  const day = new Date('2026-12-03T10:00:00Z');
  assert.equal(bookLabels('en').date(day), '3 December 2026');
  assert.equal(bookLabels('en-US').names(['A', 'B', 'C']), 'A, B and C');
  assert.equal(bookLabels('fr').date(day), '3 décembre 2026');
  assert.equal(bookLabels('fr').count(12345), '12\u202f345');
  assert.equal(bookLabels('de').count(12345), '12.345');
  assert.equal(bookLabels('de').names(['A', 'B']), 'A und B');
  assert.equal(bookLabels('ja').date(day), '2026年12月3日');
  assert.equal(bookLabels('pt-BR').text('contents'), 'Sumário');
  assert.equal(bookLabels('zh-Hant').text('contents'), '目录');
  assert.equal(bookLabels('sv').text('contents'), 'Contents');
  assert.equal(bookLabels('fr').text('by', { names: 'Ada' }), 'par Ada');
});

test('labels: in anthology.yaml overrides any label, and refuses unknown keys and placeholders', () => {
  const config = parseConfig('language: fr\nlabels:\n  contents: Table des matières\n  by: "de {names}"\n', 'anthology.yaml');
  const labels = bookLabels('fr', config.labels);
  assert.equal(labels.text('contents'), 'Table des matières');
  assert.equal(labels.text('by', { names: 'Ada' }), 'de Ada');
  assert.equal(labels.text('words'), 'Mots', 'the others stay the table’s');
  assert.throws(() => parseConfig('labels:\n  contnets: Sommaire\n', 'anthology.yaml'), (error: unknown) => error instanceof ConfigError && /contnets/.test(error.message) && /contents/.test(error.message));
  assert.throws(() => parseConfig('labels:\n  by: "par {authors}"\n', 'anthology.yaml'), (error: unknown) => error instanceof ConfigError && /\{names\}/.test(error.message));
});

const anthology = (language: string, labels = {}): Anthology => ({
  meta: { title: 'Routes', editors: ['Eve Editor', 'Ed Second'], language, labels },
  stories: [longStory, oneShot],
  modified: new Date('2024-03-01T12:00:00Z'),
});

test('a German EPUB: title page, contents, opener, landmarks and colophon in German', async () => {
  const options = await epubOptionsFor(loadTheme('plain'), { generator: 'ficbind 0.1.0' });
  const book = await unzipEpub(await writeEpub(anthology('de'), options));
  const text = (name: string) => book.text(name).then((source) => source.replace(/<[^>]+>/g, ''));
  assert.match(await text('OEBPS/titlepage.xhtml'), /Herausgegeben von Eve Editor und Ed Second/);
  const nav = await book.text('OEBPS/toc.xhtml');
  assert.match(nav, /<h1>Inhalt<\/h1>/);
  assert.match(nav, />Titelseite</);
  assert.match(nav, /von Alice Quill und Bob Ink/);
  const opener = await text('OEBPS/story-01-01.xhtml');
  for (const expected of ['von Alice Quill und Bob Ink', 'Fandom', 'Wörter', '12.345', 'Zusammenfassung', 'Quelle']) assert.ok(opener.includes(expected), expected);
  assert.match(await text('OEBPS/colophon.xhtml'), /Erstellt mit ficbind 0\.1\.0\.\s*Stand: 1\. März 2024\./);
});

test('the PDF’s book data carries the same labels: byline, editor line, details, contents, notes, colophon', () => {
  const data = bookData(anthology('es'), { pageSize: '6x9', generator: 'ficbind', fonts: classicFonts(), ornament: '❧', hasCover: false, dropCap: false });
  assert.equal(data.editorLine, 'Edición de Eve Editor y Ed Second');
  assert.equal(data.stories[0].byline, 'de Alice Quill y Bob Ink');
  assert.deepEqual(data.labels, { contents: 'Índice', note: 'Nota del autor', disclaimer: 'Descargo de responsabilidad', coverAlt: 'Cubierta de Routes' });
  assert.ok(data.stories[0].details.some((detail) => detail.label === 'Palabras' && detail.value[0] === '12.345'));
  assert.match(data.colophon[1], /^Fechado el 1 de marzo de 2024\.$/);
});

test('a story whose only detail is its length opens with a line, not a one-row list, in both writers', async () => {
  const lonely = { ...oneShot, meta: { ...oneShot.meta, fandoms: [], relationships: [], characters: [], tags: [], warnings: [], rating: undefined, summary: undefined, source: undefined, words: 1234 } };
  const options = await epubOptionsFor(loadTheme('classic'), { generator: 'ficbind 0.1.0' });
  const page = await (await unzipEpub(await writeEpub({ ...anthology('en'), stories: [lonely] }, options))).text('OEBPS/story-01.xhtml');
  assert.match(page, /<p class="story-length">1,234 words<\/p>/);
  assert.doesNotMatch(page, /<dl class="story-meta">/);
  const data = bookData({ ...anthology('en'), stories: [lonely] }, { pageSize: '6x9', generator: 'ficbind', fonts: classicFonts(), ornament: '❧', hasCover: false, dropCap: false });
  assert.deepEqual([data.stories[0].details, data.stories[0].length], [[], '1,234 words']);
});

test('a story in another language than the book’s: its document says its language, its opener’s labels say the book’s', async () => {
  const english = { ...oneShot, meta: { ...oneShot.meta, language: 'en' } };
  const options = await epubOptionsFor(loadTheme('classic'), { generator: 'ficbind 0.1.0' });
  const book = await unzipEpub(await writeEpub({ ...anthology('fr'), stories: [longStory, english] }, options));
  const page = await book.text('OEBPS/story-02.xhtml');
  assert.match(page, /<html [^>]*xml:lang="en" lang="en">/);
  assert.match(page, /<p class="story-authors" lang="fr" xml:lang="fr">par <span class="author">/);
  assert.match(page, /<(?:dt class="[a-z-]+"|p class="story-length") lang="fr" xml:lang="fr">/);
  assert.doesNotMatch(await book.text('OEBPS/story-01-01.xhtml'), /<dt [^>]*lang=/, 'a story in the book’s language needs no mark');
});
