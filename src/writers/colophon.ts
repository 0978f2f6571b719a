// The colophon both writers print at the end of a book: what made it, the date it carries, its fonts and their licences.
import type { BookLabels } from '../labels/index.ts';

export interface ColophonFont {
  family: string;
  /** `SIL Open Font License 1.1`. */
  licence: string;
  /** The font's copyright notice, as its licence file states it. */
  copyright?: string;
}

export interface ColophonOptions {
  /** `ficbind 0.1.0`. */
  generator: string;
  /** What else made the book: `Typst` for the PDF. */
  typesetter?: string;
  /** The date the book carries (SOURCE_DATE_EPOCH or the newest input), never the clock. */
  modified: Date;
  /** The fonts the book embeds; none leaves the reader's own fonts in charge. */
  fonts: readonly ColophonFont[];
  /** The book's labels: the lines' words, the date's and the list's forms. */
  labels: BookLabels;
}

/** The colophon's paragraphs, in order, in the book's language. */
export function colophonLines(options: ColophonOptions): string[] {
  const { labels } = options;
  const made = options.typesetter
    ? labels.text('typeset-with', { generator: options.generator, typesetter: options.typesetter })
    : labels.text('made-with', { generator: options.generator });
  const lines = [made, labels.text('dated', { date: labels.date(options.modified) })];
  const fonts = uniqueFamilies(options.fonts);
  if (fonts.length === 0) {
    lines.push(labels.text('reader-fonts'));
  } else {
    lines.push(labels.text('set-in', { fonts: labels.names(fonts.map((font) => `${font.family} (${font.licence})`)) }));
    for (const font of fonts) if (font.copyright) lines.push(`${font.family}: ${font.copyright.replace(/\.$/, '')}.`);
  }
  return lines;
}

function uniqueFamilies(fonts: readonly ColophonFont[]): ColophonFont[] {
  const seen = new Map<string, ColophonFont>();
  for (const font of fonts) if (!seen.has(font.family)) seen.set(font.family, font);
  return [...seen.values()];
}
