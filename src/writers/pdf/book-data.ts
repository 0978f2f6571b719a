// Gathers everything the PDF template shows into one JSON document: book metadata, page, fonts, stories, colophon.
import type { Anthology, Story, StoryMeta } from '../../story.ts';
import { storyBlocks, type Block, type Inline } from './story-data.ts';
import { pageSizes, type PageSize } from './page-sizes.ts';
import { colophonLines, displayDate } from '../colophon.ts';
import { storyDetails } from '../story-details.ts';

export { displayDate };

export interface PdfFont {
  /** The family name as the font files declare it (`EB Garamond`). */
  family: string;
  /** Paths of the font files (TTF or OTF), every style the template uses. */
  files: string[];
  /** Named in the colophon: `SIL Open Font License 1.1`. */
  licence: string;
  /** The font's copyright notice, named in the colophon. */
  copyright?: string;
}

/** A theme's palette as `#rrggbb`, for the template's rules, ornaments and headings. */
export interface PdfColors {
  text: string;
  background: string;
  accent: string;
  muted: string;
}

export interface BookDataOptions {
  pageSize: PageSize;
  generator: string;
  fonts: readonly PdfFont[];
  ornament: string;
  hasCover: boolean;
  dropCap: boolean;
  /** Family for titles and headings; default: the text fonts. */
  displayFamily?: string;
  colors?: PdfColors;
}

/** A language for Typst: ISO 639 `lang` and, when the tag has one, a two-letter `region`. */
export interface TypstLanguage {
  lang: string;
  region: string | null;
}

export interface StoryData {
  title: string;
  /** The title for running heads, shortened at a word when long. */
  runningTitle: string;
  /** `by A and B`, or null without authors. */
  byline: string | null;
  language: TypstLanguage;
  details: { label: string; value: Inline[] }[];
  summary: string[];
  blocks: Block[];
}

export interface BookData {
  title: string;
  subtitle: string | null;
  /** `Edited by A and B`, or null. */
  editorLine: string | null;
  /** For the PDF's Author field. */
  authors: string[];
  runningTitle: string;
  language: TypstLanguage;
  /** `anthology.modified` in UTC, for the PDF's dates. */
  modified: { year: number; month: number; day: number; hour: number; minute: number; second: number };
  page: { size: PageSize; width: number; height: number; twoSided: boolean };
  /** Family names in order of preference; the template sets them with fallback off. */
  fonts: string[];
  /** Families for titles and headings: the display family first when the theme has one, then `fonts`. */
  displayFonts: string[];
  colors: PdfColors;
  ornament: string;
  cover: boolean;
  dropCap: boolean;
  labels: { contents: string; note: string; disclaimer: string };
  stories: StoryData[];
  colophon: string[];
}

export function bookData(anthology: Anthology, options: BookDataOptions): BookData {
  const { meta, modified } = anthology;
  const size = pageSizes[options.pageSize];
  return {
    title: meta.title.trim(),
    subtitle: meta.subtitle?.trim() || null,
    editorLine: meta.editors.length > 0 ? `Edited by ${joinNames(meta.editors)}` : null,
    authors: meta.editors,
    runningTitle: shorten(meta.title.trim()),
    language: typstLanguage(meta.language),
    modified: {
      year: modified.getUTCFullYear(),
      month: modified.getUTCMonth() + 1,
      day: modified.getUTCDate(),
      hour: modified.getUTCHours(),
      minute: modified.getUTCMinutes(),
      second: modified.getUTCSeconds(),
    },
    page: { size: options.pageSize, width: size.width, height: size.height, twoSided: size.twoSided },
    fonts: options.fonts.map((font) => font.family),
    displayFonts: [...new Set([...(options.displayFamily ? [options.displayFamily] : []), ...options.fonts.map((font) => font.family)])],
    colors: options.colors ?? { text: '#000000', background: '#ffffff', accent: '#000000', muted: '#555555' },
    ornament: options.ornament,
    cover: options.hasCover,
    dropCap: options.dropCap,
    labels: { contents: 'Contents', note: 'Author’s note', disclaimer: 'Disclaimer' },
    stories: anthology.stories.map((story, index) => storyData(story, index + 1, meta.language)),
    colophon: colophon(anthology, options),
  };
}

function storyData(story: Story, number: number, bookLanguage: string): StoryData {
  const title = story.meta.title.trim() || `Story ${number}`;
  return {
    title,
    runningTitle: shorten(title),
    byline: story.meta.authors.length > 0 ? `by ${joinNames(story.meta.authors)}` : null,
    language: typstLanguage(story.meta.language ?? bookLanguage),
    details: storyDetailList(story.meta),
    summary: paragraphsOf(story.meta.summary ?? ''),
    blocks: storyBlocks(story),
  };
}

/** The opener's list: the metadata a story has, labelled as in the EPUB. */
function storyDetailList(meta: StoryMeta): StoryData['details'] {
  const details: StoryData['details'] = storyDetails(meta).map(({ label, value }) => ({ label, value: [value] }));
  const source = meta.source?.trim();
  if (source) details.push({ label: 'Source', value: /^https?:\/\/\S+$/i.test(source) ? [{ t: 'link', url: source, c: [source] }] : [source] });
  return details;
}

function colophon(anthology: Anthology, options: BookDataOptions): string[] {
  return colophonLines({ generator: options.generator, typesetter: 'Typst', modified: anthology.modified, fonts: options.fonts });
}

/** `en-GB` → lang `en`, region `GB`; Typst wants a bare ISO 639 code, so anything else falls back to `en`. */
export function typstLanguage(tag: string): TypstLanguage {
  const [language = '', ...rest] = tag.split('-');
  const lang = /^[a-z]{2,3}$/i.test(language) ? language.toLowerCase() : 'en';
  const region = rest.find((part) => /^[a-z]{2}$/i.test(part))?.toUpperCase() ?? null;
  return { lang, region };
}

/** "A", "A and B", "A, B and C". */
function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function paragraphsOf(text: string): string[] {
  return text
    .trim()
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim().replace(/\s*\n\s*/g, ' '))
    .filter(Boolean);
}

/** Running heads hold one line: long titles are cut at a word and end in an ellipsis. */
function shorten(title: string, limit = 48): string {
  const flat = title.replace(/\s+/g, ' ');
  if (flat.length <= limit) return flat;
  const cut = flat.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  return `${(space > limit / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}
