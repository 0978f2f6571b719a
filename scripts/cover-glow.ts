// Draws the "typographic" cover template's soft light as a small PNG the template stretches over the page: npx tsx scripts/cover-glow.ts.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

/**
 * A radial gradient from white at 10% to black at 16%, centred at (800, 900) with a radius of 1700 on the
 * 1600 × 2560 page. cairo fills it over the whole page in about 0.15 s, most of a cover's time; this image of it,
 * 200 × 320 and stretched by the template, takes a third of that, and no pixel of the cover differs by more than
 * one level of 255 (measured on the rendered page before the JPEG).
 */
const gradient = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1600 2560" width="200" height="320">
  <defs>
    <radialGradient id="glow" cx="800" cy="900" r="1700" gradientUnits="userSpaceOnUse">
      <stop offset="0" stop-color="#ffffff" stop-opacity="0.10"/>
      <stop offset="1" stop-color="#000000" stop-opacity="0.16"/>
    </radialGradient>
  </defs>
  <rect width="1600" height="2560" fill="url(#glow)"/>
</svg>`;

const target = fileURLToPath(new URL('../covers/typographic-glow.png', import.meta.url));
await writeFile(target, await sharp(Buffer.from(gradient)).png({ compressionLevel: 9 }).toBuffer());
console.log(`wrote ${target}`);
