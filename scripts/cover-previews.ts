// Writes docs/covers/<template>.png: a small preview of every shipped cover template, for the README. Run: npx tsx scripts/cover-previews.ts
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { listCoverTemplates, loadCoverTemplate, renderCover } from '../src/covers/index.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const folder = join(repo, 'docs', 'covers');
/** Previews are a tenth of the cover's width, quantized PNG: small enough to keep in the repository. */
const previewSize = { width: 200, height: 320 };
const maxPreviewBytes = 60_000;

/** The sample anthology in seeds/, with a series so every text box shows. */
const sample = {
  title: 'Harbor Lights: Stories from the Lighthouse',
  subtitle: 'A Fan Anthology',
  author: 'Wren Calder',
  series: 'Gannet Point, Volume One',
};

await mkdir(folder, { recursive: true });
const rows: string[] = [];
for (const entry of (await listCoverTemplates()).filter((template) => template.shipped)) {
  const started = performance.now();
  const cover = await renderCover({ template: await loadCoverTemplate(entry.path), text: sample });
  const preview = await sharp(cover.jpeg)
    .resize(previewSize.width, previewSize.height, { kernel: 'lanczos3' })
    .png({ palette: true, colours: 128, compressionLevel: 9, effort: 10 })
    .toBuffer();
  if (preview.byteLength > maxPreviewBytes) throw new Error(`${entry.name}: preview is ${preview.byteLength} bytes, over ${maxPreviewBytes}`);
  const path = join(folder, `${entry.name}.png`);
  await writeFile(path, preview);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  process.stdout.write(`${relative(repo, path)}  ${(preview.byteLength / 1024).toFixed(1)} KB preview of a ${(cover.jpeg.byteLength / 1024).toFixed(0)} KB cover, ${seconds} s\n`);
  rows.push(`| ![${entry.name}](docs/covers/${entry.name}.png) | \`${entry.name}\` | ${entry.description} |`);
}
process.stdout.write(`\nFor README.md:\n\n| Preview | Template | Description |\n| --- | --- | --- |\n${rows.join('\n')}\n`);
