// The EPUB writer: books that pass EPUBCheck, open in Calibre, rebuild to the same bytes, and read right.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Anthology, AnthologyMeta, Story } from '../src/story.ts';
import { writeEpub, type EpubWriterOptions } from '../src/writers/epub/index.ts';
import { epubOptionsFor, loadTheme } from '../src/themes/index.ts';
import { nameBasedUuid } from '../src/writers/epub/identifier.ts';
import { epubcheck, epubcheckMissing } from './helpers/epubcheck.ts';
import { calibreMissing, ebookMeta, ebookConvert } from './helpers/calibre.ts';
import { toolAvailable } from './helpers/external-tools.ts';
import { unzipEpub, type UnpackedEpub } from './helpers/unzip.ts';
import { longStory, oneShot, frenchStory, oddStory } from './helpers/story-trees.ts';

const modified = new Date('2024-03-01T12:34:56Z');

function anthology(meta: Partial<AnthologyMeta> = {}, stories: Story[] = [longStory, oneShot, frenchStory]): Anthology {
  return {
    meta: { title: 'Roads & Rivers', subtitle: 'A Fan Anthology', editors: ['Eve Editor', 'Ed Second'], language: 'en', ...meta },
    stories,
    modified,
  };
}

let css: string;
let options: EpubWriterOptions;
let directory: string;
let bytes: Uint8Array;
let epubPath: string;
let book: UnpackedEpub;

async function build(input: Anthology = anthology()): Promise<Uint8Array> {
  return writeEpub(input, options);
}

before(async () => {
  options = await epubOptionsFor(loadTheme('classic'), { generator: 'ficbind 0.1.0' });
  css = options.css;
  directory = await mkdtemp(join(tmpdir(), 'ficbind-epub-'));
  bytes = await build();
  epubPath = join(directory, 'book.epub');
  await writeFile(epubPath, bytes);
  book = await unzipEpub(bytes);
});

after(async () => {
  await rm(directory, { recursive: true, force: true });
});

const metadataOf = async (unpacked: UnpackedEpub) => (await unpacked.text('OEBPS/content.opf')).split('<manifest>')[0];
const all = (source: string, pattern: RegExp) => [...source.matchAll(pattern)].map((match) => match[1]);

// --- The book as checkers and readers see it ------------------------------------------------------------------

describe('EPUB validity', () => {
  test('EPUBCheck reports no errors and no warnings', async (t) => {
    if (!toolAvailable(t, await epubcheckMissing())) return;
    const result = await epubcheck(epubPath);
    assert.deepEqual(result.messages, []);
    assert.equal(result.errors, 0);
    assert.equal(result.warnings, 0);
  });

  test('a French single-story book without optional metadata is clean too', async (t) => {
    if (!toolAvailable(t, await epubcheckMissing())) return;
    const path = join(directory, 'french.epub');
    await writeFile(path, await build(anthology({ language: 'fr', subtitle: undefined, editors: [] }, [frenchStory])));
    const result = await epubcheck(path);
    assert.deepEqual(result.messages, []);
  });

  test('footnotes across chapters, tables, lists, code, raw HTML and dead links give a clean book', async (t) => {
    if (!toolAvailable(t, await epubcheckMissing())) return;
    const path = join(directory, 'odd.epub');
    await writeFile(path, await build(anthology({ description: 'Odd & "quoted"', rights: 'CC BY 4.0' }, [oddStory, oneShot])));
    const result = await epubcheck(path);
    assert.deepEqual(result.messages, []);
  });

  test('a book dated before 1980 (SOURCE_DATE_EPOCH=0) still packs, and keeps its real date', async () => {
    const epoch = await unzipEpub(await writeEpub({ ...anthology(), modified: new Date(0) }, options));
    assert.ok((await metadataOf(epoch)).includes('<meta property="dcterms:modified">1970-01-01T00:00:00Z</meta>'));
  });

  test('mimetype is the first entry, stored uncompressed', () => {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    assert.equal(view.getUint32(0, true), 0x04034b50, 'starts with a local file header');
    assert.equal(view.getUint16(8, true), 0, 'compression method STORE');
    assert.equal(new TextDecoder().decode(bytes.subarray(30, 38)), 'mimetype');
    assert.equal(new TextDecoder().decode(bytes.subarray(38, 58)), 'application/epub+zip');
  });

  test('Calibre reads the title, authors and language', async (t) => {
    if (!toolAvailable(t, await calibreMissing())) return;
    const metadata = await ebookMeta(epubPath);
    // Calibre joins the main title and the subtitle.
    assert.equal(metadata.title, 'Roads & Rivers: A Fan Anthology');
    assert.match(metadata.authors, /Eve Editor/);
    assert.match(metadata.authors, /Ed Second/);
    assert.equal(metadata.languages, 'eng');
  });

  test('Calibre converts the book to AZW3', async (t) => {
    if (!toolAvailable(t, await calibreMissing())) return;
    await ebookConvert(epubPath, join(directory, 'book.azw3'));
  });
});

describe('reproducibility', () => {
  test('two builds of the same anthology are byte-identical', async () => {
    const again = await build();
    assert.ok(Buffer.from(again).equals(Buffer.from(bytes)), 'second build differs from the first');
  });

  test('the identifier is a urn:uuid, the same in every build, and new when the title changes', async () => {
    const identifier = (await metadataOf(book)).match(/<dc:identifier id="book-id">([^<]+)<\/dc:identifier>/)?.[1];
    assert.match(identifier ?? '', /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const again = await metadataOf(await unzipEpub(await build()));
    assert.ok(again.includes(`>${identifier}<`));
    const retitled = await metadataOf(await unzipEpub(await build(anthology({ title: 'Roads & Streams' }))));
    assert.ok(!retitled.includes(`>${identifier}<`));
  });

  test('the NCX carries the same identifier as the package', async () => {
    const identifier = (await metadataOf(book)).match(/<dc:identifier id="book-id">([^<]+)</)?.[1];
    assert.ok((await book.text('OEBPS/toc.ncx')).includes(`<meta name="dtb:uid" content="${identifier}"/>`));
  });

  test('name-based UUIDs follow RFC 4122 (DNS namespace example)', () => {
    assert.equal(nameBasedUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  test('dates come from `modified`, never the clock', async () => {
    const metadata = await metadataOf(book);
    assert.ok(metadata.includes('<meta property="dcterms:modified">2024-03-01T12:34:56Z</meta>'));
    assert.ok(metadata.includes('<dc:date>2024-03-01T12:34:56Z</dc:date>'));
  });
});

describe('package metadata', () => {
  test('each editor is a dc:creator with role edt; each author once, as a contributor with role aut', async () => {
    const metadata = await metadataOf(book);
    assert.deepEqual(all(metadata, /<dc:creator id="[^"]+">([^<]+)</g), ['Eve Editor', 'Ed Second']);
    assert.deepEqual(all(metadata, /<dc:contributor id="[^"]+">([^<]+)</g), ['Alice Quill', 'Bob Ink', 'Claire Plume']);
    assert.equal(all(metadata, /property="role" scheme="marc:relators">(edt)</g).length, 2);
    assert.equal(all(metadata, /property="role" scheme="marc:relators">(aut)</g).length, 3);
  });

  test('title and subtitle are escaped, not mangled', async () => {
    const metadata = await metadataOf(book);
    assert.ok(metadata.includes('<dc:title id="title">Roads &amp; Rivers</dc:title>'));
    assert.ok(metadata.includes('<dc:title id="subtitle">A Fan Anthology</dc:title>'));
  });

  test('no rights or description unless the anthology has them', async () => {
    const metadata = await metadataOf(book);
    assert.ok(!metadata.includes('dc:rights'));
    assert.ok(!metadata.includes('dc:description'));
    const described = await metadataOf(await unzipEpub(await build(anthology({ rights: '© the authors', description: 'Stories about roads.' }))));
    assert.ok(described.includes('<dc:rights>© the authors</dc:rights>'));
    assert.ok(described.includes('<dc:description>Stories about roads.</dc:description>'));
  });

  test('dc:language and every document’s xml:lang and lang come from the metadata', async () => {
    const french = await unzipEpub(await build(anthology({ language: 'fr' }, [oneShot, frenchStory])));
    assert.ok((await metadataOf(french)).includes('<dc:language>fr</dc:language>'));
    for (const [name, source] of await french.xhtmlDocuments()) {
      assert.match(source, /<html [^>]*xml:lang="fr" lang="fr"/, name);
    }
    // A story's own language wins over the book's.
    const mixed = await book.xhtmlDocuments();
    assert.match(mixed.get('OEBPS/story-03.xhtml') ?? '', /xml:lang="fr" lang="fr"/);
    assert.match(mixed.get('OEBPS/story-02.xhtml') ?? '', /xml:lang="en" lang="en"/);
  });
});

describe('navigation', () => {
  test('the contents list each story with its authors and nest its chapters; a one-chapter story is just its entry', async () => {
    const nav = await book.text('OEBPS/toc.xhtml');
    const toc = nav.split('<nav epub:type="landmarks"')[0];
    const nested = toc.match(/<a href="story-01-01\.xhtml"><span class="toc-title">The Long Way Round<\/span> <span class="toc-authors">by Alice Quill and Bob Ink<\/span><\/a>\s*<ol>([\s\S]*?)<\/ol>/)?.[1];
    assert.ok(nested, 'multi-chapter story has a nested <ol>');
    assert.deepEqual(all(nested, /<a href="[^"]+">([^<]+)<\/a>/g), ['Chapter 1: “Départ”', 'Chapter 2: Détour', 'Chapter 3: Home &amp; Dry']);
    assert.match(toc, /<a href="story-02\.xhtml"><span class="toc-title">Tom &amp; Jerry’s Bad Day<\/span> <span class="toc-authors">by [^<]+<\/span><\/a>\s*<\/li>/);
    assert.match(toc, /<a href="story-03\.xhtml"><span class="toc-title">Un été à Paris<\/span>(?: <span class="toc-authors">by [^<]+<\/span>)?<\/a>\s*<\/li>/);
  });

  test('landmarks point at the title page, the contents and the first story', async () => {
    const nav = await book.text('OEBPS/toc.xhtml');
    const landmarks = nav.split('<nav epub:type="landmarks"')[1] ?? '';
    assert.match(landmarks, /epub:type="titlepage" href="titlepage\.xhtml"/);
    assert.match(landmarks, /epub:type="toc" href="toc\.xhtml#toc"/);
    assert.match(landmarks, /epub:type="bodymatter" href="story-01-01\.xhtml"/);
  });

  test('the NCX nests the same way, in reading order', async () => {
    const ncx = await book.text('OEBPS/toc.ncx');
    assert.ok(ncx.includes('<meta name="dtb:depth" content="2"/>'));
    const story = ncx.match(/<navPoint id="nav-1" playOrder="1">([\s\S]*?)\n    <\/navPoint>/)?.[1] ?? '';
    assert.equal(all(story, /<navPoint (id)=/g).length, 3, 'three chapter navPoints inside the story');
    assert.deepEqual(all(ncx, /playOrder="(\d+)"/g), ['1', '2', '3', '4', '5', '6']);
    assert.ok(story.includes('<content src="story-01-02.xhtml#s1-chapter-2"/>'));
  });
});

describe('content documents', () => {
  test('a multi-chapter story gets one file per chapter; the first opens with the story’s metadata', async () => {
    assert.deepEqual(
      book.names.filter((name) => name.endsWith('.xhtml')),
      ['OEBPS/titlepage.xhtml', 'OEBPS/story-01-01.xhtml', 'OEBPS/story-01-02.xhtml', 'OEBPS/story-01-03.xhtml', 'OEBPS/story-02.xhtml', 'OEBPS/story-03.xhtml', 'OEBPS/colophon.xhtml', 'OEBPS/toc.xhtml'],
    );
    const first = await book.text('OEBPS/story-01-01.xhtml');
    assert.ok(first.includes('<p class="story-authors">by <span class="author">Alice Quill</span> and <span class="author">Bob Ink</span></p>'), 'each author is marked');
    for (const expected of ['The Long Way Round', 'Harry Potter', 'Hermione Granger/Ron Weasley', 'Teen And Up Audiences', 'No Archive Warnings Apply', 'Road Trip, Fluff', '12,345', '<p>Two friends, one map.</p>', 'href="https://archiveofourown.org/works/1"']) {
      assert.ok(first.includes(expected), `opener shows ${expected}`);
    }
    assert.ok(!(await book.text('OEBPS/story-01-02.xhtml')).includes('story-opener'));
  });

  test('the opener shows AO3’s categories, series, collections, dates and status', async () => {
    const tagged: Story = {
      ...oneShot,
      meta: { ...oneShot.meta, categories: ['Gen'], collections: ['Road Week', 'Fluff Fest'], series: { name: 'Night Roads', position: 2 }, published: '2021-03-04', updated: '2021-04-05', complete: true },
    };
    const page = await (await unzipEpub(await build(anthology({}, [tagged])))).text('OEBPS/story-01.xhtml');
    const details = all(page.split('<dl class="story-meta">')[1] ?? '', /<dt class="[a-z-]+">([^<]+)<\/dt>/g);
    assert.deepEqual(details.filter((label) => ['Category', 'Series', 'Collections', 'Published', 'Updated', 'Status'].includes(label)), ['Category', 'Series', 'Collections', 'Published', 'Updated', 'Status']);
    for (const expected of ['<dd>Gen</dd>', '<dd>Night Roads, part 2</dd>', '<dd>Road Week, Fluff Fest</dd>', '<dd>2021-03-04</dd>', '<dd>2021-04-05</dd>', '<dd>Complete</dd>']) {
      assert.ok(page.includes(expected), `opener shows ${expected}`);
    }
    const unfinished = await (await unzipEpub(await build(anthology({}, [{ ...tagged, meta: { ...tagged.meta, complete: false } }])))).text('OEBPS/story-01.xhtml');
    assert.ok(unfinished.includes('<dt class="status">Status</dt>\n<dd>In progress</dd>'));
  });

  test('the colophon is a section with role doc-colophon', async () => {
    assert.match(await book.text('OEBPS/colophon.xhtml'), /<section class="colophon" epub:type="colophon" role="doc-colophon">/);
  });

  test('the title page shows title, subtitle and editors', async () => {
    const page = await book.text('OEBPS/titlepage.xhtml');
    assert.ok(page.includes('Roads &amp; Rivers'));
    assert.ok(page.includes('A Fan Anthology'));
    assert.ok(page.includes('Edited by <span class="author">Eve Editor</span> and <span class="author">Ed Second</span>'));
  });

  test('ids are unique across the whole book', async () => {
    const ids: string[] = [];
    for (const source of (await book.xhtmlDocuments()).values()) ids.push(...all(source, / id="([^"]+)"/g));
    assert.deepEqual(ids.filter((id, index) => ids.indexOf(id) !== index), []);
  });

  test('text is UTF-8, with only &, < and > escaped', async () => {
    const first = await book.text('OEBPS/story-01-01.xhtml');
    assert.ok(first.includes('<p class="opening">“Café au lait,” she said — <em>naïvely</em>. Is 3 &lt; 4 &amp; 5 &gt; 4? Yes.</p>'));
    for (const [name, source] of await book.xhtmlDocuments()) assert.doesNotMatch(source, /&#x?[0-9a-f]+;/i, name);
    assert.doesNotMatch(await book.text('OEBPS/toc.ncx'), /&#x?[0-9a-f]+;/i);
  });

  test('notes, disclaimers and scene breaks keep their markup; a scene break holds the theme’s ornament as an inline image', async () => {
    const first = await book.text('OEBPS/story-01-01.xhtml');
    assert.ok(first.includes('<aside class="author-note disclaimer" role="note">'));
    assert.ok(first.includes('<div class="scene-break" role="separator"><img class="ornament" src="images/ornament.svg" alt="❧"/></div>'));
    assert.ok(first.includes('<h2 id="s1-chapter-1" class="chapter-title">Chapter 1: “Départ”</h2>'));
    assert.ok((await book.text('OEBPS/story-01-02.xhtml')).includes('<aside class="author-note" role="note">'));
  });

  test('the default stylesheet avoids CSS that Adobe RMSDK drops', () => {
    const rules = css.replace(/\/\*[\s\S]*?\*\//g, '');
    assert.doesNotMatch(rules, /var\(|--[a-z]|calc\(|\d(rem|vw|vh)\b/);
  });
});

describe('odd stories', () => {
  test('chapter links cross files, footnotes show in each chapter that calls them, dead links become text', async () => {
    const odd = await unzipEpub(await build(anthology({}, [oddStory])));
    const first = await odd.text('OEBPS/story-01-01.xhtml');
    const second = await odd.text('OEBPS/story-01-02.xhtml');
    assert.ok(first.includes('<a href="story-01-02.xhtml#s1-chapter-2">on to part two</a> <span>script</span> <span>file</span> <span>nowhere</span>'));
    assert.ok(first.includes('<li id="s1-c1-fn-my-note">'));
    assert.ok(second.includes('<li id="s1-c2-fn-my-note">'));
    assert.ok(!first.includes('raw') && !first.includes('onclick'));
    assert.ok(first.includes('<h1 class="story-title">Untitled 1</h1>'), 'an untitled story gets a placeholder title');
    assert.ok(first.includes('<th style="text-align: left">a</th>'));
    const nav = await odd.text('OEBPS/toc.xhtml');
    assert.ok(nav.includes('<a href="story-01-02.xhtml#s1-chapter-2">Chapter 2</a>'), 'an empty chapter heading gets a placeholder title');
  });

  test('an anthology without stories is refused with a typed error', async () => {
    await assert.rejects(build(anthology({}, [])), { name: 'OutputError', message: /without stories/ });
  });
});
