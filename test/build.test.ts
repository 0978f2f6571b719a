// End to end: the sample anthology and the three shared real stories build into valid, reproducible books.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Root } from 'mdast';
import { buildAnthology } from '../src/build.ts';
import { decodeStoryBytes } from '../src/readers/decode.ts';
import { splitFrontMatter } from '../src/readers/front-matter.ts';
import { epubcheck, epubcheckMissing } from './helpers/epubcheck.ts';
import { toolAvailable } from './helpers/external-tools.ts';
import { calibreMissing, ebookMeta } from './helpers/calibre.ts';
import { unzipEpub } from './helpers/unzip.ts';
import { CommandNotFound } from '../src/run-command.ts';
import sharp from 'sharp';
import { sharedSeeds, sharedSeedsAvailable } from './helpers/shared-seeds.ts';

const repo = new URL('..', import.meta.url).pathname;
const seeds = join(repo, 'seeds');
const epoch = 1_700_000_000;

const scratch = () => mkdtemp(join(tmpdir(), 'ficbind-build-'));

async function assertEpubcheckClean(path: string) {
  const result = await epubcheck(path);
  assert.deepEqual(result.messages, [], 'EPUBCheck messages');
  assert.equal(result.errors, 0);
  assert.equal(result.warnings, 0);
}

test('the sample anthology (npm start) builds an EPUB that EPUBCheck passes with no errors or warnings', async (t) => {
  if (!toolAvailable(t, await epubcheckMissing())) return;
  const out = await scratch();
  const result = await buildAnthology({ input: seeds, out, sourceDateEpoch: epoch });
  assert.equal(result.files.length, 1);
  assert.match(result.files[0].path, /harbor-lights-stories-from-the-lighthouse\.epub$/);
  assert.equal(result.anthology.stories.length, 5);
  await assertEpubcheckClean(result.files[0].path);
  await rm(out, { recursive: true });
});

test('the three shared real stories build into an EPUB that EPUBCheck passes', async (t) => {
  if (!sharedSeedsAvailable(t) || !toolAvailable(t, await epubcheckMissing())) return;
  const out = await scratch();
  const result = await buildAnthology({ input: sharedSeeds, out, sourceDateEpoch: epoch });
  assert.equal(result.anthology.stories.length, 3);
  await assertEpubcheckClean(result.files[0].path);
  await rm(out, { recursive: true });
});

test('two builds of the same input with the same SOURCE_DATE_EPOCH are byte-identical', async () => {
  const [first, second] = [await scratch(), await scratch()];
  const a = await buildAnthology({ input: seeds, out: first, sourceDateEpoch: epoch });
  const b = await buildAnthology({ input: seeds, out: second, sourceDateEpoch: epoch });
  assert.ok((await readFile(a.files[0].path)).equals(await readFile(b.files[0].path)));
  await rm(first, { recursive: true });
  await rm(second, { recursive: true });
});

test('without SOURCE_DATE_EPOCH the date is the newest input’s modification time, never the clock', async () => {
  const folder = await scratch();
  await cp(seeds, join(folder, 'stories'), { recursive: true });
  const when = new Date('2021-03-04T05:06:07Z');
  for (const name of await readdir(join(folder, 'stories'))) await utimes(join(folder, 'stories', name), when, when);
  const result = await buildAnthology({ input: join(folder, 'stories'), out: join(folder, 'out') });
  const opf = await (await unzipEpub(await readFile(result.files[0].path))).text('OEBPS/content.opf');
  assert.match(opf, /<meta property="dcterms:modified">2021-03-04T05:06:07Z<\/meta>/);
  await rm(folder, { recursive: true });
});

/** Letters and digits of a text, as lower-case words: what must survive typography untouched. */
const words = (text: string) => (text.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** A scene-break marker (`xXx`, `Line Break`) is drawn as an ornament, so its letters are not story words. */
function withoutSceneBreakMarkers(source: string, tree: Root): string {
  let text = source;
  for (const node of tree.children) {
    const { start, end } = node.position ?? {};
    if (node.type !== 'sceneBreak' || start?.offset === undefined || end?.offset === undefined) continue;
    text = text.slice(0, start.offset) + ' '.repeat(end.offset - start.offset) + text.slice(end.offset);
  }
  return text;
}

/** Position after matching `needles` in order inside `haystack`, or the index of the first word not found. */
function firstMissing(needles: string[], haystack: string[]): number | undefined {
  let at = 0;
  for (let i = 0; i < needles.length; i++) {
    at = haystack.indexOf(needles[i], at);
    if (at === -1) return i;
    at++;
  }
  return undefined;
}

for (const [label, folder] of [['sample', seeds], ['shared', sharedSeeds]] as const) {
  test(`every word of every ${label} story reaches the book, in order`, async (t) => {
    if (label === 'shared' && !sharedSeedsAvailable(t)) return;
    const out = await scratch();
    const result = await buildAnthology({ input: folder, out, sourceDateEpoch: epoch });
    const book = await unzipEpub(await readFile(result.files[0].path));
    const documents = [...(await book.xhtmlDocuments()).entries()].filter(([name]) => /story-/.test(name)).sort(([a], [b]) => a.localeCompare(b));
    const bookText = documents.map(([, xhtml]) => xhtml.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')).join(' ');
    const bookWords = words(bookText);
    for (const story of result.anthology.stories) {
      const source = splitFrontMatter(decodeStoryBytes(await readFile(story.file.path)).text, story.file.path).body;
      const expected = words(withoutSceneBreakMarkers(source.replace(/\r\n?/g, '\n'), story.tree));
      const missing = firstMissing(expected, bookWords);
      assert.equal(missing, undefined, `${story.file.basename}: word ${missing} "${expected[missing ?? 0]}" (after "${expected.slice(Math.max(0, (missing ?? 0) - 8), missing).join(' ')}") did not reach the book in order`);
    }
    await rm(out, { recursive: true });
  });
}

// The sample anthology's AZW3, made by Calibre and opened in a reader, is reader.test.ts's.
test('Calibre reads title, authors and language', async (t) => {
  if (!toolAvailable(t, await calibreMissing())) return;
  const out = await scratch();
  const result = await buildAnthology({ input: seeds, out, sourceDateEpoch: epoch });
  const meta = await ebookMeta(result.files[0].path);
  assert.match(meta.title, /^Harbor Lights: Stories from the Lighthouse/);
  assert.equal(meta.authors, 'Wren Calder');
  assert.equal(meta.languages, 'eng');
  await rm(out, { recursive: true });
});

test('a bad story fails the build before anything is written, and an earlier book stays whole', async () => {
  const folder = await scratch();
  const out = join(folder, 'out');
  await cp(seeds, join(folder, 'stories'), { recursive: true });
  const good = await buildAnthology({ input: join(folder, 'stories'), out, sourceDateEpoch: epoch });
  const before = await readFile(good.files[0].path);
  await writeFile(join(folder, 'stories', '06-broken.txt'), '---\ntitle: [broken\n---\nText.\n');
  await assert.rejects(buildAnthology({ input: join(folder, 'stories'), out, sourceDateEpoch: epoch }), /front matter is not valid YAML/);
  assert.ok((await readFile(good.files[0].path)).equals(before));
  assert.deepEqual((await readdir(out)).filter((name) => name.endsWith('.tmp')), []);
  await rm(folder, { recursive: true });
});

test('an output path that cannot be written is an error naming it, leaving no temp file', async () => {
  const folder = await scratch();
  const out = join(folder, 'out');
  await mkdir(join(out, 'harbor-lights-stories-from-the-lighthouse.epub'), { recursive: true });
  await assert.rejects(buildAnthology({ input: seeds, out, sourceDateEpoch: epoch }), (error: Error & { describe(): string }) => {
    assert.match(error.describe(), /harbor-lights-stories-from-the-lighthouse\.epub: cannot write output/);
    return true;
  });
  assert.deepEqual((await readdir(out)).filter((name) => name.endsWith('.tmp')), []);
  await rm(folder, { recursive: true });
});

test('a format that cannot be made (AZW3 without Calibre) leaves the earlier books as they were', async () => {
  const out = await scratch();
  const first = await buildAnthology({ input: seeds, out, sourceDateEpoch: epoch });
  const before = await readFile(first.files[0].path);
  const noCalibre = async (command: string): Promise<never> => {
    throw new CommandNotFound(command);
  };
  await assert.rejects(
    buildAnthology({ input: seeds, out, title: 'Harbor Lights: Stories from the Lighthouse', formats: ['epub', 'azw3'], sourceDateEpoch: epoch + 60, runCommand: noCalibre }),
    /AZW3 needs Calibre's ebook-convert/,
  );
  assert.ok((await readFile(first.files[0].path)).equals(before), 'the EPUB from the earlier build is untouched');
  assert.deepEqual((await readdir(out)).filter((name) => name.endsWith('.azw3') || name.endsWith('.tmp')), []);
  await rm(out, { recursive: true });
});

test('a cover photo newer than the stories dates the book', async () => {
  const folder = await scratch();
  const stories = join(folder, 'stories');
  await cp(seeds, stories, { recursive: true });
  const older = new Date('2021-03-04T05:06:07Z');
  for (const name of await readdir(stories)) await utimes(join(stories, name), older, older);
  const photo = join(stories, 'pier.jpg');
  await sharp({ create: { width: 320, height: 512, channels: 3, background: '#204060' } }).jpeg().toFile(photo);
  const newer = new Date('2022-05-06T07:08:09Z');
  await utimes(photo, newer, newer);
  await writeFile(join(stories, 'anthology.yaml'), (await readFile(join(seeds, 'anthology.yaml'), 'utf8')) + 'cover: { template: photograph, background: pier.jpg }\n');
  await utimes(join(stories, 'anthology.yaml'), older, older);
  const result = await buildAnthology({ input: stories, out: join(folder, 'out') });
  const opf = await (await unzipEpub(await readFile(result.files[0].path))).text('OEBPS/content.opf');
  assert.match(opf, /<meta property="dcterms:modified">2022-05-06T07:08:09Z<\/meta>/);
  await rm(folder, { recursive: true });
});
