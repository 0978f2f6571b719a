// Pictures in stories (issue 6): a real JPEG, PNG or GIF beside an HTML story is embedded in the EPUB, KEPUB and PDF; fakes and remote ones are dropped with a warning.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import sharp from 'sharp';
import { VFile } from 'vfile';
import { buildAnthology, type BuildResult } from '../src/build.ts';
import { imageAsset } from '../src/readers/html-images.ts';
import { emptyMeta, type Anthology, type Story } from '../src/story.ts';
import { writers } from '../src/writers/index.ts';
import { storyToXhtmlBody } from '../src/writers/epub/index.ts';
import { writePdf } from '../src/writers/pdf/index.ts';
import { classicFonts, readClassicTemplate } from '../src/themes/classic-pdf.ts';
import { epubcheck, epubcheckMissing } from './helpers/epubcheck.ts';
import { toolAvailable } from './helpers/external-tools.ts';
import { pdfImages, pdfToolsMissing } from './helpers/pdf.ts';

const fixtures = new URL('./fixtures/html/', import.meta.url).pathname;

/** The `schema:accessibilityFeature` values of a package document. */
const features = (opf: string) => [...opf.matchAll(/<meta property="schema:accessibilityFeature">([^<]+)</g)].map((match) => match[1]);

describe('an HTML story with pictures beside it, built into every format', () => {
  let directory: string;
  let first: BuildResult;
  let second: BuildResult;
  let lamp: Buffer;
  let lampId: string;
  const file = (result: BuildResult, format: string) => result.files.find((built) => built.format === format)!.path;
  const zip = async (result: BuildResult, format: string) => JSZip.loadAsync(await readFile(file(result, format)));

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ficbind-story-images-'));
    const input = join(directory, 'in');
    await mkdir(join(input, 'images'), { recursive: true });
    await copyFile(fixtures + 'illustrated.html', join(input, 'illustrated.html'));
    for (const name of ['lamp.png', 'fake.png']) await copyFile(fixtures + `images/${name}`, join(input, 'images', name));
    lamp = await readFile(fixtures + 'images/lamp.png');
    lampId = imageAsset(lamp)!.id;
    const options = { input, title: 'Lamp Light', sourceDateEpoch: 1_700_000_000, formats: ['epub', 'kepub', 'pdf'] };
    first = await buildAnthology({ ...options, out: join(directory, 'out1') });
    second = await buildAnthology({ ...options, out: join(directory, 'out2') });
  });

  after(() => rm(directory, { recursive: true, force: true }));

  test('the EPUB holds the picture once, in the manifest with its media type, and shows it where the story did', async () => {
    const book = await zip(first, 'epub');
    const pictures = Object.keys(book.files).filter((name) => name.startsWith('OEBPS/images/img-'));
    assert.deepEqual(pictures, [`OEBPS/images/${lampId}`], 'one file for the picture shown twice');
    assert.ok(Buffer.from(await book.file(pictures[0])!.async('uint8array')).equals(lamp), 'the bytes of the file beside the story');
    const opf = await book.file('OEBPS/content.opf')!.async('string');
    assert.match(opf, new RegExp(`<item id="res-\\d+" href="images/${lampId}" media-type="image/png"/>`));
    const story = await book.file('OEBPS/story-01.xhtml')!.async('string');
    assert.ok(story.includes(`<p class="illustration"><img src="images/${lampId}" alt="The lamp, lit"/></p>`), story);
    assert.ok(story.includes(`beside a sketch: <img src="images/${lampId}" alt="a small lamp"/> and a note.</p>`), story);
    assert.deepEqual(features(opf).filter((feature) => feature === 'alternativeText'), ['alternativeText'], 'every picture is described');
  });

  test('EPUBCheck finds nothing in the EPUB or the KEPUB', async (t) => {
    if (!toolAvailable(t, await epubcheckMissing())) return;
    for (const format of ['epub', 'kepub']) {
      const report = await epubcheck(file(first, format));
      assert.deepEqual(report.messages, [], format);
      assert.equal(report.errors, 0, format);
      assert.equal(report.warnings, 0, format);
    }
  });

  test('the fake picture and the remote one are left out, each with a warning at its place', async () => {
    const warnings = first.diagnostics.flatMap((diagnostics) => diagnostics.messages).filter((message) => message.ruleId === 'html-image');
    assert.deepEqual(
      warnings.map((message) => [message.line, message.fatal]),
      [[13, false], [13, false]],
    );
    assert.match(String(warnings[0].reason), /“a drawing that is not one”: `images\/fake\.png` is not a JPEG, PNG or GIF image/);
    assert.match(String(warnings[1].reason), /“a gull from the web”: `https:\/\/example\.org\/gull\.png` is a remote image/);
    const story = await (await zip(first, 'epub')).file('OEBPS/story-01.xhtml')!.async('string');
    assert.ok(!story.includes('fake.png') && !story.includes('example.org'), 'no trace of them in the book');
  });

  test('in the KEPUB each picture sits in a koboSpan of its own', async () => {
    const story = await (await zip(first, 'kepub')).file('OEBPS/story-01.xhtml')!.async('string');
    const spans = [...story.matchAll(/<span class="koboSpan" id="kobo\.\d+\.\d+">(<img [^>]*>)<\/span>/g)].map((match) => match[1]);
    assert.deepEqual(spans, [`<img src="images/${lampId}" alt="The lamp, lit"/>`, `<img src="images/${lampId}" alt="a small lamp"/>`]);
  });

  test('the PDF draws the picture in both places', async (t) => {
    if (!toolAvailable(t, await pdfToolsMissing())) return;
    const drawn = (await pdfImages(await readFile(file(first, 'pdf')))).filter((row) => row.type === 'image' && row.width === 1 && row.height === 1);
    assert.equal(drawn.length, 2);
    assert.equal(drawn[0].page, drawn[1].page, 'on the story’s page');
  });

  test('building again gives the same bytes in every format', async () => {
    for (const format of ['epub', 'kepub', 'pdf']) {
      const [a, b] = await Promise.all([readFile(file(first, format)), readFile(file(second, format))]);
      assert.ok(a.equals(b), `${format} differs between builds`);
    }
  });
});

/** A story of one paragraph of text and one picture, as the HTML reader makes them. */
function pictureStory(bytes: Uint8Array, alt: string): Story {
  const asset = imageAsset(bytes)!;
  return {
    meta: { ...emptyMeta('Wide Water'), authors: ['Cy Ward'] },
    tree: {
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'text', value: 'The sea went on and on.' }] },
        { type: 'paragraph', children: [{ type: 'image', url: asset.id, alt, data: { asset } }] },
      ],
    },
    file: new VFile({ path: 'wide-water.html' }),
  };
}

const wideAnthology = async (alt: string): Promise<Anthology> => {
  const wide = await sharp({ create: { width: 2000, height: 500, channels: 3, background: '#3a6f8f' } }).png().toBuffer();
  return { meta: { title: 'Wide', editors: ['E'], language: 'en' }, stories: [pictureStory(wide, alt)], modified: new Date('2024-03-01T00:00:00Z') };
};

test('in the PDF a picture wider than the text is shrunk to the text width', async (t) => {
  if (!toolAvailable(t, await pdfToolsMissing())) return;
  const pdf = await writePdf(await wideAnthology('the open sea'), { template: await readClassicTemplate(), fonts: classicFonts(), generator: 'ficbind test' });
  const [row] = (await pdfImages(pdf)).filter((image) => image.width === 2000);
  // 6x9 pages: 432 pt wide, 0.78 in and 0.6 in margins, so 332.64 pt of text.
  const drawnWidth = (row.width / row.xPpi) * 72;
  assert.ok(drawnWidth <= 332.64 + 1 && drawnWidth > 300, `drawn ${drawnWidth} pt wide`);
});

test('a picture without a description gets alt="", and the book then claims no text alternatives', async () => {
  const book = await JSZip.loadAsync(await writers.epub.write(await wideAnthology(''), { generator: 'ficbind test' }));
  const story = await book.file('OEBPS/story-01.xhtml')!.async('string');
  assert.match(story, /<p class="illustration"><img src="images\/img-[0-9a-f]{16}\.png" alt=""\/><\/p>/);
  const opf = await book.file('OEBPS/content.opf')!.async('string');
  assert.ok(!features(opf).includes('alternativeText'));
  assert.match(opf, /<meta property="schema:accessMode">visual<\/meta>/);
  assert.match(opf, /Some pictures in the stories have no text description/);
});

test('a story read from memory (fix --to html) keeps the alt text, having no folder for the picture', async () => {
  assert.equal(storyToXhtmlBody(pictureStory(await readFile(fixtures + 'images/lamp.png'), 'a lamp'), { opener: false }), '<p class="opening">The sea went on and on.</p>\n<p>a lamp</p>');
});
