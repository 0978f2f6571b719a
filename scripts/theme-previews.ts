// Renders README previews of every theme: the contents page and a story's first page, of the EPUB (headless Chromium) and of the PDF (pdftoppm).
// Run with `npm run previews`; writes docs/themes/<theme>-{epub,pdf}{,-contents}.png. Needs chromium, poppler-utils, qpdf.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import sharp from 'sharp';
import { buildAnthology } from '../src/build.ts';
import { listThemes } from '../src/themes/index.ts';

const run = promisify(execFile);
const repo = new URL('..', import.meta.url).pathname;
const outFolder = join(repo, 'docs', 'themes');
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** The sample anthology's date, so previews only change when a theme does. */
const epoch = 1_700_000_000;
/** The EPUB page: a phone-sized reading view, shown at half size. */
const epubViewport = { width: 600, height: 900 };
const previewWidth = 300;

/**
 * Unpacks the EPUB and screenshots one document (`toc.xhtml`, or the first story's when `document` is
 * undefined), as a reading system with no margins of its own shows it.
 */
async function epubPreview(epub: Uint8Array, scratch: string, document?: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(epub);
  const folder = join(scratch, 'epub');
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    await mkdir(dirname(join(folder, name)), { recursive: true });
    await writeFile(join(folder, name), await entry.async('uint8array'));
  }
  const first = document ?? Object.keys(zip.files).filter((name) => /OEBPS\/story-0*1(-0*1)?\.xhtml$/.test(name)).sort()[0];
  const screenshot = join(scratch, 'epub.png');
  await run(chromium, [
    '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--hide-scrollbars', `--user-data-dir=${join(scratch, 'chromium-profile')}`, '--force-device-scale-factor=1',
    `--window-size=${epubViewport.width},${epubViewport.height}`, `--screenshot=${screenshot}`, `file://${join(folder, first)}`,
  ], { timeout: 60_000 });
  // Headless Chromium leaves the window's bottom strip blank: keep the page-shaped top part.
  return sharp(screenshot).extract({ left: 0, top: 0, width: epubViewport.width, height: Math.round(epubViewport.width * 1.4) }).resize({ width: previewWidth }).toBuffer();
}

/** The first page (from 1) whose text starts with `heading`, among the first dozen. */
async function pageStartingWith(pdfPath: string, heading: RegExp): Promise<number> {
  for (let page = 1; page <= 12; page++) {
    const { stdout } = await run('pdftotext', ['-f', String(page), '-l', String(page), pdfPath, '-']);
    if (heading.test(stdout.trim())) return page;
  }
  return 1;
}

/** A PDF page at 50 dpi: `page`, or where the first story opens (its first bookmark). */
async function pdfPreview(pdfPath: string, scratch: string, page?: number): Promise<Buffer> {
  if (page === undefined) {
    const { stdout } = await run('qpdf', ['--json', '--json-key=outlines', pdfPath]);
    page = (JSON.parse(stdout) as { outlines: { destpageposfrom1: number }[] }).outlines[0]?.destpageposfrom1 ?? 1;
  }
  const prefix = join(scratch, 'pdf');
  await run('pdftoppm', ['-png', '-r', '50', '-f', String(page), '-l', String(page), '-singlefile', pdfPath, prefix]);
  return readFile(`${prefix}.png`);
}

/** A small, palette-compressed PNG with a hairline frame. */
function compact(image: Buffer): Promise<Buffer> {
  return sharp(image)
    .flatten({ background: '#ffffff' })
    .extend({ top: 1, bottom: 1, left: 1, right: 1, background: '#c8c8c8' })
    .png({ palette: true, colours: 64, compressionLevel: 9, effort: 10 })
    .toBuffer();
}

await mkdir(outFolder, { recursive: true });
for (const { name } of listThemes()) {
  const scratch = await mkdtemp(join(tmpdir(), `ficbind-preview-${name}-`));
  try {
    const result = await buildAnthology({ cwd: repo, input: 'seeds', out: scratch, formats: ['epub', 'pdf'], theme: name, sourceDateEpoch: epoch });
    const epubFile = result.files.find((file) => file.format === 'epub')!;
    const pdfFile = result.files.find((file) => file.format === 'pdf')!;
    const epubBytes = await readFile(epubFile.path);
    const pictures: [string, Buffer][] = [
      [`${name}-epub.png`, await compact(await epubPreview(epubBytes, scratch))],
      [`${name}-epub-contents.png`, await compact(await epubPreview(epubBytes, scratch, 'OEBPS/toc.xhtml'))],
      [`${name}-pdf.png`, await compact(await pdfPreview(pdfFile.path, scratch))],
      [`${name}-pdf-contents.png`, await compact(await pdfPreview(pdfFile.path, scratch, await pageStartingWith(pdfFile.path, /^Contents\b/)))],
    ];
    for (const [file, picture] of pictures) await writeFile(join(outFolder, file), picture);
    console.log(`${name}: ${pictures.map(([file, picture]) => `docs/themes/${file} ${(picture.byteLength / 1024).toFixed(1)} KB`).join(', ')}`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
