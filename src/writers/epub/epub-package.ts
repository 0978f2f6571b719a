// Packs a planned book into EPUB bytes: documents written by ficbind's serializers, gathered by epub-gen-memory with its clock and randomness pinned down, zipped with native zlib.
import epubModule, { type Options } from 'epub-gen-memory';
import type { BookPlan } from './book-plan.ts';
import type { EpubResource } from './font-subset.ts';
import { accessibilityMetadata } from './accessibility.ts';
import { appleDisplayOptions, appleDisplayOptionsPath } from './apple-display-options.ts';
import { anonymousCreator, containerDocument, packageDocument } from './package-document.ts';
import { ncxDocument } from './ncx.ts';
import { navDocument } from './nav-document.ts';
import type { ArchiveEntry } from '../zip-archive.ts';
import { rememberSerializedXml, wellFormedXml, writeEpubEntries } from '../epub-entries.ts';
import type { Root as XmlRoot } from 'xast';
import { contentKey } from '../content-memo.ts';
import { kindleDocumentFacts, type DocumentFacts } from '../kindle/document-facts.ts';

export interface PackageOptions {
  css: string;
  /** The time every zip entry is stamped with. */
  modified: Date;
  /** Files beside the content documents (fonts, images); the plan's `resources` lists them in the manifest. */
  resources?: readonly EpubResource[];
}

/**
 * epub-gen-memory's `EPub`, as the packager only: it opens the archive with an uncompressed `mimetype` first, as
 * OCF requires, and zips. Every document is ficbind's, finished and well-formed before it is added: the library's
 * own step that renders EJS templates (which let characters XML forbids through) is replaced. Its identifier,
 * drawn from `Math.random()`, is replaced too, and every entry is stamped with the book's date, not the wall clock.
 */
class ReproducibleEpub extends epubModule.EPub {
  constructor(
    options: Options,
    private readonly plan: BookPlan,
    private readonly css: string,
  ) {
    super(options, []);
    this.uuid = plan.package.identifier;
  }

  /** The library's one step that writes documents, writing ours: stylesheet, content documents, container, OPF, NCX, nav. */
  protected override async generateTemplateFiles(): Promise<void> {
    const { plan } = this;
    this.put('OEBPS/style.css', this.css);
    for (const document of plan.documents) this.putDocument(`OEBPS/${document.filename}`, document);
    this.put('META-INF/container.xml', containerDocument());
    this.put('OEBPS/content.opf', packageDocument(plan.package, plan.documents, accessibilityMetadata(plan)));
    this.put('OEBPS/toc.ncx', ncxDocument(plan.package));
    this.putDocument('OEBPS/toc.xhtml', navDocument(plan.package));
  }

  /**
   * A content document, with what its tree said of it: the checks that follow take its Kindle facts, and its being
   * well-formed (the serializer escapes all text and checks every name), instead of parsing it back.
   */
  private putDocument(path: string, document: { xhtml: string; facts?: DocumentFacts; tree?: XmlRoot }): void {
    const bytes = this.put(path, document.xhtml);
    // The tree a parser would read from these bytes, for the KEPUB made from them next.
    if (document.tree) rememberSerializedXml(bytes, document.tree);
    if (!document.facts) return;
    const key = contentKey(bytes);
    kindleDocumentFacts.set(key, document.facts);
    wellFormedXml.set(key, true);
  }

  /** Adds a file under `OEBPS/`, beside the package document. */
  addFile(href: string, bytes: Uint8Array): void {
    this.put(`OEBPS/${href}`, bytes);
  }

  /** Adds a file at a path from the archive's root (`META-INF/…`). */
  addRootFile(path: string, text: string): void {
    this.put(path, text);
  }

  /**
   * Our files' bytes by path. The library's archive keeps their order (its own `mimetype` first), but reading
   * each one back out of JSZip, through its stream machinery, took longer than making the documents.
   */
  private readonly written = new Map<string, Uint8Array>();

  private put(path: string, data: string | Uint8Array): Uint8Array {
    const bytes = typeof data === 'string' ? utf8.encode(data) : data;
    this.written.set(path, bytes);
    this.zip.file(path, bytes, { binary: true });
    return bytes;
  }

  /** The files gathered, in the order they were added (`mimetype` first), folders left out. */
  async entries(): Promise<ArchiveEntry[]> {
    const files = Object.values(this.zip.files).filter((file) => !file.dir);
    return Promise.all(files.map(async (file) => ({ name: file.name, bytes: this.written.get(file.name) ?? (await file.async('uint8array')) })));
  }
}

const utf8 = new TextEncoder();

export async function packageEpub(plan: BookPlan, options: PackageOptions): Promise<Uint8Array> {
  const book = plan.package;
  // Only the packaging is the library's; these options are what it checks, with no fonts or images to fetch.
  const libraryOptions: Options = {
    title: book.title,
    author: book.editors.length > 0 ? book.editors.map((editor) => editor.name) : [anonymousCreator],
    lang: book.language,
    // Only our documents print dates; this keeps the library's own default (the wall clock) out of its options.
    date: options.modified.toISOString(),
    version: 3,
    fonts: [],
    verbose: false,
  };
  const epub = new ReproducibleEpub(libraryOptions, plan, options.css);
  await epub.render();
  for (const resource of options.resources ?? []) epub.addFile(resource.href, resource.bytes);
  epub.addRootFile(appleDisplayOptionsPath, appleDisplayOptions);
  // The library's own zipping deflates in JavaScript (JSZip and pako); its entries are zipped natively instead.
  return writeEpubEntries(await epub.entries(), options.modified);
}

