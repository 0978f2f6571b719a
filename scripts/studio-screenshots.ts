// Screenshots of ficbind studio for the README (docs/studio/*.png), and the time from a one-story edit to the preview showing the new EPUB.
// Run with `npm run studio-screenshots`; needs Debian's chromium (or PUPPETEER_EXECUTABLE_PATH).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { startStudio } from '../src/studio/index.ts';
import { launchChromium, seedsProject } from '../test/helpers/studio.ts';

const repo = new URL('..', import.meta.url).pathname;
const outFolder = join(repo, 'docs', 'studio');
const viewport = { width: 1280, height: 860 };

const folder = await seedsProject();
const studio = await startStudio({ folder });
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  await page.goto(studio.url);
  await page.waitForSelector('#preview[data-shown="1"]', { timeout: 60_000 });
  const shown = () => page.$eval('#preview', (element) => Number(element.getAttribute('data-shown')));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 800));

  // Edit → preview, five times: a story's title changed in the page until the preview shows the book built with it.
  await page.click('li[data-file="02-the-long-watch.md"] .story-title');
  await page.waitForSelector('.story-form input[name="title"]');
  const times: number[] = [];
  for (const title of ['The Long Watch I', 'The Long Watch II', 'The Long Watch III', 'The Long Watch IV', 'The Long Watch']) {
    await studio.settled();
    await settle();
    const before = await shown();
    await page.$eval('.story-form input[name="title"]', (input) => ((input as HTMLInputElement).value = ''));
    await page.type('.story-form input[name="title"]', title);
    const started = performance.now();
    await page.keyboard.press('Tab');
    await page.waitForFunction((number) => Number(document.querySelector('#preview')?.getAttribute('data-shown')) > number, { timeout: 30_000 }, before);
    await page.waitForFunction((expected) => [...document.querySelectorAll('#contents li')].some((item) => item.textContent === expected), { timeout: 30_000 }, title);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`edit → preview on the sample anthology (5 stories): median ${(times[2] / 1000).toFixed(2)} s, best ${(times[0] / 1000).toFixed(2)} s, worst ${(times[4] / 1000).toFixed(2)} s`);

  await mkdir(outFolder, { recursive: true });
  const save = async (name: string) => {
    await settle();
    const png = await page.screenshot({ type: 'png' });
    await writeFile(join(outFolder, `${name}.png`), await sharp(png).resize({ width: 960 }).png({ palette: true, colours: 128, compressionLevel: 9 }).toBuffer());
    console.log(`docs/studio/${name}.png`);
  };
  await save('stories');
  await page.click('button[data-tab="book"]');
  await save('book');
  // A slip to show a suggestion: a space before a full stop.
  const story = join(folder, '05-quiet-hours.txt');
  await writeFile(story, (await readFile(story, 'utf8')).replace('had them all to himself.', 'had them all to himself .'));
  await page.click('button[data-tab="typography"]');
  await page.waitForSelector('.diagnostic .suggestion', { timeout: 30_000 });
  await save('typography');
  await page.click('button[data-tab="build"]');
  await page.click('#build');
  await page.waitForSelector('#downloads a', { timeout: 60_000 });
  await save('build');
} finally {
  await browser.close();
  await studio.close();
}
