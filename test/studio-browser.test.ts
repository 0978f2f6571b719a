// ficbind studio in Debian's Chromium: what a user sees and what lands on disk when they reorder, rename, restyle and build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { startStudio, watchProject, type Studio } from '../src/studio/index.ts';
import { chromiumMissing, eventually, launchChromium, seedsProject } from './helpers/studio.ts';
import { epubcheck, epubcheckMissing } from './helpers/epubcheck.ts';
import { toolAvailable } from './helpers/external-tools.ts';

let studio: Studio | undefined;
let browser: Browser | undefined;
let page: Page;
let folder: string;
/** Where the studio looks for e-readers: a folder shaped like a mounted Kobo is in it. */
let media: string;
const missing = chromiumMissing();
const alerts: string[] = [];

before(async () => {
  if (missing) return;
  folder = await seedsProject();
  media = await mkdtemp(join(tmpdir(), 'ficbind-media-'));
  await mkdir(join(media, 'KOBOeReader', '.kobo', 'Kobo'), { recursive: true });
  await writeFile(join(media, 'KOBOeReader', '.kobo', 'KoboReader.sqlite'), 'SQLite format 3\0');
  studio = await startStudio({ folder, sendRoots: [media] });
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('dialog', (dialog) => {
    alerts.push(dialog.message());
    void dialog.dismiss();
  });
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(studio.url);
  await page.waitForSelector('#preview[data-shown="1"]', { timeout: 30_000 });
});
after(async () => {
  await browser?.close();
  await studio?.close();
});

/** The preview build number the page shows, once it has caught up with a build after `after`. */
async function previewAfter(number: number): Promise<number> {
  await page.waitForFunction((shown) => Number(document.querySelector('#preview')?.getAttribute('data-shown')) > shown, { timeout: 15_000 }, number);
  return page.$eval('#preview', (element) => Number(element.getAttribute('data-shown')));
}

const shownNumber = () => page.$eval('#preview', (element) => Number(element.getAttribute('data-shown')));
const listedFiles = () => page.$$eval('li[data-file]', (rows) => rows.map((row) => row.getAttribute('data-file')));

test('the story list matches the folder, in the order anthology.yaml gives', async (t) => {
  if (!toolAvailable(t, missing)) return;
  const inFolder = (await readdir(folder)).filter((name) => /\.(txt|md|html|epub)$/.test(name)).sort();
  assert.deepEqual(await listedFiles(), inFolder);
  const titles = await page.$$eval('li[data-file] .title', (spans) => spans.map((span) => span.textContent));
  assert.equal(titles[1], 'The Long Watch');
});

test("dragging a story changes anthology.yaml's order and nothing else in it", async (t) => {
  if (!toolAvailable(t, missing)) return;
  const path = join(folder, 'anthology.yaml');
  const before = await readFile(path, 'utf8');
  const handle = await page.$('li[data-file="01-comin-home.txt"] .handle');
  const target = await page.$('li[data-file="03-salt-and-static.txt"]');
  const from = (await handle!.boundingBox())!;
  const to = (await target!.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
  await page.mouse.up();
  await eventually(async () => (await readFile(path, 'utf8')) !== before, 'anthology.yaml to change');
  const after = await readFile(path, 'utf8');
  const order = ['02-the-long-watch.md', '03-salt-and-static.txt', '01-comin-home.txt', '04-lantern-letters.txt', '05-quiet-hours.txt'];
  assert.equal(after, before.replace(/stories:\n(  - .*\n)+/, `stories:\n${order.map((file) => `  - ${file}\n`).join('')}`));
  await eventually(async () => JSON.stringify(await listedFiles()) === JSON.stringify(order), 'the list to show the new order');
});

test("editing a story's title shows in the preview's contents, as text", async (t) => {
  if (!toolAvailable(t, missing)) return;
  const shown = await shownNumber();
  await page.click('li[data-file="04-lantern-letters.txt"] .story-title');
  await page.waitForSelector('.story-form input[name="title"]');
  const title = 'Letters <img src=x onerror=alert(1)> from Lantern Rock';
  await page.type('.story-form input[name="title"]', title);
  await page.keyboard.press('Tab');
  await previewAfter(shown);
  await page.waitForFunction((expected) => [...document.querySelectorAll('#contents li')].some((item) => item.textContent === expected), { timeout: 10_000 }, title);
  assert.match(await readFile(join(folder, 'anthology.yaml'), 'utf8'), /  - file: 04-lantern-letters\.txt\n    title: Letters <img src=x onerror=alert\(1\)> from Lantern Rock\n/);
  assert.equal(await page.$$eval('img[src="x"]', (images) => images.length), 0);
  await page.waitForFunction((expected) => document.querySelector('li[data-file="04-lantern-letters.txt"] .title')?.textContent === expected, { timeout: 5_000 }, title);
  assert.deepEqual(alerts, []);
});

test('choosing a theme changes the preview; the PDF pages show on request', async (t) => {
  if (!toolAvailable(t, missing)) return;
  const fontOfPreview = () =>
    page.evaluate(() => {
      const view = document.querySelector('#preview foliate-view') as unknown as { renderer: { getContents(): { doc: Document }[] } };
      const doc = view.renderer.getContents()[0]?.doc;
      return doc ? getComputedStyle(doc.body).fontFamily : '';
    });
  await eventually(async () => (await fontOfPreview()) !== '', 'the preview to show a page');
  const before = await fontOfPreview();
  const shown = await shownNumber();
  await page.click('button[data-tab="book"]');
  await page.waitForSelector('select[name="theme"]');
  await page.select('select[name="theme"]', 'modern');
  await previewAfter(shown);
  await eventually(async () => (await fontOfPreview()) !== '' && (await fontOfPreview()) !== before, 'the preview to change font');
  assert.match(await readFile(join(folder, 'anthology.yaml'), 'utf8'), /\ntheme: modern\n/);
  // The PDF's pages, laid out on request, beside the EPUB.
  await page.click('#show-pdf');
  const frame = await page.waitForSelector('iframe.pdf', { timeout: 30_000 });
  const source = await frame!.evaluate((element) => (element as HTMLIFrameElement).src);
  assert.equal(await page.evaluate(async (url) => (await fetch(url)).headers.get('content-type'), source), 'application/pdf');
});

test('accepting a typography suggestion in the page changes the story file', async (t) => {
  if (!toolAvailable(t, missing)) return;
  const story = join(folder, '05-quiet-hours.txt');
  const before = await readFile(story, 'utf8');
  await writeFile(story, before.replace('had them all to himself.', 'had them all to himself .'));
  const changed = await readFile(story, 'utf8');
  await page.click('button[data-tab="stories"]');
  await page.click('button[data-tab="typography"]');
  await page.waitForSelector('.diagnostic button.accept', { timeout: 15_000 });
  const suggestion = await page.$eval('.diagnostic .suggestion', (element) => element.textContent);
  assert.match(suggestion!, /Suggested: ␣ → \(nothing\)/);
  await page.click('.diagnostic button.accept');
  await eventually(async () => (await readFile(story, 'utf8')) !== changed, 'the story to change');
  assert.equal(await readFile(story, 'utf8'), before);
});

test('stories added through the page (chosen or dropped) are saved in the project and join the list; other files are refused', async (t) => {
  if (!toolAvailable(t, missing)) return;
  await page.click('button[data-tab="stories"]');
  const input = await page.waitForSelector('#upload');
  const upload = join(await seedsProject(), 'the-keeper.md');
  await writeFile(upload, '# The Keeper\n\nBy gullwing\n\nThe lamp turned all night.\n');
  await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(upload);
  await page.waitForSelector('li[data-file="the-keeper.md"]', { timeout: 10_000 });
  assert.equal(await readFile(join(folder, 'the-keeper.md'), 'utf8'), '# The Keeper\n\nBy gullwing\n\nThe lamp turned all night.\n');
  assert.match(await readFile(join(folder, 'anthology.yaml'), 'utf8'), /  - 05-quiet-hours\.txt\n  - the-keeper\.md\n/);
  // Dropped on the page, as from a file manager.
  await page.$eval('.drop', (zone) => {
    const files = new DataTransfer();
    files.items.add(new File(['The Relief Keeper\n\nBy gullwing\n\nHe came on the Tuesday boat.\n'], 'relief.txt', { type: 'text/plain' }));
    files.items.add(new File(['#!/bin/sh\n'], 'evil.sh', { type: 'text/x-sh' }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true }));
  });
  await page.waitForSelector('li[data-file="relief.txt"]', { timeout: 10_000 });
  await page.waitForFunction(() => /refused/.test(document.querySelector('#message')?.textContent ?? ''), { timeout: 5_000 });
  assert.deepEqual((await readdir(folder)).filter((name) => name.startsWith('evil')), []);
  assert.match(await readFile(join(folder, 'anthology.yaml'), 'utf8'), /  - the-keeper\.md\n  - relief\.txt\n/);
});

test('a build shows its progress, gives an EPUB that EPUBCheck passes, and sends it to a connected Kobo', async (t) => {
  if (!toolAvailable(t, missing)) return;
  await page.click('button[data-tab="build"]');
  await page.waitForSelector('#build');
  await page.click('#build');
  await page.waitForSelector('#downloads a', { timeout: 60_000 });
  const name = await page.$eval('#downloads a', (link) => link.textContent!);
  assert.match(name, /\.epub$/);
  const href = await page.$eval('#downloads a', (link) => (link as HTMLAnchorElement).href);
  const bytes = await page.evaluate(async (url) => (await fetch(url)).arrayBuffer().then((buffer) => buffer.byteLength), href);
  const book = join(folder, 'out', name);
  assert.equal(bytes, (await readFile(book)).byteLength);
  await page.click('#downloads button.send');
  await page.waitForSelector('#sent', { timeout: 20_000 });
  assert.match((await page.$eval('#sent', (element) => element.textContent))!, /^Sent to the kobo: .*\.kepub\.epub/);
  assert.deepEqual(await readdir(join(media, 'KOBOeReader', 'ficbind')), [name.replace(/\.epub$/, '.kepub.epub')]);
  if (!toolAvailable(t, await epubcheckMissing())) return;
  const result = await epubcheck(book);
  assert.deepEqual(result.messages, []);
  assert.equal(result.errors, 0);
});

test('watch --serve shows the built EPUB and reloads it after a change', async (t) => {
  if (!toolAvailable(t, missing)) return;
  const project = await seedsProject();
  const watcher = await watchProject({ folder: project, serve: true, onBuilt: () => {} });
  try {
    const watching = await browser!.newPage();
    await watching.goto(watcher.url!);
    await watching.waitForSelector('#preview[data-shown="1"]', { timeout: 30_000 });
    assert.equal(await watching.$('nav'), null);
    await writeFile(join(project, 'anthology.yaml'), (await readFile(join(project, 'anthology.yaml'), 'utf8')).replace('  - 05-quiet-hours.txt\n', '  - file: 05-quiet-hours.txt\n    title: Small Hours\n'));
    await watching.waitForFunction(() => [...document.querySelectorAll('#contents li')].some((item) => item.textContent?.startsWith('Small Hours')), { timeout: 15_000 });
    await watching.close();
  } finally {
    await watcher.close();
  }
});
