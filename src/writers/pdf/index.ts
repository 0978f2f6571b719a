// The PDF writer: an anthology in, the bytes of a typeset, reproducible book out, through Typst and a theme template.
import { readFile } from 'node:fs/promises';
import type { Anthology } from '../../story.ts';
import { OutputError } from '../../errors.ts';
import { bookData, type BookData, type PdfColors, type PdfFont } from './book-data.ts';
import { coveredCharacters, foreignFonts, postscriptNames, uncoveredCharacters } from './font-check.ts';
import { pageSizeNames, isPageSize, type PageSize } from './page-sizes.ts';
import { compileToPdf } from './typst.ts';
import { storyImageFiles } from './story-images.ts';
import { layoutModulePath, loadLayoutModule } from './layout-module.ts';

export { pageSizeNames, pageSizes, isPageSize, type PageSize } from './page-sizes.ts';
export type { PdfFont, PdfColors } from './book-data.ts';

export interface PdfWriterOptions {
  /**
   * Typst source of the theme's book template (`templates/classic/book.typ`): it imports ficbind's layout from
   * `/ficbind/layout.typ` and passes its look; the layout reads `/book.json`.
   */
  template: string;
  /** The only fonts the book may use. The first family sets the text; later ones supply glyphs it lacks. */
  fonts: readonly PdfFont[];
  /** Trim size. Default `6x9`. */
  pageSize?: PageSize;
  /** What made the book, named in the colophon: `ficbind 0.1.0`. */
  generator: string;
  /** A JPEG (or PNG) for the first page, full bleed, or one still being rendered. Default: no cover page. */
  cover?: Uint8Array | Promise<Uint8Array>;
  /** Text drawn for scene breaks; every font list must have its glyphs. Default `❧`. */
  ornament?: string;
  /** Open each story with a raised initial before the small capitals. Default false. */
  dropCap?: boolean;
  /** Family of `fonts` for titles and headings (a theme's display font). Default: the text fonts. */
  displayFamily?: string;
  /** The theme's palette, handed to the template as `book.colors`. Default: black on white. */
  colors?: PdfColors;
  /**
   * Receives warnings: characters the fonts have no glyph for (they print as empty boxes, as fallback fonts are
   * off) and Typst's non-fatal warnings. Default: ignored.
   */
  onWarning?: (message: string) => void;
}

/**
 * Typesets the anthology as a PDF: cover (when given), title page, contents with page numbers, each story opening
 * on a new (right-hand, for print sizes) page, a colophon; bookmarks for stories and chapters; every font
 * embedded, and the pictures the stories embed (mapped as `/images/<id>`). The template gets the book as JSON data only. The same anthology and options give the same bytes.
 */
export async function writePdf(anthology: Anthology, options: PdfWriterOptions): Promise<Uint8Array> {
  const pageSize = options.pageSize ?? '6x9';
  checkWritable(anthology, options, pageSize);
  const data = bookData(anthology, {
    pageSize,
    generator: options.generator,
    fonts: options.fonts,
    ornament: options.ornament ?? '❧',
    hasCover: options.cover !== undefined,
    dropCap: options.dropCap ?? false,
    displayFamily: options.displayFamily,
    colors: options.colors,
  });
  const fontFiles = options.fonts.flatMap((font) => font.files);
  const facts = await fontFacts(fontFiles);
  if (uncoveredCharacters(data.ornament, facts.covered).length > 0) {
    throw new OutputError(`The theme's fonts have no glyph for its scene-break ornament "${data.ornament}": choose another ornament or add a font that has it.`);
  }
  for (const warning of missingGlyphWarnings(data, facts.covered)) options.onWarning?.(warning);

  const files: Record<string, Uint8Array> = {
    ...storyImageFiles(anthology.stories),
    '/book.json': new TextEncoder().encode(JSON.stringify(data)),
    [layoutModulePath]: await loadLayoutModule(),
  };
  if (options.cover) files['/cover.jpg'] = await options.cover;
  const pdf = await compileToPdf({ template: options.template, files, fontFiles, onWarning: options.onWarning });
  const foreign = foreignFonts(pdf, facts.postscriptNames);
  if (foreign.length > 0) {
    throw new OutputError(`The PDF template used fonts that are not the theme's: ${foreign.join(', ')}. Name only the theme's fonts in book.typ and keep fallback off.`);
  }
  return pdf;
}

interface FontFacts {
  postscriptNames: Set<string>;
  covered: Set<number>;
}

const factsByFile = new Map<string, Promise<{ names: string[]; covered: Set<number> }>>();

/** What the font files declare, read once per file per process. */
async function fontFacts(files: readonly string[]): Promise<FontFacts> {
  const facts: FontFacts = { postscriptNames: new Set(), covered: new Set() };
  for (const file of files) {
    let read = factsByFile.get(file);
    if (!read) {
      read = readFile(file).then(
        (bytes) => ({ names: postscriptNames(bytes), covered: coveredCharacters(bytes) }),
        (error: NodeJS.ErrnoException) => {
          factsByFile.delete(file);
          throw new OutputError(`Cannot read font file: ${error.code === 'ENOENT' ? 'no such file' : error.message}. Run npm install, or fix the theme's font list.`, { file });
        },
      );
      factsByFile.set(file, read);
    }
    const { names, covered } = await read;
    for (const name of names) facts.postscriptNames.add(name);
    for (const character of covered) facts.covered.add(character);
  }
  return facts;
}

/** One warning per story (and one for the book's own text) naming the characters no font can show. */
function missingGlyphWarnings(data: BookData, covered: ReadonlySet<number>): string[] {
  const { stories, ...book } = data;
  const parts = [{ where: 'the book’s title pages and colophon', value: { ...book, fonts: [] } as unknown }, ...stories.map((story) => ({ where: `“${story.title}”`, value: story as unknown }))];
  return parts.flatMap(({ where, value }) => {
    const missing = uncoveredCharacters(strings(value).join('\n'), covered);
    if (missing.length === 0) return [];
    const listed = missing.slice(0, 8).map((character) => `${character} (U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`);
    const more = missing.length > 8 ? ` and ${missing.length - 8} more` : '';
    return [`The fonts have no glyph for ${listed.join(', ')}${more} in ${where}; the PDF shows an empty box instead.`];
  });
}

/** Every string in a JSON value, link addresses and pictures' files and descriptions left out (they are not printed). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => (['url', 'src', 'alt'].includes(key) ? [] : strings(item)));
  return [];
}

function checkWritable(anthology: Anthology, options: PdfWriterOptions, pageSize: string): void {
  if (anthology.stories.length === 0) throw new OutputError('Cannot write a PDF without stories: add at least one story to the anthology.');
  if (Number.isNaN(anthology.modified.getTime())) {
    throw new OutputError('Cannot date the PDF: the modification time is not a valid date (check SOURCE_DATE_EPOCH).');
  }
  if (!anthology.meta.title.trim()) throw new OutputError('Cannot write a PDF without a title: give the anthology a title.');
  if (!isPageSize(pageSize)) throw new OutputError(`Unknown page size "${pageSize}"; expected one of ${pageSizeNames.join(', ')}.`);
  if (options.fonts.length === 0 || options.fonts.some((font) => font.files.length === 0)) {
    throw new OutputError('Cannot write a PDF without fonts: the theme must name at least one font family and its files.');
  }
}
