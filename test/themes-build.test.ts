// Every theme builds the three shared real stories into a clean EPUB and a PDF with embedded fonts, read back with poppler.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAnthology, type BuildResult } from '../src/build.ts';
import { listThemes, loadTheme } from '../src/themes/index.ts';
import { coveredCharacters } from '../src/writers/pdf/font-check.ts';
import { epubcheck, epubcheckMissing, type EpubcheckResult } from './helpers/epubcheck.ts';
import { toolAvailable } from './helpers/external-tools.ts';
import { hyphenatedLineEnds, pdfFonts, pdfInfo, pdfOutline, pdfText, pdfToolsMissing } from './helpers/pdf.ts';
import { unzipEpub } from './helpers/unzip.ts';
import JSZip from 'jszip';
import { sharedSeeds, sharedSeedsAvailable } from './helpers/shared-seeds.ts';

const repo = new URL('..', import.meta.url).pathname;
const themes = listThemes().map((theme) => theme.name);
const epoch = 1_700_000_000;

interface Built {
  result: BuildResult;
  epub: Uint8Array;
  pdf: Uint8Array;
  seconds: number;
}

let scratch: string;
const built = new Map<string, Built>();
let epubchecks: Map<string, Promise<EpubcheckResult>> | undefined;

before(async () => {
  if (!existsSync(sharedSeeds)) return;
  scratch = await mkdtemp(join(tmpdir(), 'ficbind-themes-'));
  for (const theme of themes) {
    const started = performance.now();
    const result = await buildAnthology({ cwd: repo, input: sharedSeeds, out: join(scratch, theme), formats: ['epub', 'pdf'], theme, sourceDateEpoch: epoch });
    const seconds = (performance.now() - started) / 1000;
    const [epub, pdf] = await Promise.all(result.files.map((file) => readFile(file.path)));
    built.set(theme, { result, epub, pdf, seconds });
  }
  // EPUBCheck is a Java start-up per book: run them side by side.
  if ((await epubcheckMissing()) === undefined) {
    epubchecks = new Map(themes.map((theme) => [theme, epubcheck(built.get(theme)!.result.files[0].path)]));
    await Promise.allSettled(epubchecks.values());
  }
});

after(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});


for (const theme of themes) {
  test(`${theme}: the EPUB passes EPUBCheck with no errors and no warnings`, async (t) => {
    if (!sharedSeedsAvailable(t) || !toolAvailable(t, await epubcheckMissing())) return;
    const result = await epubchecks!.get(theme)!;
    assert.deepEqual(result.messages, []);
    assert.equal(result.errors + result.warnings, 0);
  });

  test(`${theme}: the PDF embeds every font, has 6x9 pages, a bookmark per story, hyphens and curly quotes`, async (t) => {
    if (!sharedSeedsAvailable(t) || !toolAvailable(t, await pdfToolsMissing())) return;
    const { pdf, result, seconds } = built.get(theme)!;
    assert.ok(seconds < 15, `built in ${seconds.toFixed(1)} s`);
    const fonts = await pdfFonts(pdf);
    assert.ok(fonts.length > 0);
    assert.deepEqual(fonts.filter((font) => !font.embedded), [], 'every font embedded');
    const families = loadTheme(theme).fonts.map((font) => font.family.replace(/\s+/g, ''));
    for (const font of fonts) assert.ok(families.some((family) => font.name.includes(family)), `${font.name} is one of ${families.join(', ')}`);
    const info = await pdfInfo(pdf);
    assert.deepEqual(new Set(info.pageSizes.map((size) => `${size.width}x${size.height}`)), new Set(['432x648']));
    const outline = await pdfOutline(pdf);
    assert.deepEqual(outline.map((entry) => entry.title), result.anthology.stories.map((story) => story.meta.title));
    const text = await pdfText(pdf, { raw: true });
    const hyphenated = hyphenatedLineEnds(text).filter((line) => line.endsWith('\u00ad'));
    assert.ok(hyphenated.length >= 1, 'Typst hyphenates justified lines');
    assert.match(text, /[“”]/u);
    assert.match(text, /’/u);
    assert.doesNotMatch(text, /"/, 'no straight double quotes');
  });
}

test('--page-size a5 gives A5 pages', async (t) => {
  if (!sharedSeedsAvailable(t) || !toolAvailable(t, await pdfToolsMissing())) return;
  const result = await buildAnthology({ cwd: repo, input: sharedSeeds, out: join(scratch, 'a5'), formats: ['pdf'], theme: 'modern', pageSize: 'a5', sourceDateEpoch: epoch });
  const info = await pdfInfo(await readFile(result.files[0].path));
  assert.deepEqual(new Set(info.pageSizes.map((size) => `${size.width}x${size.height}`)), new Set(['419.53x595.28']));
});

test('classic and modern embed subsets of their fonts that still have every character the stories use', async (t) => {
  if (!sharedSeedsAvailable(t)) return;
  for (const theme of ['classic', 'modern']) {
    const { epub } = built.get(theme)!;
    const zip = await JSZip.loadAsync(epub);
    const book = await unzipEpub(epub);
    const css = await book.text('OEBPS/style.css');
    const storyText = [...(await book.xhtmlDocuments()).entries()]
      .filter(([name]) => /story-\d+/.test(name))
      .map(([, text]) => text.replace(/<[^>]*>/g, ''))
      .join('');
    const used = new Set([...storyText].map((character) => character.codePointAt(0)!).filter((code) => code > 32));
    // The faces an EPUB gets: weights 400 and 700 of each family, named `fonts/<family>-<weight>[-italic].ttf`.
    const faces = loadTheme(theme).fonts.flatMap((font) =>
      font.faces
        .filter((face) => face.weight === 400 || face.weight === 700)
        .map((face) => ({ ...face, href: `fonts/${font.family.toLowerCase().replace(/\s+/g, '-')}-${face.weight}${face.style === 'italic' ? '-italic' : ''}.ttf` })),
    );
    assert.deepEqual(book.names.filter((name) => name.endsWith('.ttf')).sort(), faces.map((face) => `OEBPS/${face.href}`).sort());
    for (const face of faces) {
      const subset = await zip.file(`OEBPS/${face.href}`)!.async('uint8array');
      const original = new Uint8Array(await readFile(face.path));
      assert.ok(subset.byteLength < original.byteLength / 4, `${face.href}: ${subset.byteLength} bytes, from ${original.byteLength}`);
      assert.ok(css.includes(`src: url(${face.href});`), `${face.href} has an @font-face rule`);
      if (face.weight !== 400 || face.style !== 'normal') continue;
      const [kept, had] = [coveredCharacters(subset), coveredCharacters(original)];
      const lost = [...used].filter((code) => had.has(code) && !kept.has(code)).map((code) => String.fromCodePoint(code));
      assert.deepEqual(lost, [], `${face.href} keeps every character the stories use`);
    }
  }
});

test('plain embeds no fonts, names only generic families, and draws scene breaks without images', async (t) => {
  if (!sharedSeedsAvailable(t)) return;
  const book = await unzipEpub(built.get('plain')!.epub);
  assert.deepEqual(book.names.filter((name) => /\.(ttf|otf|svg|png)$/.test(name)), []);
  const css = await book.text('OEBPS/style.css');
  assert.doesNotMatch(css, /@font-face/);
  for (const [, families] of css.matchAll(/font-family:\s*([^;]+);/g)) assert.match(families.trim(), /^(serif|sans-serif|monospace)$/);
  assert.match(await book.text('OEBPS/colophon.xhtml'), /Set in your reading system’s own fonts\./);
});

test('the EPUB has a colophon naming ficbind, the date and the fonts with their licences; the ornament image is in the manifest', async (t) => {
  if (!sharedSeedsAvailable(t)) return;
  const book = await unzipEpub(built.get('classic')!.epub);
  const colophon = await book.text('OEBPS/colophon.xhtml');
  assert.match(colophon, /Made with ficbind \d+\.\d+\.\d+\./);
  assert.match(colophon, /Dated 14 November 2023\./);
  assert.match(colophon, /Set in EB Garamond \(SIL Open Font License 1\.1\)\./);
  assert.match(colophon, /EB Garamond: Copyright 2017 The EB Garamond Project Authors/);
  const opf = await book.text('OEBPS/content.opf');
  assert.match(opf, /<item id="res-\d+" href="images\/ornament.svg" media-type="image\/svg\+xml"\/>/);
  assert.match(opf, /<item id="res-\d+" href="fonts\/eb-garamond-400.ttf" media-type="font\/ttf"\/>/);
});

test('the theme’s dash style applies: modern sets spaced en dashes where classic closes em dashes', async (t) => {
  if (!sharedSeedsAvailable(t)) return;
  const text = async (theme: string) => [...(await (await unzipEpub(built.get(theme)!.epub)).xhtmlDocuments()).values()].join('');
  const [classic, modern] = [await text('classic'), await text('modern')];
  assert.match(classic, /\p{L}—\p{L}/u);
  assert.doesNotMatch(modern, /\p{L}—\p{L}/u);
  assert.match(modern, /\p{L}\u00a0– \p{L}|\p{L} – \p{L}/u);
});

test('same inputs, same bytes: a second build of the classic EPUB is identical', async (t) => {
  if (!sharedSeedsAvailable(t)) return;
  const again = await buildAnthology({ cwd: repo, input: sharedSeeds, out: join(scratch, 'again'), formats: ['epub'], theme: 'classic', sourceDateEpoch: epoch });
  assert.ok(Buffer.from(built.get('classic')!.epub).equals(await readFile(again.files[0].path)));
});
