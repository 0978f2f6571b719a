// The colophon both writers print at the end of a book: what made it, the date it carries, its fonts and their licences.

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
}

/** The colophon's paragraphs, in order. */
export function colophonLines(options: ColophonOptions): string[] {
  const made = options.typesetter ? `Typeset with ${options.generator} and ${options.typesetter}.` : `Made with ${options.generator}.`;
  const lines = [made, `Dated ${displayDate(options.modified)}.`];
  const fonts = uniqueFamilies(options.fonts);
  if (fonts.length === 0) {
    lines.push('Set in your reading system’s own fonts.');
  } else {
    lines.push(`Set in ${joinNames(fonts.map((font) => `${font.family} (${font.licence})`))}.`);
    for (const font of fonts) if (font.copyright) lines.push(`${font.family}: ${font.copyright.replace(/\.$/, '')}.`);
  }
  return lines;
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `1 May 2024`, in UTC, the same on every machine. */
export function displayDate(date: Date): string {
  return `${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

function uniqueFamilies(fonts: readonly ColophonFont[]): ColophonFont[] {
  const seen = new Map<string, ColophonFont>();
  for (const font of fonts) if (!seen.has(font.family)) seen.set(font.family, font);
  return [...seen.values()];
}

/** "A", "A and B", "A, B and C". */
function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
