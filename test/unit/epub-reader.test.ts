// EPUB input: ficbind's own books read back to the same stories, and AO3, FanFicFare and calibre books read by their structure.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Image, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { buildAnthology, type BuildResult } from '../../src/build.ts';
import { InputError } from '../../src/errors.ts';
import { loadStories } from '../../src/load-story.ts';
import { readStoriesFromBytes, readStoryFile } from '../../src/readers/index.ts';
import type { Story, StoryMeta } from '../../src/story.ts';
import { storyToText } from '../../src/writers/text.ts';
import { makeEpub } from '../helpers/make-epub.ts';
import { unzipEpub } from '../helpers/unzip.ts';

const fixtures = new URL('../fixtures/html/', import.meta.url).pathname;
const headings = (tree: Root) => tree.children.filter((node) => node.type === 'heading').map((node) => `${(node as { depth: number }).depth} ${toString(node)}`);

/**
 * What the EPUB writer shows of a story, and so what a book read back must give again. The language is the one
 * the story is set in: a book cannot tell a story that named the anthology's language from one that named none.
 */
function shownMeta(meta: StoryMeta, bookLanguage = 'en') {
  const { title, authors, fandoms, relationships, characters, rating, warnings, tags, summary, source, series, words } = meta;
  const { categories, collections, published, updated, complete } = meta;
  return {
    title, authors, fandoms, relationships, characters, rating, warnings, tags, summary, source, series, words,
    categories, collections, published, updated, complete, language: meta.language ?? bookLanguage,
  };
}

/** The pictures of a story tree: `alt` and the asset's id and media type. */
function pictures(tree: Root): string[] {
  const found: string[] = [];
  visit(tree, 'image', (node: Image) => void found.push(`${node.alt} ${node.data?.asset?.id} ${node.data?.asset?.mediaType}`));
  return found;
}

/** Heading depths as the writer writes them: chapters `h2`, deeper headings from `h3` on. */
function writtenHeadings(tree: Root): string[] {
  const depths = tree.children.flatMap((node) => (node.type === 'heading' ? [node.depth] : []));
  const chapterDepth = Math.min(...depths);
  return headings(tree).map((line) => {
    const depth = Number(line[0]);
    return `${depth === chapterDepth ? 2 : Math.min(6, Math.max(3, 2 + depth - chapterDepth))}${line.slice(1)}`;
  });
}

async function unpacked(bytes: Uint8Array): Promise<Map<string, string>> {
  const book = await unzipEpub(bytes);
  const files = new Map<string, string>();
  for (const name of book.names.filter((name) => !name.endsWith('/'))) files.set(name, await book.text(name));
  return files;
}

describe('a book ficbind made, read back', () => {
  let directory: string;
  let first: BuildResult;
  let second: BuildResult;
  let readBack: Story[];

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ficbind-epub-reader-'));
    const input = join(directory, 'stories');
    await mkdir(input);
    await mkdir(join(input, 'images'));
    for (const name of ['ao3-single.html', 'ao3-multi.html', 'ffn-page.html', 'generic.html', 'illustrated.html', 'images/lamp.png']) await copyFile(fixtures + name, join(input, name));
    await writeFile(join(input, 'harbour-note.txt'), 'Title is set by the file name.\n\nThe fog lifted at "nine" -- or so the log says...\n\n* * *\n\nThe bell rang once.\n');
    await writeFile(join(input, 'the-log.md'), '---\ntitle: The Log\nauthor: Perrin Hale\nlanguage: fr\n---\n\n# Matin\n\nLe brouillard s\'est levé.\n\n# Soir\n\nLa cloche a sonné *deux* fois.\n');
    const options = { title: 'Round Trip', sourceDateEpoch: 1_700_000_000, out: join(directory, 'out1') };
    first = await buildAnthology({ ...options, input });
    // A folder of the same name: the book's identifier comes from the project's folder name and title.
    const again = join(directory, 'again', 'stories');
    await mkdir(again, { recursive: true });
    await copyFile(first.files[0].path, join(again, 'round-trip.epub'));
    readBack = await loadStories(join(again, 'round-trip.epub'), { language: 'en' });
    second = await buildAnthology({ ...options, input: again, out: join(directory, 'out2') });
  });

  after(() => rm(directory, { recursive: true, force: true }));

  test('the same stories, in the same order, with the same metadata', () => {
    const original = first.anthology.stories;
    assert.equal(readBack.length, 7);
    assert.deepEqual(readBack.map((story) => story.meta.title), original.map((story) => story.meta.title));
    readBack.forEach((story, index) => assert.deepEqual(shownMeta(story.meta), shownMeta(original[index].meta), story.meta.title));
    assert.equal(readBack.find((story) => story.meta.title === 'The Log')?.meta.language, 'fr', 'a story’s own language is kept');
  });

  test('AO3’s categories, collections, dates, status and series come back from the openers', () => {
    const multi = readBack.find((story) => story.meta.title === 'Three Bells for Gannet Point')!.meta;
    assert.deepEqual(multi.collections, ['Lighthouse Week 2021']);
    assert.deepEqual(multi.series, { name: 'The Gannet Point Cycle', position: 2 });
    assert.equal(multi.published, '2021-05-01');
    assert.equal(multi.updated, '2021-05-20');
    assert.equal(multi.complete, false);
    const single = readBack.find((story) => story.meta.title === 'The Kettle Knows')!.meta;
    assert.deepEqual([single.categories, single.published, single.complete], [['Gen'], '2021-03-04', true]);
  });

  test('pictures come back from the book: the same bytes, so the same ids, with their descriptions', () => {
    const index = first.anthology.stories.findIndex((story) => story.meta.title === 'The Lamp Room');
    assert.equal(pictures(readBack[index].tree).length, 2);
    assert.deepEqual(pictures(readBack[index].tree), pictures(first.anthology.stories[index].tree));
  });

  test('the same text: chapters, notes, scene breaks, emphasis', () => {
    const original = first.anthology.stories;
    readBack.forEach((story, index) => {
      assert.equal(storyToText(story.tree), storyToText(original[index].tree), story.meta.title);
      assert.deepEqual(headings(story.tree), writtenHeadings(original[index].tree), story.meta.title);
      assert.deepEqual(story.tree.children.map((node) => node.type), original[index].tree.children.map((node) => node.type), story.meta.title);
    });
  });

  test('its title page, contents and story openers are not read as story text', () => {
    const text = readBack.map((story) => storyToText(story.tree)).join('\n');
    for (const generated of ['Round Trip', 'Contents', 'Landmarks', 'Fandoms', 'Words', 'by Moss_and_Ink']) assert.ok(!text.includes(generated), generated);
  });

  test('building again gives the same book, file by file', async () => {
    assert.equal(second.anthology.stories.length, first.anthology.stories.length);
    const [before, rebuilt] = await Promise.all([readFile(first.files[0].path), readFile(second.files[0].path)].map(async (bytes) => unpacked(await bytes)));
    assert.deepEqual([...rebuilt.keys()], [...before.keys()]);
    for (const [name, text] of before) assert.equal(rebuilt.get(name), text, name);
  });

  test('an anthology is several stories: commands that take one story say so', async () => {
    await assert.rejects(readStoryFile(first.files[0].path), (error: unknown) => error instanceof InputError && /anthology of 7 stories/.test(error.message));
  });
});

test('a mixed folder (.txt, .md, .html, .epub) builds into one anthology in natural file-name order', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'ficbind-mixed-'));
  try {
    const single = await makeEpub({
      metadata: '<dc:title>The Tenth</dc:title><dc:creator opf:role="aut">Ten Author</dc:creator><dc:language>en</dc:language>',
      documents: [['only.xhtml', '<p>Ten is last.</p>']],
    });
    await writeFile(join(directory, '10-tenth.epub'), single);
    await writeFile(join(directory, '2-second.md'), 'Two comes second.\n');
    await writeFile(join(directory, '1-first.txt'), 'One comes first.\n');
    await writeFile(join(directory, '3-third.htm'), '<p>Three is HTML.</p>');
    const result = await buildAnthology({ input: directory, out: join(directory, 'out'), sourceDateEpoch: 0, title: 'Mixed' });
    assert.deepEqual(result.anthology.stories.map((story) => story.meta.title), ['First', 'Second', 'Third', 'The Tenth']);
    assert.deepEqual(result.anthology.stories[3].meta.authors, ['Ten Author']);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

describe('books from other programs', () => {
  test('an AO3 EPUB (calibre-made, split files): preface metadata, chapters, notes; the cover page skipped', async () => {
    const multi = await readFile(fixtures + 'ao3-multi.html', 'utf8');
    const body = multi.slice(multi.indexOf('<body>') + 6, multi.indexOf('</body>'));
    const cut = body.indexOf('<div class="meta group">\n  <h2 class="heading">Chapter 2</h2>');
    const bytes = await makeEpub({
      metadata: '<dc:title>Three Bells for Gannet Point</dc:title><dc:creator opf:role="aut">Moss_and_Ink</dc:creator><dc:subject>Fog</dc:subject><dc:subject>Harbor Lights (TV)</dc:subject><dc:language>en</dc:language>',
      documents: [
        ['titlepage.xhtml', '<div><img src="cover.jpeg" alt="cover"/></div>'],
        ['Three_Bells_split_000.xhtml', body.slice(0, cut) + '</div>'],
        ['Three_Bells_split_001.xhtml', '<div id="chapters_1" class="userstuff">' + body.slice(cut)],
      ],
      guide: [['cover', 'titlepage.xhtml']],
    });
    const [story] = await readStoriesFromBytes(bytes, 'three-bells.epub');
    assert.deepEqual(headings(story.tree), ['2 Chapter 1: The First Night', '2 Chapter 2', '2 Chapter 3: Morning', '3 The Log']);
    assert.deepEqual(story.meta.fandoms, ['Harbor Lights (TV)', 'Lantern Rock Letters'], 'the preface sorts the tags, not dc:subject');
    assert.deepEqual(story.meta.tags, ['Fog', 'Hurt/Comfort', 'Bells Bells Bells']);
    assert.deepEqual(story.meta.series, { name: 'The Gannet Point Cycle', position: 2 });
    assert.equal(story.tree.children.filter((node) => node.type === 'authorNote').length, 5, 'work notes, chapter summary, notes and end notes, work end notes');
    assert.ok(!storyToText(story.tree).includes('cover'));
  });

  test('a FanFicFare EPUB: package metadata, one chapter per file, its title and contents pages skipped', async () => {
    const bytes = await makeEpub({
      metadata:
        '<dc:title>Salt Roads</dc:title><dc:creator opf:role="aut">Gullwing</dc:creator><dc:language>en</dc:language>' +
        '<dc:subject>Drama</dc:subject><dc:subject>Harbor Lights</dc:subject><dc:source>https://www.fanfiction.net/s/90000010/1/</dc:source>' +
        '<dc:description>&lt;p&gt;Two keepers, one &lt;b&gt;road&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;It is salted.&lt;/p&gt;</dc:description>' +
        '<meta name="calibre:series" content="Roads"/><meta name="calibre:series_index" content="2"/>',
      documents: [
        ['title_page.xhtml', '<h3><a href="https://www.fanfiction.net/s/90000010/1/">Salt Roads</a> by Gullwing</h3><div><b>Status:</b> Completed<br/><b>Words:</b> 40</div>'],
        ['toc_page.xhtml', '<div><h3>Table of Contents</h3><a href="file0001.xhtml">The Gate</a><br/><a href="file0002.xhtml">The Road</a></div>'],
        ['file0001.xhtml', '<h3 class="fff_chapter_title">The Gate</h3><div><p>The gate was salted shut.</p></div>'],
        ['file0002.xhtml', '<h3 class="fff_chapter_title">The Road</h3><div><p>The road was salted too.</p><h4>Later</h4><p>It rained.</p></div>'],
      ],
      ncx: [['title_page.xhtml', 'Title Page'], ['file0001.xhtml', 'The Gate'], ['file0002.xhtml', 'The Road']],
    });
    const [story] = await readStoriesFromBytes(bytes, 'salt-roads.epub');
    assert.equal(story.meta.title, 'Salt Roads');
    assert.deepEqual(story.meta.authors, ['Gullwing']);
    assert.deepEqual(story.meta.tags, ['Drama', 'Harbor Lights']);
    assert.equal(story.meta.source, 'https://www.fanfiction.net/s/90000010/1/');
    assert.equal(story.meta.summary, 'Two keepers, one road.\n\nIt is salted.');
    assert.deepEqual(story.meta.series, { name: 'Roads', position: 2 });
    assert.deepEqual(headings(story.tree), ['2 The Gate', '2 The Road', '4 Later']);
    const text = storyToText(story.tree);
    assert.ok(!text.includes('Table of Contents') && !text.includes('Completed'), text);
  });

  test('an EPUB 3 book: nav labels title chapters that have no heading; an unlabelled file continues its chapter', async () => {
    const bytes = await makeEpub({
      metadata: '<dc:title>Night Watch</dc:title><dc:creator>Perrin Hale</dc:creator><dc:language>en-GB</dc:language>',
      documents: [
        ['cover-page.xhtml', '<section epub:type="titlepage"><h1>Night Watch</h1><p>by Perrin Hale</p></section>'],
        ['one.xhtml', '<p>First watch.</p>'],
        ['one-b.xhtml', '<p>Still the first watch.</p>'],
        ['two.xhtml', '<p>Second watch.</p>'],
      ],
      nav: '<nav epub:type="toc"><ol><li><a href="one.xhtml">Dusk</a></li><li><a href="two.xhtml#start">Dawn</a></li></ol></nav>',
    });
    const [story] = await readStoriesFromBytes(bytes, 'night-watch.epub');
    assert.equal(story.meta.language, 'en-GB');
    assert.deepEqual(story.meta.authors, ['Perrin Hale']);
    assert.deepEqual(story.tree.children.map((node) => toString(node)), ['Dusk', 'First watch.', 'Still the first watch.', 'Dawn', 'Second watch.']);
  });

  test('damaged or fake EPUBs are input errors that say what is wrong', async () => {
    await assert.rejects(readStoriesFromBytes(new TextEncoder().encode('not a zip'), 'fake.epub'), /not an EPUB \(it is not a zip archive\)/);
    const noContainer = await makeEpub({ metadata: '', documents: [], extra: { 'META-INF/container.xml': '<container><rootfiles/></container>' } });
    await assert.rejects(readStoriesFromBytes(noContainer, 'empty.epub'), /names no package document/);
    const badXml = await makeEpub({ metadata: '<dc:title>Broken</dc:title>', documents: [['a.xhtml', '<p>a</p>']], extra: { 'OEBPS/content.opf': '<package><metadata>' } });
    await assert.rejects(readStoriesFromBytes(badXml, 'broken.epub'), (error: unknown) => error instanceof InputError && /content\.opf is not well-formed XML/.test(error.message));
    const drm = await makeEpub({
      metadata: '<dc:title>Locked</dc:title>',
      documents: [['a.xhtml', '<p>a</p>']],
      extra: { 'META-INF/encryption.xml': '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:CipherData><enc:CipherReference URI="OEBPS/a.xhtml"/></enc:CipherData></enc:EncryptedData></encryption>' },
    });
    await assert.rejects(readStoriesFromBytes(drm, 'locked.epub'), /encrypted \(DRM\)/);
  });
});
