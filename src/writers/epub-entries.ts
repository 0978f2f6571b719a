// A finished EPUB's files and package document, read for the steps that work on whole books (KEPUB, Kindle checks), and zipped back.
import { ContentMemo, contentKey } from './content-memo.ts';
import { posix } from 'node:path';
import { zipArchive } from './zip-archive.ts';
import { ZipReader, ZipReadError } from '../zip-reader.ts';
import { attribute, elementsNamed, parseXml, textContent, XmlSyntaxError, type Root } from '../xml.ts';

/** Largest book the transforms unpack: far beyond any anthology, small enough to refuse a zip bomb. */
const maxUnpackedBytes = 1024 * 1024 * 1024;

export interface EpubEntry {
  /** Path inside the archive (`OEBPS/story-01.xhtml`). */
  name: string;
  bytes: Uint8Array;
}

/** A book that is not a readable EPUB; `message` says what is wrong with it. */
export class BrokenEpub extends Error {}

/**
 * The entries of each EPUB this process zipped, by its bytes: the checks and the KEPUB that follow a build read the
 * book from the writer's own entries instead of unzipping what was just zipped.
 */
const zippedHere = new WeakMap<Uint8Array, readonly EpubEntry[]>();

/** The files of an EPUB in archive order (folder entries left out). */
export async function readEpubEntries(epub: Uint8Array): Promise<EpubEntry[]> {
  const known = zippedHere.get(epub);
  if (known) return known.map((entry) => ({ ...entry }));
  let zip: ZipReader;
  try {
    zip = await ZipReader.open(epub);
  } catch (error) {
    throw new BrokenEpub(`it is not a zip archive (${(error as Error).message})`);
  }
  const declared = zip.entries.reduce((sum, entry) => sum + entry.size, 0);
  if (declared > maxUnpackedBytes) throw new BrokenEpub(`it unpacks to more than ${maxUnpackedBytes / 1024 / 1024} MB`);
  const entries: EpubEntry[] = [];
  try {
    for (const { name } of zip.entries) entries.push({ name, bytes: (await zip.read(name))! });
  } catch (error) {
    if (error instanceof ZipReadError) throw new BrokenEpub(`it has a damaged entry (${error.message})`);
    throw error;
  }
  return entries;
}

/**
 * Zips entries as an EPUB: `mimetype` first and stored, pictures stored, every other entry deflated, in the given order, all
 * stamped with `date`, no folder entries. The same entries and date always give the same bytes.
 */
export async function writeEpubEntries(entries: readonly EpubEntry[], date: Date): Promise<Uint8Array> {
  const epub = await zipArchive(entries, date);
  const mimetype = { name: 'mimetype', bytes: new TextEncoder().encode('application/epub+zip') };
  zippedHere.set(epub, [mimetype, ...entries.filter((entry) => entry.name !== 'mimetype')]);
  return epub;
}

export interface ManifestItem {
  id: string;
  /** Path inside the archive. */
  path: string;
  mediaType: string;
  properties: string[];
}

export interface PackageDocument {
  /** Path of the OPF inside the archive. */
  path: string;
  /** Its parse, shared by every step that reads the book: only read it. */
  tree: Root;
  /** `3.0`, `2.0`… */
  version: string;
  manifest: ManifestItem[];
  /** Reading order, as manifest items (unknown idrefs left out). */
  spine: ManifestItem[];
  /** The first `dc:language`, trimmed; undefined when there is none. */
  language?: string;
  /** `dcterms:modified` (EPUB 3) when it is a valid date. */
  modified?: Date;
}

/** Each XML entry's parse, by its bytes: the package check and the Kindle check read a book's documents once between them. */
const parsed = new WeakMap<Uint8Array, { tree: Root } | { error: unknown }>();

/**
 * Parses by content, kept across the builds of one process (`ficbind watch`, the studio) so that a rebuild parses
 * only the documents that changed; the least recently used go first once the documents parsed pass a size.
 */
const recentParses = new Map<string, { tree: Root; bytes: number }>();
let recentParseBytes = 0;
const recentParseLimit = 8 * 1024 * 1024;

/**
 * XML entries found well-formed UTF-8 before, by content: kept in the build cache, so that a rebuild's package check
 * parses only the documents that changed.
 */
export const wellFormedXml = new ContentMemo<true>(1_000_000, () => 1);

/**
 * Throws as `parsedXmlEntry` does when the entry is not well-formed UTF-8 XML, parsing it only when its bytes were
 * never found well-formed before.
 */
export function assertWellFormedXml(entry: EpubEntry): void {
  const key = contentKey(entry.bytes);
  if (wellFormedXml.get(key)) return;
  parsedXmlEntry(entry);
  wellFormedXml.set(key, true);
}

/**
 * An entry parsed as XML, once however many checks ask; the tree is shared, so callers only read it. Throws
 * `TypeError` when the bytes are not UTF-8 and `XmlSyntaxError` when the text is not well-formed.
 */
export function parsedXmlEntry(entry: EpubEntry): Root {
  let outcome = parsed.get(entry.bytes);
  if (!outcome) {
    outcome = parsedByContent(entry.bytes);
    parsed.set(entry.bytes, outcome);
  }
  if ('error' in outcome) throw outcome.error;
  return outcome.tree;
}

function parsedByContent(bytes: Uint8Array): { tree: Root } | { error: unknown } {
  const key = contentKey(bytes);
  const recent = recentParses.get(key);
  if (recent) {
    recentParses.delete(key);
    recentParses.set(key, recent);
    return { tree: recent.tree };
  }
  let tree: Root;
  try {
    tree = parseXml(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return { error };
  }
  if (bytes.byteLength <= recentParseLimit) {
    recentParses.set(key, { tree, bytes: bytes.byteLength });
    recentParseBytes += bytes.byteLength;
    for (const [oldest, { bytes: size }] of recentParses) {
      if (recentParseBytes <= recentParseLimit) break;
      recentParses.delete(oldest);
      recentParseBytes -= size;
    }
  }
  return { tree };
}

/**
 * Records `tree` as the parse of `bytes`, which this process serialized from it (output well-formed by
 * construction: text escaped, characters XML forbids dropped, names checked): the steps that follow take the tree
 * instead of parsing the text back. The cases: the KEPUB's documents, written by `serializeXml` from changed copies
 * of the EPUB's, and the EPUB's own, whose trees `xhtmlTree` makes beside them when a KEPUB follows.
 */
export function rememberSerializedXml(bytes: Uint8Array, tree: Root): void {
  parsed.set(bytes, { tree });
}

/** Text of an entry, or undefined when the archive has none by that name. */
export function entryText(entries: readonly EpubEntry[], name: string): string | undefined {
  const entry = entries.find((candidate) => candidate.name === name);
  return entry ? new TextDecoder().decode(entry.bytes) : undefined;
}

/** Reads `META-INF/container.xml` and the package document it names. */
export function readPackageDocument(entries: readonly EpubEntry[]): PackageDocument {
  const container = parseEntry(entries, 'META-INF/container.xml');
  const rootfile = elementsNamed(container, 'rootfile').find((element) => attribute(element, 'full-path'));
  const path = rootfile && attribute(rootfile, 'full-path');
  if (!path) throw new BrokenEpub('META-INF/container.xml names no package document');
  const tree = parseEntry(entries, path);
  const packageElement = elementsNamed(tree, 'package')[0];
  if (!packageElement) throw new BrokenEpub(`${path} has no <package> element`);

  const manifest = elementsNamed(tree, 'item').flatMap((item): ManifestItem[] => {
    const id = attribute(item, 'id');
    const href = attribute(item, 'href');
    const itemPath = href === undefined ? undefined : resolveHref(path, href);
    if (!id || !itemPath) return [];
    return [{ id, path: itemPath, mediaType: attribute(item, 'media-type') ?? '', properties: (attribute(item, 'properties') ?? '').split(/\s+/).filter(Boolean) }];
  });
  const byId = new Map(manifest.map((item) => [item.id, item]));
  const spine = elementsNamed(tree, 'itemref').flatMap((itemref) => byId.get(attribute(itemref, 'idref') ?? '') ?? []);
  const language = elementsNamed(tree, 'language').map((element) => textContent(element).trim())[0];
  const modifiedMeta = elementsNamed(tree, 'meta').find((meta) => attribute(meta, 'property') === 'dcterms:modified');
  const modified = modifiedMeta ? new Date(textContent(modifiedMeta).trim()) : undefined;
  return {
    path,
    tree,
    version: attribute(packageElement, 'version') ?? '',
    manifest,
    spine,
    language: language || undefined,
    modified: modified && !Number.isNaN(modified.getTime()) ? modified : undefined,
  };
}

/**
 * Parses an XML entry, naming it in the error when it is missing or malformed. The tree is the shared parse
 * (`parsedXmlEntry`): only read it. An entry that is not UTF-8 (a user's EPUB) is read leniently, as its text.
 */
export function parseEntry(entries: readonly EpubEntry[], name: string): Root {
  const entry = entries.find((candidate) => candidate.name === name);
  if (entry === undefined) throw new BrokenEpub(`it has no ${name}`);
  try {
    try {
      return parsedXmlEntry(entry);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      return parseXml(new TextDecoder().decode(entry.bytes));
    }
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw new BrokenEpub(`${name} is not well-formed XML: ${error.message}`);
    throw error;
  }
}

/** The archive path an `href` in `fromPath` points at (fragment and query dropped, escapes decoded), or undefined when it leaves the book. */
export function resolveHref(fromPath: string, href: string): string | undefined {
  if (/^[a-z][a-z\d+.-]*:/i.test(href) || href.startsWith('/')) return undefined;
  const bare = href.replace(/[#?].*$/, '');
  if (bare === '') return fromPath;
  let decoded = bare;
  try {
    decoded = decodeURIComponent(bare);
  } catch {
    // Not valid percent-encoding: take it as written.
  }
  const joined = posix.normalize(posix.join(posix.dirname(fromPath), decoded));
  return joined.startsWith('../') || joined === '..' ? undefined : joined;
}

/** Whether a manifest item is an XHTML or HTML content document. */
export function isContentDocument(item: ManifestItem): boolean {
  return item.mediaType === 'application/xhtml+xml' || item.mediaType === 'text/html';
}
