// What library apps shelve a book by: dc:subject for fandoms and tags, the series (EPUB 3 and Calibre's way), each story's dc:source — and what Calibre reads of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Anthology } from '../src/story.ts';
import { writeEpub } from '../src/writers/epub/index.ts';
import { epubOptionsFor, loadTheme } from '../src/themes/index.ts';
import { parseConfig } from '../src/config.ts';
import { epubcheck, epubcheckMissing } from './helpers/epubcheck.ts';
import { calibreMissing, ebookMeta } from './helpers/calibre.ts';
import { toolAvailable } from './helpers/external-tools.ts';
import { unzipEpub } from './helpers/unzip.ts';
import { longStory, oneShot, frenchStory } from './helpers/story-trees.ts';

const shelved: Anthology = {
  meta: { title: 'Roads', editors: ['Eve Editor'], language: 'en', series: { name: 'Night Roads', position: 2 }, subjects: ['Anthology', 'fluff'] },
  stories: [longStory, oneShot, { ...frenchStory, meta: { ...frenchStory.meta, source: 'https://archiveofourown.org/works/3' } }],
  modified: new Date('2024-03-01T12:00:00Z'),
};

async function packageOf(anthology: Anthology): Promise<{ bytes: Uint8Array; opf: string }> {
  const bytes = await writeEpub(anthology, await epubOptionsFor(loadTheme('classic'), { generator: 'ficbind 0.1.0' }));
  return { bytes, opf: await (await unzipEpub(bytes)).text('OEBPS/content.opf') };
}

test('fandoms and tags are dc:subjects, each once whatever its case, after the anthology’s own subjects', async () => {
  const { opf } = await packageOf(shelved);
  const subjects = [...opf.matchAll(/<dc:subject>([^<]+)<\/dc:subject>/g)].map((match) => match[1]);
  assert.deepEqual(subjects.slice(0, 4), ['Anthology', 'fluff', 'Harry Potter', 'Road Trip']);
  assert.equal(subjects.filter((subject) => subject.toLowerCase() === 'fluff').length, 1);
  for (const story of shelved.stories) for (const tag of [...story.meta.fandoms, ...story.meta.tags]) assert.ok(subjects.some((subject) => subject.toLowerCase() === tag.toLowerCase()), tag);
});

test('the series is a belongs-to-collection of type series with its position, and Calibre’s series meta', async () => {
  const { opf } = await packageOf(shelved);
  assert.match(opf, /<meta property="belongs-to-collection" id="series">Night Roads<\/meta>\s*<meta refines="#series" property="collection-type">series<\/meta>\s*<meta refines="#series" property="group-position">2<\/meta>/);
  assert.match(opf, /<meta name="calibre:series" content="Night Roads"\/>\s*<meta name="calibre:series_index" content="2"\/>/);
  const { opf: unshelved } = await packageOf({ ...shelved, meta: { ...shelved.meta, series: undefined } });
  assert.doesNotMatch(unshelved, /series/);
});

test('each story’s source address is a dc:source, in reading order', async () => {
  const { opf } = await packageOf(shelved);
  assert.deepEqual([...opf.matchAll(/<dc:source>([^<]+)<\/dc:source>/g)].map((match) => match[1]), ['https://archiveofourown.org/works/1', 'https://archiveofourown.org/works/3']);
});

test('series: and subjects: in anthology.yaml', () => {
  const config = parseConfig('series:\n  name: Night Roads\n  position: 2\nsubjects: [Anthology]\n', 'anthology.yaml');
  assert.deepEqual([config.series, config.subjects], [{ name: 'Night Roads', position: 2 }, ['Anthology']]);
  assert.throws(() => parseConfig('series:\n  name: Night Roads\n  position: second\n', 'anthology.yaml'), /position.*a number/);
});

test('EPUBCheck passes the shelved book, and Calibre shows its tags and series', async (t) => {
  const { bytes } = await packageOf(shelved);
  const path = join(await mkdtemp(join(tmpdir(), 'ficbind-shelves-')), 'roads.epub');
  await writeFile(path, bytes);
  if (toolAvailable(t, await epubcheckMissing())) {
    const report = await epubcheck(path);
    assert.deepEqual(report.messages, []);
  }
  if (!toolAvailable(t, await calibreMissing())) return;
  const metadata = await ebookMeta(path);
  assert.equal(metadata.series, 'Night Roads #2');
  for (const tag of ['Anthology', 'Harry Potter', 'Road Trip']) assert.ok(metadata.tags.split(', ').includes(tag), `Calibre's tags hold ${tag}: ${metadata.tags}`);
});
