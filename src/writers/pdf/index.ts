// The PDF writer: an anthology in, the bytes of a typeset, reproducible book out, through Typst and a theme template.
import { readFile } from 'node:fs/promises';
import type { Anthology } from '../../story.ts';
import { OutputError } from '../../errors.ts';
import { bookData, type PdfColors, type PdfFont } from './book-data.ts';
import { coveredCharacters, foreignFonts, postscriptNames, uncoveredCharacters } from './font-check.ts';
import { pdfFallbackFonts } from './fallback-fonts.ts';
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
  /**
   * The theme's fonts. The first family sets the text; later ones supply glyphs it lacks, and after them ficbind's
   * fallback chain (src/fonts/fallback.ts) the scripts and emoji none of them has. No other font is ever used.
   */
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
  /** Receives Typst's non-fatal warnings. Default: ignored. A character no font draws is an error, not a warning. */
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
  const dataWith = (fonts: readonly PdfFont[]) =>
    bookData(anthology, {
      pageSize,
      generator: options.generator,
      fonts,
      ornament: options.ornament ?? '❧',
      hasCover: options.cover !== undefined,
      dropCap: options.dropCap ?? false,
      displayFamily: options.displayFamily,
      colors: options.colors,
    });
  const themeFacts = await fontFacts(options.fonts.flatMap((font) => font.files));
  let data = dataWith(options.fonts);
  if (uncoveredCharacters(data.ornament, themeFacts.covered).length > 0) {
    throw new OutputError(`The theme's fonts have no glyph for its scene-break ornament "${data.ornament}": choose another ornament or add a font that has it.`);
  }
  // Scripts and emoji the theme's fonts lack are drawn from the fallback chain; a character no font has fails the build.
  const fallbacks = await pdfFallbackFonts(anthology, data, themeFacts.covered);
  const fonts = [...options.fonts, ...fallbacks];
  if (fallbacks.length > 0) data = dataWith(fonts);
  const fontFiles = fonts.flatMap((font) => font.files);
  const facts = await fontFacts(fontFiles);

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
