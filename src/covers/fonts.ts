// The fonts a cover is set in: roles (`display`, `text`) mapped to font files, each file's family, weight and style read from the file.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InputError, OutputError, type Place } from '../errors.ts';
import { coveredCharacters } from '../writers/pdf/font-check.ts';
import { oncePerKey } from '../once-per-key.ts';

/** One family's files (TTF or OTF, every weight and style on offer); the PDF writer's `PdfFont` fits. */
export interface CoverFont {
  family?: string;
  files: readonly string[];
}

/**
 * Font roles a template names in `data-font`, each mapped to one family's files. A theme plugs its own fonts in
 * here; `defaultCoverFonts()` is EB Garamond for both roles.
 */
export type CoverFonts = Readonly<Record<string, CoverFont>>;

/** One font file, described by its own tables. */
export interface FontFace {
  file: string;
  /** The typographic family (name id 16, else 1): what the text renderer is asked for. */
  family: string;
  /** OS/2 usWeightClass: 400 regular, 700 bold. */
  weight: number;
  italic: boolean;
  /** Characters the file has glyphs for. */
  covered: ReadonlySet<number>;
}

const ebGaramondStyles = ['400Regular', '500Medium', '600SemiBold', '700Bold', '800ExtraBold'];

/** EB Garamond (SIL Open Font License 1.1), regular to extra bold with italics, from `@expo-google-fonts/eb-garamond`. */
export function defaultCoverFonts(): CoverFonts {
  const folder = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/eb-garamond/package.json'));
  const files = ebGaramondStyles.flatMap((style) => [style, `${style}_Italic`]).map((style) => join(folder, style, `EBGaramond_${style}.ttf`));
  const font: CoverFont = { family: 'EB Garamond', files };
  return { display: font, text: font };
}

/** The roles every template may name: `display` for titles, `text` for the rest. */
export const fontRoles = ['display', 'text'];

/**
 * The face a text box asks for: the role's file in the asked style with the nearest weight (ties go lighter). A
 * role the fonts lack (a theme without a display font), or one without the style (a display face with no italic),
 * borrows from the text font, then from any other role: always one of the given files, never a system font.
 */
export async function chooseFace(fonts: CoverFonts, role: string, weight: number, italic: boolean, place: Place): Promise<FontFace> {
  const roles = Object.keys(fonts);
  if (!roles.includes(role) && !fontRoles.includes(role)) {
    throw new InputError(`Unexpected font role "${role}" in data-font; expected one of ${[...new Set([...fontRoles, ...roles])].join(', ')}`, place);
  }
  for (const candidate of [...new Set([role, 'text', ...roles])]) {
    const font = Object.hasOwn(fonts, candidate) ? fonts[candidate] : undefined;
    if (!font) continue;
    const faces = (await Promise.all(font.files.map(readFace))).filter((face) => face.italic === italic);
    if (faces.length === 0) continue;
    const distance = (face: FontFace) => Math.abs(face.weight - weight) * 2 + (face.weight > weight ? 1 : 0);
    return faces.reduce((best, face) => (distance(face) < distance(best) ? face : best));
  }
  throw new OutputError(`The cover's fonts have no ${italic ? 'italic' : 'upright'} file for the ${role} role; add one to the theme's fonts or change data-style in the template`, place);
}

/** Reads (once per process) a font file's family, weight, style and coverage. A missing or unreadable file is an error. */
export const readFace: (file: string) => Promise<FontFace> = oncePerKey((file: string) => loadFace(file));

async function loadFace(file: string): Promise<FontFace> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new OutputError(`Cannot read the cover font: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}. Run npm install, or fix the theme's font list.`, { file });
  }
  const tables = fontTables(bytes);
  const name = tables.get('name');
  const os2 = tables.get('OS/2');
  const family = name === undefined ? undefined : (nameRecord(bytes, name, 16) ?? nameRecord(bytes, name, 1));
  if (!family || os2 === undefined) {
    throw new OutputError('Not a TrueType or OpenType font the cover can use (no family name or OS/2 table); name a .ttf or .otf file', { file });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const selection = view.getUint16(os2 + 62);
  return { file, family, weight: view.getUint16(os2 + 4), italic: (selection & 0x201) !== 0, covered: coveredCharacters(bytes) };
}

/** Offsets of a single font's tables; empty for anything else (a collection, a non-font). */
function fontTables(bytes: Uint8Array): Map<string, number> {
  const tables = new Map<string, number>();
  if (bytes.byteLength < 12) return tables;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(0);
  if (version !== 0x00010000 && version !== 0x4f54544f) return tables;
  const count = view.getUint16(4);
  for (let i = 0; i < count && 12 + 16 * (i + 1) <= bytes.byteLength; i++) {
    const record = 12 + 16 * i;
    tables.set(String.fromCharCode(...bytes.subarray(record, record + 4)), view.getUint32(record + 8));
  }
  return tables;
}

/** A Windows (UTF-16) or Unicode-platform name record, else undefined. */
function nameRecord(bytes: Uint8Array, table: number, id: number): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    const count = view.getUint16(table + 2);
    const strings = table + view.getUint16(table + 4);
    for (let i = 0; i < count; i++) {
      const record = table + 6 + 12 * i;
      const platform = view.getUint16(record);
      if (view.getUint16(record + 6) !== id || (platform !== 0 && platform !== 3)) continue;
      const start = strings + view.getUint16(record + 10);
      let text = '';
      for (let at = start; at < start + view.getUint16(record + 8); at += 2) text += String.fromCharCode(view.getUint16(at));
      if (text.trim()) return text.trim();
    }
  } catch {
    // A damaged name table names nothing.
  }
  return undefined;
}
