// Packs a planned book into EPUB bytes with epub-gen-memory, with its clock and randomness pinned down.
import epubModule, { type Chapter, type Options } from 'epub-gen-memory';
import type { BookDocument, BookPlan } from './book-plan.ts';
import type { EpubTemplates } from './templates.ts';

/** The oldest time a zip entry can record (MS-DOS dates start in 1980). */
const earliestZipTime = Date.UTC(1980, 0, 1);

export interface PackageOptions {
  css: string;
  templates: EpubTemplates;
  /** The time every zip entry is stamped with. */
  modified: Date;
}

/**
 * epub-gen-memory's `EPub`, made reproducible: it draws its identifier from `Math.random()` and JSZip stamps
 * every entry with the wall clock. Our templates print the plan's identifier, but `uuid` is replaced too so
 * that nothing the library renders can differ between builds.
 */
class ReproducibleEpub extends epubModule.EPub {
  constructor(options: Options, chapters: Chapter[], identifier: string) {
    super(options, chapters);
    this.uuid = identifier;
  }

  stampEntries(date: Date): void {
    for (const entry of Object.values(this.zip.files)) entry.date = date;
  }
}

export async function packageEpub(plan: BookPlan, options: PackageOptions): Promise<Uint8Array> {
  const book = plan.package;
  const libraryOptions: Options & { book: typeof book } = {
    title: book.title,
    author: book.editors.map((editor) => editor.name),
    lang: book.language,
    // Only our templates print dates; this keeps the library's own default (the wall clock) out of its options.
    date: options.modified.toISOString(),
    tocTitle: book.contentsTitle,
    css: options.css,
    ...options.templates,
    version: 3,
    fonts: [],
    verbose: false,
    book,
  };
  const epub = new ReproducibleEpub(libraryOptions, plan.documents.map(toLibraryChapter), book.identifier);
  await epub.render();
  epub.stampEntries(new Date(Math.max(options.modified.getTime(), earliestZipTime)));
  // `mimetype` was added first and with STORE by the library's constructor; per-file options win over these.
  return epub.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
  });
}

/**
 * The library runs a chapter's `content` through htmlparser2 and dom-serializer, which turns every non-ASCII
 * character into a numeric reference and drops attributes it does not know (such as `role`). So `content`
 * stays empty and the serialized body travels in `xhtmlBody`, which our chapter template prints unescaped.
 */
function toLibraryChapter(document: BookDocument): Chapter & BookDocument {
  return { ...document, content: '', excludeFromToc: false };
}
