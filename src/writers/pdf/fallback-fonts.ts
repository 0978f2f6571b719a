// Adds the fallback fonts a PDF needs to its theme's fonts, or fails naming the first character no font can draw and where it is.
import type { Anthology, Story } from '../../story.ts';
import type { Place } from '../../errors.ts';
import { describeCharacter, fallbackPlan, MissingGlyphError, type FallbackFont } from '../../fonts/fallback.ts';
import { pointFinder } from '../../source-points.ts';
import type { BookData, PdfFont } from './book-data.ts';

/**
 * The fallback fonts (as PDF fonts, in chain order) that draw every character of `data` the theme's fonts
 * (`covered`) lack. Throws a `MissingGlyphError` for the first character none of them has.
 */
export async function pdfFallbackFonts(anthology: Anthology, data: BookData, covered: ReadonlySet<number>): Promise<PdfFont[]> {
  const plan = await fallbackPlan(printedStrings(data).join('\n'), covered, anthology.meta.language);
  if (plan.missing.length > 0) throw missingGlyph(plan.missing[0], anthology, data);
  return plan.fonts.map(asPdfFont);
}

function asPdfFont(font: FallbackFont): PdfFont {
  return { family: font.family, files: [font.file], licence: font.licence, copyright: font.copyright };
}

/** The error for `character`, placed at its first use: a story's file, line and column, else the part of the book. */
function missingGlyph(character: string, anthology: Anthology, data: BookData): MissingGlyphError {
  const what = `No font can draw ${describeCharacter(character)}, which would print as an empty box`;
  const fix = 'replace the character, or use a theme whose fonts have it';
  const { stories, ...book } = data;
  const bookParts: [string, unknown][] = [
    ['the title', [book.title, book.runningTitle]],
    ['the subtitle', book.subtitle],
    ['the author', [book.editorLine, book.authors]],
    ['the book’s labels', book.labels],
    ['the colophon', book.colophon],
  ];
  for (const [where, value] of bookParts) {
    if (printedStrings(value).some((text) => text.includes(character))) return new MissingGlyphError(`${what}, in ${where}: ${fix}`);
  }
  const index = stories.findIndex((story) => printedStrings(story).some((text) => text.includes(character)));
  const story = anthology.stories[Math.max(0, index)];
  const place = story && placeIn(story, character);
  const part = place?.line === undefined ? ` in the story’s ${storyPart(stories[index], character)}` : '';
  return new MissingGlyphError(`${what}${part}: ${fix}`, place);
}

/** The first occurrence of `character` in the story's source, as file, line and column; just the file when the source never spells it. */
function placeIn(story: Story, character: string): Place | undefined {
  const file = story.file.path;
  if (!file) return undefined;
  const source = typeof story.file.value === 'string' ? story.file.value : new TextDecoder().decode(story.file.value);
  const offset = source.indexOf(character);
  if (offset === -1) return { file };
  const point = pointFinder(story.file)(offset);
  return point ? { file, line: point.line, column: point.column } : { file };
}

function storyPart(story: BookData['stories'][number] | undefined, character: string): string {
  if (!story) return 'text';
  if (story.title.includes(character)) return 'title';
  if (story.byline?.includes(character)) return 'authors';
  return 'text';
}

/** Every string the book prints: link addresses, picture files and descriptions and node types left out. */
export function printedStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(printedStrings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => (['url', 'src', 'alt', 't', 'fonts', 'displayFonts'].includes(key) ? [] : printedStrings(item)));
  return [];
}
