// A theme's manifest (theme.json or theme.yaml): read, checked key by key, and resolved to absolute paths.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { isNode, parseDocument, type Document } from 'yaml';
import { ConfigError, lineAt } from '../errors.ts';
import { isPageSize, pageSizeNames, type PageSize } from '../writers/pdf/page-sizes.ts';
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

const topKeys = ['name', 'description', 'fonts', 'colors', 'ornament', 'dash-style', 'page-size', 'drop-cap', 'epub', 'pdf'];
const fontKeys = ['family', 'package', 'licence', 'licence-file', 'faces'];
const colorKeys: (keyof ThemeColors)[] = ['text', 'background', 'accent', 'muted'];
const faceKey = /^([1-9]00)(italic)?$/;

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

export function parseThemeManifest(source: string, path: string): Theme {
  const document = parseDocument(source, { prettyErrors: false });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const kind = extname(path) === '.json' ? 'JSON' : 'YAML';
    throw new ConfigError(`not valid ${kind}: ${syntaxError.message.split('\n')[0]}`, { file: path, line: lineAt(source, syntaxError.pos[0]) });
  }
  const check = new ManifestChecker(document, source, path);
  const data = check.mapping(document.toJS() as unknown, [], topKeys);
  const folder = dirname(resolve(path));

  const name = check.text(data.name, ['name']);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) check.fail(['name'], 'lower-case letters, digits and hyphens (the folder name)', name);
  const fontsData = check.mapping(data.fonts ?? {}, ['fonts'], ['text', 'display']);
  if (fontsData.display !== undefined && fontsData.text === undefined) check.fail(['fonts'], 'a "text" font before a "display" one', data.fonts);
  const fonts = (['text', 'display'] as const)
    .filter((role) => fontsData[role] !== undefined)
    .map((role) => readFont(check, fontsData[role], ['fonts', role], role, folder));

  const colorsData = check.mapping(data.colors, ['colors'], colorKeys);
  const colors = Object.fromEntries(colorKeys.map((key) => [key, check.color(colorsData[key], ['colors', key])])) as unknown as ThemeColors;

  const ornamentData = check.mapping(data.ornament, ['ornament'], ['glyph', 'image']);
  const glyph = check.text(ornamentData.glyph, ['ornament', 'glyph']);
  const imageHref = ornamentData.image === undefined ? undefined : check.file(ornamentData.image, ['ornament', 'image'], folder, ['.svg', '.png']);

  const dashStyle = data['dash-style'] ?? 'closed-em';
  if (dashStyle !== 'closed-em' && dashStyle !== 'spaced-en') check.fail(['dash-style'], 'closed-em or spaced-en', dashStyle);
  const pageSize = data['page-size'] ?? '6x9';
  if (typeof pageSize !== 'string' || !isPageSize(pageSize)) check.fail(['page-size'], `one of ${pageSizeNames.join(', ')}`, pageSize);
  const dropCap = data['drop-cap'] ?? false;
  if (typeof dropCap !== 'boolean') check.fail(['drop-cap'], 'true or false', dropCap);

  const epubData = check.mapping(data.epub, ['epub'], ['stylesheet', 'embed-fonts']);
  const embedFonts = epubData['embed-fonts'] ?? true;
  if (typeof embedFonts !== 'boolean') check.fail(['epub', 'embed-fonts'], 'true or false', embedFonts);
  if (embedFonts && fonts.length === 0) check.fail(['fonts'], 'a "text" font, since epub.embed-fonts is true', data.fonts);
  const pdfData = check.mapping(data.pdf, ['pdf'], ['template']);
  if (fonts.length === 0) check.fail(['fonts'], 'a "text" font: the PDF must embed one', data.fonts);

  return {
    name,
    description: check.text(data.description, ['description']),
    folder,
    manifestPath: resolve(path),
    fonts,
    colors,
    ornament: { glyph, image: imageHref && join(folder, imageHref), imageHref },
    dashStyle,
    pageSize,
    dropCap,
    epub: { stylesheet: join(folder, check.file(epubData.stylesheet, ['epub', 'stylesheet'], folder, ['.css'])), embedFonts },
    pdf: { template: join(folder, check.file(pdfData.template, ['pdf', 'template'], folder, ['.typ'])) },
  };
}

function readFont(check: ManifestChecker, value: unknown, at: string[], role: ThemeFont['role'], themeFolder: string): ThemeFont {
  const data = check.mapping(value, at, fontKeys);
  let base = themeFolder;
  if (data.package !== undefined) {
    const name = check.text(data.package, [...at, 'package']);
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
  const facesData = check.mapping(data.faces, [...at, 'faces']);
  const faces: ThemeFace[] = Object.entries(facesData).map(([key, file]) => {
    const match = faceKey.exec(key);
    if (!match) check.fail([...at, 'faces', key], 'face names like 400, 400italic, 700, 700italic', key);
    return { weight: Number(match[1]), style: match[2] ? 'italic' : 'normal', path: join(base, check.file(file, [...at, 'faces', key], base, ['.ttf', '.otf'])) };
  });
  if (!faces.some((face) => face.weight === 400 && face.style === 'normal')) check.fail([...at, 'faces'], 'a regular face ("400")', facesData);
  const licenceFile = join(base, check.file(data['licence-file'], [...at, 'licence-file'], base, ['', '.txt', '.md']));
  return {
    role,
    family: check.text(data.family, [...at, 'family']),
    licence: check.text(data.licence, [...at, 'licence']),
    licenceFile,
    copyright: readThemeFileSync(licenceFile).toString('utf8').split('\n').find((line) => line.trim())?.trim() ?? '',
    faces,
  };
}

/** Checks values against what the manifest expects; failures name the file, the key's line and the key path. */
class ManifestChecker {
  constructor(
    private readonly document: Document,
    private readonly source: string,
    private readonly path: string,
  ) {}

  fail(at: string[], expected: string, got: unknown): never {
    const key = at.join('.') || 'the manifest';
    const shown = got === undefined ? 'nothing' : JSON.stringify(got);
    throw new ConfigError(`theme key "${key}" must be ${expected}, got ${shown}`, { file: this.path, line: this.lineOf(at) });
  }

  mapping(value: unknown, at: string[], keys?: readonly string[]): Record<string, any> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) this.fail(at, keys ? `a mapping with keys ${keys.join(', ')}` : 'a mapping', value);
    for (const key of Object.keys(value)) {
      if (keys && !keys.includes(key)) this.fail([...at, key], `one of the known keys (${keys.join(', ')})`, key);
    }
    return value as Record<string, unknown>;
  }

  text(value: unknown, at: string[]): string {
    if (typeof value !== 'string' || value.trim() === '') this.fail(at, 'text', value);
    return value.trim();
  }

  color(value: unknown, at: string[]): string {
    if (typeof value !== 'string' || !/^#[0-9a-f]{6}$/i.test(value)) this.fail(at, 'a colour as #rrggbb', value);
    return value.toLowerCase();
  }

  /** A relative path inside `base` to an existing regular file with one of `extensions` (`''`: any), symbolic links resolved inside `base` too. */
  file(value: unknown, at: string[], base: string, extensions: string[]): string {
    const path = this.text(value, at);
    const inside = !isAbsolute(path) && !relative(base, resolve(base, path)).startsWith('..');
    if (!inside) this.fail(at, 'a relative path inside the theme (or font package) folder', path);
    if (!extensions.includes('') && !extensions.includes(extname(path).toLowerCase())) this.fail(at, `a file ending ${extensions.join(' or ')}`, path);
    const real = realFileInside(join(base, path), base);
    if ('problem' in real) this.fail(at, real.problem, path);
    return path.split('\\').join('/');
  }

  private lineOf(at: string[]): number | undefined {
    // A missing key is placed at the mapping that lacks it.
    for (let depth = at.length; depth >= 0; depth--) {
      const node = depth === 0 ? this.document.contents : this.document.getIn(at.slice(0, depth), true);
      if (isNode(node) && node.range) return lineAt(this.source, node.range[0]);
    }
    return undefined;
  }
}
