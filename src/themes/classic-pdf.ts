// The bundled "classic" theme's PDF pieces (templates/classic/), for tests and scripts that call the PDF writer directly: its book.typ, its EB Garamond faces, its hedera.
import { readFile } from 'node:fs/promises';
import { loadTheme } from './registry.ts';
import { pdfFontsFor } from './writer-options.ts';
import type { PdfFont } from '../writers/pdf/book-data.ts';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageFolder } from '../code-files.ts';

export const classicTemplateUrl = pathToFileURL(join(packageFolder, 'templates', 'classic', 'book.typ'));

/** The scene-break ornament: a hedera, which EB Garamond has (it lacks ⁂). */
export const classicOrnament = '❧';

export function readClassicTemplate(): Promise<string> {
  return readFile(classicTemplateUrl, 'utf8');
}

/** EB Garamond's faces as templates/classic/theme.json lists them, from the `@expo-google-fonts/eb-garamond` package. */
export function classicFonts(): PdfFont[] {
  return pdfFontsFor(loadTheme('classic'));
}
