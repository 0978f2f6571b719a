// The EPUB 3 writer: an anthology in, the bytes of a reproducible, EPUBCheck-clean book out.
import type { Anthology } from '../../story.ts';
import { OutputError } from '../../errors.ts';
import { planBook } from './book-plan.ts';
import { packageEpub } from './epub-package.ts';
import { loadTemplates } from './templates.ts';
import { storyToXhtmlBody } from './story-layout.ts';

export { storyToXhtmlBody, type StoryBodyOptions } from './story-layout.ts';
export { defaultEpubStylesheetUrl, readDefaultEpubStylesheet } from './templates.ts';

/** Same as `storyToXhtmlBody`; the name `ficbind fix --to html` imports. */
export const storyToXhtml = storyToXhtmlBody;

export interface EpubWriterOptions {
  /** The book's stylesheet, written as `style.css`. `readDefaultEpubStylesheet()` gives ficbind's own. */
  css: string;
  /** What made the book, recorded in the package metadata: `ficbind 0.1.0`. */
  generator: string;
  /** Heading of the table of contents. Default: `Contents`. */
  contentsTitle?: string;
}

/**
 * Writes the anthology as EPUB 3 (with an EPUB 2 NCX for old readers): a title page, each story in its own
 * file (one per chapter when it has several), a nested table of contents and landmarks. The same anthology,
 * `modified` date included, always gives the same bytes. The caller writes them to disk.
 */
export async function writeEpub(anthology: Anthology, options: EpubWriterOptions): Promise<Uint8Array> {
  checkWritable(anthology);
  const plan = planBook(anthology, { generator: options.generator, contentsTitle: options.contentsTitle ?? 'Contents' });
  const templates = await loadTemplates();
  return packageEpub(plan, { css: options.css, templates, modified: anthology.modified });
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
