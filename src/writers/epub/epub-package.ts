// Packs a planned book into EPUB bytes with epub-gen-memory, with its clock and randomness pinned down.
import epubModule, { type Chapter, type Options } from 'epub-gen-memory';
import type { BookDocument, BookPlan } from './book-plan.ts';
import type { EpubTemplates } from './templates.ts';
import type { EpubResource } from './font-subset.ts';
import { accessibilityMetadata, type AccessibilityMeta } from './accessibility.ts';
import { appleDisplayOptions, appleDisplayOptionsPath } from './apple-display-options.ts';

/** The oldest time a zip entry can record (MS-DOS dates start in 1980). */
const earliestZipTime = Date.UTC(1980, 0, 1);

export interface PackageOptions {
  css: string;
  templates: EpubTemplates;
  /** The time every zip entry is stamped with. */
  modified: Date;
  /** Files beside the content documents (fonts, images); the plan's `resources` lists them in the manifest. */
  resources?: readonly EpubResource[];
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

  /** Adds a file under `OEBPS/`, beside the package document; pictures and WOFF fonts, compressed already, are stored as they are. */
  addFile(href: string, bytes: Uint8Array): void {
    this.zip.folder('OEBPS')!.file(href, bytes, { binary: true, compression: isCompressedAlready(href) ? 'STORE' : 'DEFLATE' });
  }

  /** Adds a file at a path from the archive's root (`META-INF/…`). */
  addRootFile(path: string, text: string): void {
    this.zip.file(path, text);
  }

  stampEntries(date: Date): void {
    for (const entry of Object.values(this.zip.files)) entry.date = date;
  }
}

export async function packageEpub(plan: BookPlan, options: PackageOptions): Promise<Uint8Array> {
  const book = plan.package;
  const libraryOptions: Options & { book: typeof book; accessibility: AccessibilityMeta[] } = {
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
    // The OPF template prints these as `schema:` metadata (EPUB Accessibility 1.1).
    accessibility: accessibilityMetadata(plan),
  };
  const epub = new ReproducibleEpub(libraryOptions, plan.documents.map(toLibraryChapter), book.identifier);
  await epub.render();
  for (const resource of options.resources ?? []) epub.addFile(resource.href, resource.bytes);
  epub.addRootFile(appleDisplayOptionsPath, appleDisplayOptions);
  epub.stampEntries(new Date(Math.max(options.modified.getTime(), earliestZipTime)));
  // `mimetype` was added first and with STORE by the library's constructor; per-file options win over these.
  return epub.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    // Level 6 (zlib's default) deflates text within a percent of level 9 in a fraction of the time.
    compressionOptions: { level: 6 },
  });
}

/** JPEG, PNG, GIF and WOFF files gain nothing from deflating a second time. */
export function isCompressedAlready(path: string): boolean {
  return /\.(jpe?g|png|gif|woff2?)$/i.test(path);
}

/**
 * The library runs a chapter's `content` through htmlparser2 and dom-serializer, which turns every non-ASCII
 * character into a numeric reference and drops attributes it does not know (such as `role`). So `content`
 * stays empty and the serialized body travels in `xhtmlBody`, which our chapter template prints unescaped.
 */
function toLibraryChapter(document: BookDocument): Chapter & BookDocument {
  return { ...document, content: '', excludeFromToc: false };
}
