// Turns a theme into the EPUB and PDF writers' options: its stylesheet, fonts, ornament, palette and template.
import { extname } from 'node:path';
import { FicbindError, OutputError } from '../errors.ts';
import type { EpubFont, EpubResource, EpubWriterOptions } from '../writers/epub/index.ts';
import type { PdfFont, PdfWriterOptions, PageSize } from '../writers/pdf/index.ts';
import type { Theme } from './manifest.ts';
import type { CacheFolder } from '../cache/cache-folder.ts';
import { checkedOrnamentSvg, checkThemeCss, checkTypstTemplate, readThemeFileSync } from './theme-safety.ts';

export interface ThemedBook {
  /** `ficbind 0.1.0`. */
  generator: string;
  /** Overrides the theme's `drop-cap`. */
  dropCap?: boolean;
  /** A JPEG for the cover, or one still being rendered. Default: none. */
  cover?: Uint8Array | Promise<Uint8Array>;
  /** The build's cache (fonts subset before). Default: none. */
  cache?: CacheFolder;
}

/** The EPUB writer's options for `theme`: stylesheet, the regular and bold faces to embed, the ornament image. */
export async function epubOptionsFor(theme: Theme, book: ThemedBook): Promise<EpubWriterOptions> {
  const resources: EpubResource[] = [];
  if (theme.ornament.image && theme.ornament.imageHref) {
    const mediaType = extname(theme.ornament.image).toLowerCase() === '.svg' ? 'image/svg+xml' : 'image/png';
    const bytes = await readThemeFile(theme.ornament.image);
    const safe = mediaType === 'image/svg+xml' ? Buffer.from(checkedOrnamentSvg(bytes.toString('utf8'), theme.ornament.image)) : bytes;
    resources.push({ href: theme.ornament.imageHref, mediaType, bytes: safe });
  }
  const css = (await readThemeFile(theme.epub.stylesheet)).toString('utf8');
  checkThemeCss(css, theme.epub.stylesheet);
  return {
    css,
    generator: book.generator,
    fonts: theme.epub.embedFonts ? await epubFonts(theme) : [],
    resources,
    ornament: theme.ornament.glyph,
    ornamentImage: resources.length > 0 ? theme.ornament.imageHref : undefined,
    storyClasses: (book.dropCap ?? theme.dropCap) ? ['drop-cap'] : [],
    dropCap: book.dropCap ?? theme.dropCap,
    cover: book.cover,
    cache: book.cache,
  };
}

/**
 * The faces an EPUB embeds: weights 400 and 700, upright and italic, the two weights CSS's `normal` and `bold`
 * name. A theme's other weights are for its PDF template.
 */
async function epubFonts(theme: Theme): Promise<EpubFont[]> {
  const fonts: EpubFont[] = [];
  for (const font of theme.fonts) {
    for (const face of font.faces.filter((candidate) => candidate.weight === 400 || candidate.weight === 700)) {
      fonts.push({ family: font.family, weight: face.weight, style: face.style, bytes: await readThemeFile(face.path), licence: font.licence, copyright: font.copyright });
    }
  }
  return fonts;
}

/** The theme's fonts as the PDF writer takes them: every face, text family first. */
export function pdfFontsFor(theme: Theme): PdfFont[] {
  return theme.fonts.map((font) => ({ family: font.family, files: font.faces.map((face) => face.path), licence: font.licence, copyright: font.copyright }));
}

/** The PDF writer's options for `theme`; `pageSize` overrides the theme's default page size. */
export async function pdfOptionsFor(theme: Theme, book: ThemedBook & { pageSize?: PageSize }): Promise<PdfWriterOptions> {
  const template = (await readThemeFile(theme.pdf.template)).toString('utf8');
  checkTypstTemplate(template, theme.pdf.template);
  return {
    template,
    fonts: pdfFontsFor(theme),
    pageSize: book.pageSize ?? theme.pageSize,
    generator: book.generator,
    cover: book.cover,
    ornament: theme.ornament.glyph,
    dropCap: book.dropCap ?? theme.dropCap,
    displayFamily: theme.fonts.find((font) => font.role === 'display')?.family,
    colors: theme.colors,
  };
}

/** A theme file the manifest checked; read as a regular file within the size limit. */
async function readThemeFile(path: string): Promise<Buffer> {
  try {
    return readThemeFileSync(path);
  } catch (error) {
    if (error instanceof FicbindError) throw error;
    throw new OutputError(`Cannot read the theme's file: ${(error as Error).message}`, { file: path }, { cause: error });
  }
}
