// The EPUB 3 writer: an anthology in, the bytes of a reproducible, EPUBCheck-clean book out.
import type { Anthology } from '../../story.ts';
import { OutputError } from '../../errors.ts';
import { planBook, type BookPlan, type BookPlanOptions, type NavPoint } from './book-plan.ts';
import { packageEpub } from './epub-package.ts';
import { loadStructureCss } from './templates.ts';
import { embedFonts, type EpubFont, type EpubResource } from './font-subset.ts';
import type { CacheFolder } from '../../cache/cache-folder.ts';
import { addCoverPage, coverAlt, coverResources } from './cover-slot.ts';
import { colophonLines } from '../colophon.ts';
import { bookLabels } from '../../labels/index.ts';

export { storyToXhtmlBody, type StoryBodyOptions } from './story-layout.ts';
export type { EpubFont, EpubResource } from './font-subset.ts';

/** The writer's options; `generator`, `ornament` and `storyClasses` are as in the book plan. */
export interface EpubWriterOptions extends Pick<BookPlanOptions, 'generator' | 'ornament' | 'ornamentImage' | 'storyClasses' | 'dropCap' | 'layouts' | 'xmlTrees'> {
  /** The book's stylesheet, written as `style.css` (a theme's `epub.css`). */
  css: string;
  /** Heading of the table of contents. Default: the `contents` label in the book's language. */
  contentsTitle?: string;
  /**
   * Fonts to embed, subset to the characters the book uses; their `@font-face` rules go before `css`, which
   * names the families. Default: none (the reader's fonts).
   */
  fonts?: readonly EpubFont[];
  /** Files the stylesheet refers to (`images/ornament.svg`), at their path relative to `style.css`. */
  resources?: readonly EpubResource[];
  /** A JPEG for the cover, or one still being rendered (awaited after the fonts are subset). Default: no cover. */
  cover?: Uint8Array | Promise<Uint8Array>;
  /** Where fonts subset for the same characters before are found, and these kept. Default: none. */
  cache?: CacheFolder;
}

/**
 * Writes the anthology as EPUB 3 (with an EPUB 2 NCX for old readers): a title page, each story in its own
 * file (one per chapter when it has several), a nested table of contents and landmarks. Pictures the stories
 * embed (image nodes carrying `data.asset`) are stored once each under `images/`. The same anthology,
 * `modified` date included, always gives the same bytes. The caller writes them to disk.
 */
export async function writeEpub(anthology: Anthology, options: EpubWriterOptions): Promise<Uint8Array> {
  checkWritable(anthology);
  const fonts = options.fonts ?? [];
  const labels = bookLabels(anthology.meta.language, anthology.meta.labels);
  const colophon = colophonLines({ generator: options.generator, modified: anthology.modified, fonts, labels });
  const plan = planBook(anthology, {
    generator: options.generator,
    contentsTitle: options.contentsTitle,
    ornament: options.ornament,
    ornamentImage: options.ornamentImage,
    colophon,
    storyClasses: options.storyClasses,
    layouts: options.layouts,
    dropCap: options.dropCap,
    xmlTrees: options.xmlTrees,
  });
  const coverText = options.cover ? `\n${coverAlt(anthology.meta)}` : '';
  const embedded = await embedFonts(fonts, bookText(plan) + coverText, options.cache);
  const cover = await options.cover;
  const coverItems = coverResources(cover);
  if (cover) addCoverPage(plan, anthology.meta, cover);
  const resources = [...coverItems, ...embedded.resources, ...(options.resources ?? []), ...plan.images.resources()];
  checkResources(resources);
  plan.package.resources = resources.map((resource, index) => ({
    id: `res-${index + 1}`,
    href: resource.href,
    mediaType: resource.mediaType,
    properties: resource.properties,
  }));
  const structureCss = await loadStructureCss();
  return packageEpub(plan, { css: structureCss + '\n' + embedded.css + options.css, modified: anthology.modified, resources });
}

/** Every character the book's documents and navigation can show, for font subsetting (markup included: it is ASCII). */
function bookText(plan: BookPlan): string {
  const { package: book } = plan;
  const navTitles = (points: NavPoint[]): string[] => points.flatMap((point) => [point.title, point.byline ?? '', ...navTitles(point.children)]);
  return [
    ...plan.documents.flatMap((document) => [document.title, document.xhtml]),
    book.title,
    book.contentsTitle,
    book.landmarksTitle,
    ...navTitles(book.nav),
    ...book.landmarks.map((landmark) => landmark.title),
  ].join('\n');
}

/** Two files at one path, or a path outside the book, would make a broken package. */
function checkResources(resources: readonly EpubResource[]): void {
  const seen = new Set<string>();
  for (const { href } of resources) {
    if (!/^[A-Za-z0-9_-][A-Za-z0-9_./-]*$/.test(href) || href.split('/').includes('..')) {
      throw new OutputError(`Cannot add "${href}" to the EPUB: expected a relative path of letters, digits, '-', '_', '.' and '/'.`);
    }
    if (seen.has(href) || ['style.css', 'content.opf', 'toc.ncx', 'toc.xhtml'].includes(href)) {
      throw new OutputError(`Cannot add "${href}" to the EPUB twice: rename one of the theme's files.`);
    }
    seen.add(href);
  }
}

function checkWritable(anthology: Anthology): void {
  if (anthology.stories.length === 0) {
    throw new OutputError('Cannot write an EPUB without stories: add at least one story to the anthology.');
  }
  if (Number.isNaN(anthology.modified.getTime())) {
    throw new OutputError('Cannot date the EPUB: the modification time is not a valid date (check SOURCE_DATE_EPOCH).');
  }
  if (!anthology.meta.title.trim()) {
    throw new OutputError('Cannot write an EPUB without a title: give the anthology a title.');
  }
}
