// A theme's manifest (theme.json or theme.yaml): read, checked key by key, and resolved to absolute paths.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError } from '../errors.ts';
import { checkDocument } from '../schema/validate.ts';
import { faceKey, themeSchema, type ThemeFontData } from '../schema/theme.ts';
import type { PageSize } from '../writers/pdf/page-sizes.ts';
import { readThemeFileSync, realFileInside } from './theme-safety.ts';

/** One font file: a weight and style of a family. */
export interface ThemeFace {
  weight: number;
  style: 'normal' | 'italic';
  /** Absolute path of the TTF or OTF file. */
  path: string;
}

export interface ThemeFont {
  /** `text` sets the story text; `display` (optional) sets titles and headings. */
  role: 'text' | 'display';
  /** The family name the font files declare (`EB Garamond`), used in CSS and in Typst. */
  family: string;
  /** The licence's name: `SIL Open Font License 1.1`. */
  licence: string;
  /** Absolute path of the licence text shipped with the font. */
  licenceFile: string;
  /** The copyright notice: the licence file's first line. */
  copyright: string;
  faces: ThemeFace[];
}

/** The theme's palette, as `#rrggbb`: for stylesheets, PDF templates and covers. */
export interface ThemeColors {
  text: string;
  background: string;
  accent: string;
  muted: string;
}

export interface Theme {
  name: string;
  description: string;
  /** The theme's folder, absolute. */
  folder: string;
  /** The manifest file, absolute. */
  manifestPath: string;
  /** Text font first, then the display font when there is one. May be empty only when nothing embeds fonts. */
  fonts: ThemeFont[];
  colors: ThemeColors;
  ornament: {
    /** The scene-break glyph the PDF (and the EPUB's title page and colophon) prints; the fonts must have it. */
    glyph: string;
    /** An SVG or PNG drawing of it for EPUB stylesheets, absolute; its path inside the book is `imageHref`. */
    image?: string;
    /** Where the image goes in the EPUB, relative to the stylesheet (as the stylesheet's `url()` names it). */
    imageHref?: string;
  };
  dashStyle: 'closed-em' | 'spaced-en';
  pageSize: PageSize;
  /** Open each story with a drop cap. */
  dropCap: boolean;
  epub: {
    /** The EPUB stylesheet, absolute. */
    stylesheet: string;
    /** Embed (subsets of) the theme's fonts; false leaves the reader's fonts in charge. */
    embedFonts: boolean;
  };
  pdf: {
    /** The Typst template, absolute. */
    template: string;
  };
}

export const manifestNames = ['theme.json', 'theme.yaml', 'theme.yml'] as const;

/** Reads and checks `path`; every problem is a ConfigError naming the file, the line and the key. */
export function readThemeManifest(path: string): Theme {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read theme manifest: ${(error as Error).message}`, { file: path });
  }
  return parseThemeManifest(source, path);
}

/** The keys' shapes are checked by the schema (src/schema/theme.ts); files, font packages and faces here. */
export function parseThemeManifest(source: string, path: string): Theme {
  const { data, lineOf } = checkDocument(themeSchema, source, path, { subject: 'theme key ', expected: 'a mapping with keys name, description, fonts, colors, ornament, epub, pdf' });
  const check = new ManifestChecker(lineOf, path);
  const folder = dirname(resolve(path));

  const fontsData = data.fonts ?? {};
  if (fontsData.display !== undefined && fontsData.text === undefined) check.fail(['fonts'], 'a "text" font before a "display" one', data.fonts);
  const fonts = (['text', 'display'] as const).flatMap((role) => {
    const font = fontsData[role];
    return font ? [readFont(check, font, ['fonts', role], role, folder)] : [];
  });
  const embedFonts = data.epub['embed-fonts'] ?? true;
  if (embedFonts && fonts.length === 0) check.fail(['fonts'], 'a "text" font, since epub.embed-fonts is true', data.fonts ?? {});
  if (fonts.length === 0) check.fail(['fonts'], 'a "text" font: the PDF must embed one', data.fonts ?? {});
  const imageHref = data.ornament.image === undefined ? undefined : check.file(data.ornament.image, ['ornament', 'image'], folder, ['.svg', '.png']);

  return {
    name: data.name,
    description: data.description,
    folder,
    manifestPath: resolve(path),
    fonts,
    colors: data.colors,
    ornament: { glyph: data.ornament.glyph, image: imageHref && join(folder, imageHref), imageHref },
    dashStyle: data['dash-style'] ?? 'closed-em',
    pageSize: data['page-size'] ?? '6x9',
    dropCap: data['drop-cap'] ?? false,
    epub: { stylesheet: join(folder, check.file(data.epub.stylesheet, ['epub', 'stylesheet'], folder, ['.css'])), embedFonts },
    pdf: { template: join(folder, check.file(data.pdf.template, ['pdf', 'template'], folder, ['.typ'])) },
  };
}

function readFont(check: ManifestChecker, data: ThemeFontData, at: string[], role: ThemeFont['role'], themeFolder: string): ThemeFont {
  let base = themeFolder;
  if (data.package !== undefined) {
    const name = data.package;
    try {
      base = dirname(createRequire(join(themeFolder, 'theme.json')).resolve(`${name}/package.json`));
    } catch {
      try {
        base = dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
      } catch {
        check.fail([...at, 'package'], `an installed npm package (run npm install ${name})`, name);
      }
    }
  }
  const faces: ThemeFace[] = Object.entries(data.faces).map(([key, file]) => {
    const match = faceKey.exec(key)!;
    return { weight: Number(match[1]), style: match[2] ? 'italic' : 'normal', path: join(base, check.file(file, [...at, 'faces', key], base, ['.ttf', '.otf'])) };
  });
  if (!faces.some((face) => face.weight === 400 && face.style === 'normal')) check.fail([...at, 'faces'], 'a regular face ("400")', data.faces);
  const licenceFile = join(base, check.file(data['licence-file'], [...at, 'licence-file'], base, ['', '.txt', '.md']));
  return {
    role,
    family: data.family,
    licence: data.licence,
    licenceFile,
    copyright: readThemeFileSync(licenceFile).toString('utf8').split('\n').find((line) => line.trim())?.trim() ?? '',
    faces,
  };
}

/** Checks what the schema cannot (files exist inside the theme); failures name the file, the key's line and the key path. */
class ManifestChecker {
  constructor(
    private readonly lineOf: (path: string[]) => number | undefined,
    private readonly path: string,
  ) {}

  fail(at: string[], expected: string, got: unknown): never {
    const key = at.join('.') || 'the manifest';
    const shown = got === undefined ? 'nothing' : JSON.stringify(got);
    throw new ConfigError(`theme key "${key}" must be ${expected}, got ${shown}`, { file: this.path, line: this.lineOf(at) });
  }

  /** A relative path inside `base` to an existing regular file with one of `extensions` (`''`: any), symbolic links resolved inside `base` too. */
  file(path: string, at: string[], base: string, extensions: string[]): string {
    const inside = !isAbsolute(path) && !relative(base, resolve(base, path)).startsWith('..');
    if (!inside) this.fail(at, 'a relative path inside the theme (or font package) folder', path);
    if (!extensions.includes('') && !extensions.includes(extname(path).toLowerCase())) this.fail(at, `a file ending ${extensions.join(' or ')}`, path);
    const real = realFileInside(join(base, path), base);
    if ('problem' in real) this.fail(at, real.problem, path);
    return path.split('\\').join('/');
  }
}
