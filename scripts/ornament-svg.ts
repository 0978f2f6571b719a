// Draws a theme's scene-break glyph as an SVG (paths, no font needed) for EPUB stylesheets: npx tsx scripts/ornament-svg.ts THEME.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as hb from 'harfbuzzjs';
import { loadTheme } from '../src/themes/registry.ts';

const name = process.argv[2] ?? 'classic';
const theme = loadTheme(name);
if (!theme.ornament.image) throw new Error(`theme ${name} names no ornament image`);
const regular = theme.fonts[0].faces.find((face) => face.weight === 400 && face.style === 'normal')!;
const face = new hb.Face(new hb.Blob(await readFile(regular.path)));
const font = new hb.Font(face);
const glyph = font.nominalGlyph(theme.ornament.glyph.codePointAt(0)!);
if (glyph === undefined) throw new Error(`${theme.fonts[0].family} has no glyph for ${theme.ornament.glyph}`);
const path = font.glyphToPath(glyph).replace(/(-?\d+(?:\.\d+)?)/g, (value) => String(Math.round(Number(value))));
// The frame: the bounds of the path's points (control points included), plus a small margin.
const numbers = (path.match(/-?\d+/g) ?? []).map(Number);
const xs = numbers.filter((_, index) => index % 2 === 0);
const ys = numbers.filter((_, index) => index % 2 === 1);
const margin = Math.round(face.upem * 0.04);
const left = Math.min(...xs) - margin;
const width = Math.max(...xs) - Math.min(...xs) + 2 * margin;
// Font units are y-up, SVG's y-down: the path is flipped, so its top is the highest font y.
const top = Math.max(...ys) + margin;
const height = Math.max(...ys) - Math.min(...ys) + 2 * margin;
const svg = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="${left} ${-top} ${width} ${height}" width="${(width / height).toFixed(3)}em" height="1em">
  <title>${theme.ornament.glyph}</title>
  <path fill="${theme.colors.accent}" transform="scale(1,-1)" d="${path}"/>
</svg>
`;
await mkdir(dirname(theme.ornament.image), { recursive: true });
await writeFile(theme.ornament.image, svg);
console.log(`${theme.ornament.image}: ${svg.length} bytes`);
