// Accessibility (EPUB Accessibility 1.1): honest schema.org metadata, lang and alt text everywhere, and DAISY Ace finding nothing serious.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writers } from '../src/writers/index.ts';
import { accessibilitySummary } from '../src/writers/epub/accessibility.ts';
import { elementsNamed, parseXml } from '../src/xml.ts';
import { run, toolAvailable } from './helpers/external-tools.ts';
import { unzipEpub } from './helpers/unzip.ts';
import { buildSharedSeeds, sharedSeedsAvailable } from './helpers/shared-seeds.ts';
import { oneShot } from './helpers/story-trees.ts';

/** `property value` of each `schema:` meta of a package document. */
function schemaMetadata(opf: string): string[] {
  return elementsNamed(parseXml(opf), 'meta')
    .filter((meta) => String(meta.attributes.property ?? '').startsWith('schema:'))
    .map((meta) => `${meta.attributes.property} ${meta.children.map((child) => (child.type === 'text' ? child.value : '')).join('')}`);
}

test('the package states access modes, features, hazards and a summary; images add the visual mode and alternative text', async (t) => {
  if (!sharedSeedsAvailable(t)) return;
  const withCover = await unzipEpub(await (await buildSharedSeeds(['epub', 'kepub'])).bytes('epub'));
  assert.deepEqual(schemaMetadata(await withCover.text('OEBPS/content.opf')), [
    'schema:accessMode textual',
    'schema:accessMode visual',
    'schema:accessModeSufficient textual',
    'schema:accessibilityFeature structuralNavigation',
    'schema:accessibilityFeature tableOfContents',
    'schema:accessibilityFeature readingOrder',
    'schema:accessibilityFeature alternativeText',
    'schema:accessibilityHazard none',
    `schema:accessibilitySummary ${accessibilitySummary(true)}`,
  ]);

  const textOnly = await writers.epub.write({ meta: { title: 'One', editors: ['E'], language: 'en' }, stories: [oneShot], modified: new Date('2024-03-01T00:00:00Z') }, { generator: 'ficbind test' });
  const metadata = schemaMetadata(await (await unzipEpub(textOnly)).text('OEBPS/content.opf'));
  assert.ok(!metadata.includes('schema:accessMode visual') && !metadata.includes('schema:accessibilityFeature alternativeText'), 'no images, no claims about them');
  assert.ok(metadata.includes(`schema:accessibilitySummary ${accessibilitySummary(false)}`));
});

test('every document names its language, every image has alternative text, ornaments are hidden from screen readers', async (t) => {
  if (!sharedSeedsAvailable(t)) return;
  for (const format of ['epub', 'kepub']) {
    const book = await unzipEpub(await (await buildSharedSeeds(['epub', 'kepub'])).bytes(format));
    for (const [name, text] of await book.xhtmlDocuments()) {
      const tree = parseXml(text);
      const html = elementsNamed(tree, 'html')[0];
      assert.match(String(html.attributes['xml:lang']), /^[a-z]{2,3}(-|$)/, `${format} ${name}: xml:lang`);
      assert.equal(html.attributes.lang, html.attributes['xml:lang'], `${format} ${name}: lang`);
      for (const image of elementsNamed(tree, 'img')) assert.ok(String(image.attributes.alt ?? '').trim() !== '', `${format} ${name}: <img src="${image.attributes.src}"> has alt text`);
      for (const ornament of elementsNamed(tree, 'p').filter((p) => String(p.attributes.class ?? '').split(' ').includes('ornament'))) {
        assert.equal(ornament.attributes['aria-hidden'], 'true', `${format} ${name}: the ornament is hidden`);
      }
    }
  }
  const cover = parseXml(await (await unzipEpub(await (await buildSharedSeeds(['epub', 'kepub'])).bytes('epub'))).text('OEBPS/cover.xhtml'));
  const picture = elementsNamed(cover, 'svg')[0];
  assert.equal(picture.attributes['aria-label'], 'Cover of Seeds');
  assert.equal(picture.attributes.role, 'img');
});

const chromium = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';

/** Why Ace cannot run here (install: `PUPPETEER_SKIP_DOWNLOAD=1 npm ci` and Debian's chromium), or undefined. */
function aceMissing(): { ace?: string; missing?: string } {
  let ace: string;
  try {
    ace = createRequire(import.meta.url).resolve('@daisy/ace-cli/bin/ace.js');
  } catch {
    return { missing: '@daisy/ace-cli is not installed (npm ci with PUPPETEER_SKIP_DOWNLOAD=1)' };
  }
  if (!existsSync(chromium)) return { missing: `Chromium is not at ${chromium} (apt-get install chromium, or set PUPPETEER_EXECUTABLE_PATH)` };
  return { ace };
}

interface AceReport {
  assertions: { 'earl:testSubject': { url: string }; assertions: { 'earl:test': { 'earl:impact': string; 'dct:title': string } }[] }[];
}

test('DAISY Ace finds no critical or serious accessibility violation in the shared stories’ EPUB', { timeout: 180_000 }, async (t) => {
  if (!sharedSeedsAvailable(t)) return;
  const { ace, missing } = aceMissing();
  if (!toolAvailable(t, missing) || !ace) return;
  const build = await buildSharedSeeds(['epub', 'kepub']);
  const reports = await mkdtemp(join(tmpdir(), 'ficbind-ace-'));
  try {
    await run(process.execPath, [ace, '--silent', '--force', '--outdir', reports, build.paths.epub], {
      timeout: 170_000,
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: chromium, PUPPETEER_SKIP_DOWNLOAD: '1' },
    });
    const report = JSON.parse(await readFile(join(reports, 'report.json'), 'utf8')) as AceReport;
    const violations = report.assertions.flatMap((subject) =>
      subject.assertions.map((assertion) => `${assertion['earl:test']['earl:impact']} ${assertion['earl:test']['dct:title']} ${subject['earl:testSubject'].url}`),
    );
    for (const violation of violations) t.diagnostic(violation);
    assert.deepEqual(violations.filter((violation) => /^(critical|serious) /.test(violation)), []);
  } finally {
    await rm(reports, { recursive: true, force: true });
  }
});
