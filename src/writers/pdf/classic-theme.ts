// The built-in "classic" PDF look until themes exist: templates/classic/book.typ set in EB Garamond from npm.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PdfFont } from './book-data.ts';

export const classicTemplateUrl = new URL('../../../templates/classic/book.typ', import.meta.url);

/** The scene-break ornament: a hedera, which EB Garamond has (it lacks ⁂). */
export const classicOrnament = '❧';

export function readClassicTemplate(): Promise<string> {
  return readFile(classicTemplateUrl, 'utf8');
}

/** EB Garamond's regular, italic, semibold and bold styles, from the `@expo-google-fonts/eb-garamond` package. */
export function classicFonts(): PdfFont[] {
  const folder = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/eb-garamond/package.json'));
  const styles = ['400Regular', '400Regular_Italic', '600SemiBold', '600SemiBold_Italic', '700Bold', '700Bold_Italic'];
  return [
    {
      family: 'EB Garamond',
      files: styles.map((style) => join(folder, style, `EBGaramond_${style}.ttf`)),
      licence: 'SIL Open Font License 1.1',
    },
  ];
}
