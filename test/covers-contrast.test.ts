// Build covers read at store-thumbnail size: the title's contrast with its ground, measured in the pixels of a 200 px wide cover, for every theme and template.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { renderBookCover } from '../src/covers/book-cover.ts';
import { findCoverTemplate } from '../src/covers/catalog.ts';
import { boldCoverPalette, contrastRatio, luminanceContrast, minimumTitleContrast } from '../src/covers/contrast.ts';
import { loadTheme } from '../src/themes/index.ts';
import type { AnthologyMeta } from '../src/story.ts';

const themes = ['classic', 'modern', 'plain'];
const templates = ['typographic', 'ornament', 'photograph'];
const meta: AnthologyMeta = { title: 'Harbor Lights', subtitle: 'A Fan Anthology', editors: ['Wren Calder'], language: 'en' };
const thumbnailWidth = 200;

/** A busy, mid-grey photo: the hardest ground for a title over it. */
async function busyPhoto(): Promise<string> {
  const width = 320;
  const height = 512;
  const pixels = Buffer.alloc(width * height * 3);
  for (let index = 0; index < pixels.length; index++) pixels[index] = (index * 7919) % 97 < 48 ? 90 : 170;
  const path = `${process.env.TMPDIR ?? '/tmp'}/ficbind-busy-photo-${process.pid}.png`;
  await sharp(pixels, { raw: { width, height, channels: 3 } }).png().toFile(path);
  return path;
}

/** WCAG luminance of each pixel of the title's box, from a cover scaled to `thumbnailWidth`. */
async function titleBoxLuminances(jpeg: Uint8Array, box: { left: number; top: number; width: number; height: number }): Promise<number[]> {
  const scale = thumbnailWidth / 1600;
  const { data, info } = await sharp(jpeg).resize({ width: thumbnailWidth }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const left = Math.floor(box.left * scale);
  const top = Math.floor(box.top * scale);
  const right = Math.min(info.width, Math.ceil((box.left + box.width) * scale));
  const bottom = Math.min(info.height, Math.ceil((box.top + box.height) * scale));
  const linear = (value: number) => {
    const channel = value / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  };
  const luminances: number[] = [];
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      const at = (y * info.width + x) * 3;
      luminances.push(0.2126 * linear(data[at]) + 0.7152 * linear(data[at + 1]) + 0.0722 * linear(data[at + 2]));
    }
  }
  return luminances.sort((a, b) => a - b);
}

test('each theme turned into a cover palette keeps a title contrast of at least 4.5', () => {
  for (const name of themes) {
    const palette = boldCoverPalette(loadTheme(name).colors);
    const ratio = contrastRatio(palette.text!, palette.background!);
    assert.ok(ratio >= minimumTitleContrast, `${name}: ${palette.text} on ${palette.background} is ${ratio.toFixed(2)}`);
    assert.ok(contrastRatio(palette.accent!, palette.background!) >= 3, `${name}: the series and subtitle tint reads as large text`);
  }
});

for (const themeName of themes) {
  for (const templateName of templates) {
    test(`${themeName} × ${templateName}: at 200 px wide the title stands out from its ground by at least 4.5`, async () => {
      const theme = loadTheme(themeName);
      const template = await findCoverTemplate(templateName, { projectFolder: process.cwd() });
      const warnings: string[] = [];
      const cover = await renderBookCover(
        meta,
        { template: templateName, background: templateName === 'photograph' ? await busyPhoto() : undefined, series: 'Lighthouse Stories' },
        { projectFolder: process.cwd(), theme, onWarning: (message) => warnings.push(message) },
      );
      const box = template.boxes.find((candidate) => candidate.text.includes('{{title}}'))!;
      const luminances = await titleBoxLuminances(cover.jpeg, box);
      // The title's strokes and its ground are the two ends of the box's pixels; the 1% at each end is JPEG noise.
      const dark = luminances[Math.floor(luminances.length * 0.01)];
      const light = luminances[Math.floor(luminances.length * 0.99)];
      const ratio = luminanceContrast(dark, light);
      assert.ok(ratio >= minimumTitleContrast, `${themeName} × ${templateName}: title contrast ${ratio.toFixed(2)} at ${thumbnailWidth} px`);
      assert.deepEqual(warnings.filter((warning) => /contrast/.test(warning)), []);
    });
  }
}

test('a cover palette whose title would not read is warned about, naming the colours and what to change', async () => {
  const warnings: string[] = [];
  await renderBookCover(meta, { colors: { text: '#bbbbbb', background: '#ffffff' } }, { projectFolder: process.cwd(), onWarning: (message) => warnings.push(message) });
  assert.deepEqual(warnings, ['The cover\u2019s title colour #bbbbbb on #ffffff has a contrast of 1.9, under the 4.5 a title needs to read at thumbnail size: change cover.colors in anthology.yaml.'.replace('\u2019', "'")]);
});
