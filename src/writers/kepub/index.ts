// The KEPUB writer: what kepubify does, in TypeScript — a finished EPUB in, the same book marked up for Kobo's reader out.
import { InputError, OutputError } from '../../errors.ts';
import {
  BrokenEpub,
  isContentDocument,
  parsedXmlEntry,
  readEpubEntries,
  readPackageDocument,
  rememberSerializedXml,
  writeEpubEntries,
  type EpubEntry,
} from '../epub-entries.ts';
import { parseXml, XmlSyntaxError, type Root } from '../../xml.ts';
import { serializeXml } from '../xml-document.ts';
import { koboDocument, markCoverImage } from './kobo-document.ts';

export { koboStyle } from './kobo-document.ts';

/** File name ending of a Kobo book: Kobo's reader opens only these with its own renderer. */
export const kepubExtension = '.kepub.epub';

export interface KepubOptions {
  /** The EPUB's path, when it is a user's file: problems with it are then input errors naming it. Default: ficbind's own EPUB. */
  file?: string;
  /** Receives what could not be converted (a document that is not well-formed XML is kept as it was). Default: ignored. */
  onWarning?: (message: string) => void;
}

/**
 * Converts EPUB bytes to KEPUB bytes: every content document gets Kobo's sentence spans, the
 * `div#book-columns > div#book-inner` frame and Kobo's style block; the package marks the cover `cover-image`.
 * Everything else is copied as it is. The zip entries carry the book's `dcterms:modified` date, so the same EPUB
 * always gives the same KEPUB. A KEPUB given as input comes back unchanged in content.
 */
export async function kepubify(epub: Uint8Array, options: KepubOptions = {}): Promise<Uint8Array> {
  try {
    return await convert(epub, options);
  } catch (error) {
    if (!(error instanceof BrokenEpub)) throw error;
    if (options.file) throw new InputError(`cannot make a KEPUB of this EPUB: ${error.message}`, { file: options.file }, { cause: error });
    throw new OutputError(`Cannot make the KEPUB: the EPUB ${error.message} (this is a bug in the EPUB writer).`, undefined, { cause: error });
  }
}

async function convert(epub: Uint8Array, options: KepubOptions): Promise<Uint8Array> {
  const entries = await readEpubEntries(epub);
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const book = readPackageDocument(entries);
  const replaced = new Map<string, Root>();

  for (const item of book.manifest.filter(isContentDocument)) {
    const entry = byName.get(item.path);
    if (entry === undefined) continue;
    try {
      // The parse the EPUB's own checks share: Kobo's version is a new tree beside it.
      const kobo = koboDocument(documentTree(entry), book.language ?? 'en');
      if (kobo) replaced.set(item.path, kobo);
    } catch (error) {
      if (!(error instanceof XmlSyntaxError)) throw error;
      options.onWarning?.(`${item.path}: not well-formed XHTML (${error.message}); copied into the KEPUB without Kobo's spans`);
    }
  }
  const opf = markCoverImage(book.tree, book.version);
  if (opf) replaced.set(book.path, opf);

  const encoder = new TextEncoder();
  const output: EpubEntry[] = entries.map((entry) => {
    const tree = replaced.get(entry.name);
    if (tree === undefined) return entry;
    const bytes = encoder.encode(serializeXml(tree, { html: entry.name !== book.path }));
    rememberSerializedXml(bytes, tree);
    return { name: entry.name, bytes };
  });
  return writeEpubEntries(output, book.modified ?? new Date(0));
}

/** The entry's XML tree: parsed once for the checks too, or, when its bytes are not UTF-8 (a user's EPUB), decoded leniently. */
function documentTree(entry: EpubEntry): Root {
  try {
    return parsedXmlEntry(entry);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return parseXml(new TextDecoder().decode(entry.bytes));
  }
}
