// Gathers everything the PDF template shows into one JSON document: book metadata, page, fonts, stories, colophon.
import type { Anthology, Story, StoryMeta } from '../../story.ts';
import { storyBlocks, type Block, type Inline } from './story-data.ts';
import { pageSizes, type PageSize } from './page-sizes.ts';
import { colophonLines } from '../colophon.ts';
import { storyDetails } from '../story-details.ts';
import { bookLabels, type BookLabels } from '../../labels/index.ts';
import { takesDropCap } from '../drop-cap.ts';


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
  /** `1,234 words`, when the word count is the story's only detail: a quiet line, not a one-row list. */
  length: string | null;
  summary: string[];
  blocks: Block[];
  /** Whether the story's opening paragraph is one a drop cap suits (`takesDropCap`), as in the EPUB. */
  dropCap: boolean;
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
  /** Words the template prints itself, in the book's language. */
  labels: { contents: string; note: string; disclaimer: string; coverAlt: string };
  stories: StoryData[];
  colophon: string[];
}

export function bookData(anthology: Anthology, options: BookDataOptions): BookData {
  const { meta, modified } = anthology;
  const labels = bookLabels(meta.language, meta.labels);
  const size = pageSizes[options.pageSize];
  return {
    title: meta.title.trim(),
    subtitle: meta.subtitle?.trim() || null,
    editorLine: meta.editors.length > 0 ? labels.text('edited-by', { names: labels.names(meta.editors) }) : null,
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
    labels: { contents: labels.text('contents'), note: labels.text('authors-note'), disclaimer: labels.text('disclaimer'), coverAlt: labels.text('cover-alt', { title: meta.title.trim() }) },
    stories: anthology.stories.map((story, index) => storyData(story, index + 1, meta.language, labels)),
    colophon: colophonLines({ generator: options.generator, typesetter: 'Typst', modified, fonts: options.fonts, labels }),
  };
}

function storyData(story: Story, number: number, bookLanguage: string, labels: BookLabels): StoryData {
  const title = story.meta.title.trim() || labels.text('untitled-story', { number });
  const blocks = storyBlocks(story, labels);
  return {
    title,
    runningTitle: shorten(title),
    byline: story.meta.authors.length > 0 ? labels.text('by', { names: labels.names(story.meta.authors) }) : null,
    language: typstLanguage(story.meta.language ?? bookLanguage),
    ...detailsOrLength(story.meta, labels),
    summary: paragraphsOf(story.meta.summary ?? ''),
    blocks,
    dropCap: openingTakesDropCap(blocks),
  };
}

/** The story's first paragraph, judged by the rule the EPUB writer uses too. */
function openingTakesDropCap(blocks: readonly Block[]): boolean {
  const first = blocks.find((block): block is Extract<Block, { t: 'p' }> => block.t === 'p');
  if (!first) return false;
  const leading = first.c[0];
  return takesDropCap({ leadingText: typeof leading === 'string' ? leading : undefined, text: strings(first.c).join('') });
}

/** The text of inline runs, link addresses and pictures left out. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => (['url', 'src', 'alt', 't'].includes(key) ? [] : strings(item)));
  return [];
}

/** The opener's list, or the word count alone as a line when it is all the story has (as the EPUB does). */
function detailsOrLength(meta: StoryMeta, labels: BookLabels): Pick<StoryData, 'details' | 'length'> {
  const details = storyDetailList(meta, labels);
  const words = storyDetails(meta, labels);
  if (details.length === 1 && words.length === 1 && words[0].key === 'words' && !meta.summary?.trim()) {
    return { details: [], length: labels.text('word-count', { count: words[0].value }) };
  }
  return { details, length: null };
}

/** The opener's list: the metadata a story has, labelled as in the EPUB. */
function storyDetailList(meta: StoryMeta, labels: BookLabels): StoryData['details'] {
  const details: StoryData['details'] = storyDetails(meta, labels).map(({ label, value }) => ({ label, value: [value] }));
  const source = meta.source?.trim();
  if (source) details.push({ label: labels.text('source'), value: /^https?:\/\/\S+$/i.test(source) ? [{ t: 'link', url: source, c: [source] }] : [source] });
  return details;
}

/** `en-GB` → lang `en`, region `GB`; Typst wants a bare ISO 639 code, so anything else falls back to `en`. */
export function typstLanguage(tag: string): TypstLanguage {
  const [language = '', ...rest] = tag.split('-');
  const lang = /^[a-z]{2,3}$/i.test(language) ? language.toLowerCase() : 'en';
  const region = rest.find((part) => /^[a-z]{2}$/i.test(part))?.toUpperCase() ?? null;
  return { lang, region };
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
