// Opens an EPUB for reading: the zip (with size limits), its package document's metadata and spine, and its table of contents.
import { ZipReader, ZipReadError } from '../zip-reader.ts';
import { decodeUriPart, elementsNamed, localName, parseXml, textContent, tryParseXml, type Element as XmlElement, type Root as XmlRoot } from '../xml.ts';
import { InputError } from '../errors.ts';
import { decodeStoryBytes, UndecodableText } from './decode.ts';
import { resolveArchivePath } from './html-images.ts';

/** Limits on what one EPUB may make the reader decompress: no document or book larger than this. */
/** The most a book may unpack to (documents and pictures); the largest EPUB file read is src/input-files.ts's. */
const maxBookBytes = 512 * 1024 * 1024;
/** The largest single document, and all of a book's text together: a book's worth of words, not a memory exhaustion. */
const maxDocumentBytes = 16 * 1024 * 1024;
export const maxBookTextBytes = 64 * 1024 * 1024;

export interface ManifestItem {
  id: string;
  /** Path inside the archive. */
  path: string;
  mediaType: string;
  properties: string[];
}

export interface EpubMetadata {
  titles: string[];
  /** Creators with their MARC relator role when the package gives one (`aut`, `edt`…). */
  creators: { name: string; role?: string; element: 'creator' | 'contributor' }[];
  language?: string;
  description?: string;
  source?: string;
  subjects: string[];
  generator?: string;
  series?: { name: string; position?: number };
}

export interface EpubPackage {
  metadata: EpubMetadata;
  manifest: ManifestItem[];
  /** Reading order: content documents, the non-linear ones left out. */
  spine: ManifestItem[];
  /** Document path → the first table-of-contents label pointing at it. */
  labels: Map<string, string>;
  /** Documents the book's own navigation calls a cover, title page or table of contents. */
  generatedPages: Set<string>;
}

/** The zip, read lazily; every entry read through it counts against the book's limit. */
export class EpubArchive {
  private readBytes = 0;
  private textBytes = 0;

  private constructor(private readonly zip: ZipReader, readonly path: string) {}

  static async open(bytes: Uint8Array, path: string): Promise<EpubArchive> {
    try {
      return new EpubArchive(await ZipReader.open(bytes), path);
    } catch (error) {
      throw new InputError('this is not an EPUB (it is not a zip archive); re-download or re-export the book', { file: path }, { cause: error });
    }
  }

  has(name: string): boolean {
    return this.zip.has(name);
  }

  /** An entry's bytes, or undefined when it is missing or larger than `limit`. */
  async bytes(name: string, limit = maxDocumentBytes): Promise<Uint8Array | undefined> {
    const declared = this.zip.sizeOf(name);
    // The size comes from the zip's directory; yauzl stops an entry that inflates past it.
    if (declared === undefined || declared > limit) return undefined;
    let bytes: Uint8Array;
    try {
      bytes = (await this.zip.read(name))!;
    } catch (error) {
      if (error instanceof ZipReadError) throw new InputError(`this EPUB is damaged (${error.message}); re-download or re-export the book`, { file: this.path }, { cause: error });
      throw error;
    }
    this.readBytes += bytes.byteLength;
    if (this.readBytes > maxBookBytes) throw new InputError(`this EPUB unpacks to more than ${maxBookBytes / 1024 / 1024} MB; it is not read`, { file: this.path });
    return bytes.byteLength > limit ? undefined : bytes;
  }

  /** A document's text, or undefined when the book lacks it; a document over the limits is an error, never dropped. */
  async text(name: string): Promise<string | undefined> {
    if (!this.has(name)) return undefined;
    const bytes = await this.bytes(name);
    if (bytes === undefined) throw new InputError(`this EPUB's ${name} is over ${maxDocumentBytes / 1024 / 1024} MB, the limit for one document; it is not read`, { file: this.path });
    this.textBytes += bytes.byteLength;
    if (this.textBytes > maxBookTextBytes) throw new InputError(`this EPUB's documents hold more than ${maxBookTextBytes / 1024 / 1024} MB of text, the limit for one book; it is not read`, { file: this.path });
    try {
      return decodeStoryBytes(bytes).text.replace(/\r\n?/g, '\n');
    } catch (error) {
      if (error instanceof UndecodableText) throw new InputError(`this EPUB's ${name}: ${error.message}`, { file: this.path });
      throw error;
    }
  }

  async xml(name: string): Promise<XmlRoot> {
    const text = await this.text(name);
    if (text === undefined) throw new InputError(`this EPUB has no ${name}; it is damaged`, { file: this.path });
    try {
      return parseXml(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new InputError(`this EPUB's ${name} is not well-formed XML (${reason}); it is damaged`, { file: this.path }, { cause: error });
    }
  }
}

export async function readEpubPackage(archive: EpubArchive): Promise<EpubPackage> {
  const container = await archive.xml('META-INF/container.xml');
  const rootfile = elements(container, 'rootfile').find((element) => /oebps-package/.test(element.attributes['media-type'] ?? '')) ?? elements(container, 'rootfile')[0];
  const opfPath = rootfile?.attributes['full-path'];
  if (!opfPath) throw new InputError('this EPUB names no package document in META-INF/container.xml; it is damaged', { file: archive.path });
  const opf = await archive.xml(opfPath);

  const manifest: ManifestItem[] = elements(opf, 'item').flatMap((item) => {
    const path = item.attributes.href ? resolveArchivePath(opfPath, decodeUriPart(item.attributes.href)) : undefined;
    if (!path || !item.attributes.id) return [];
    return [{ id: item.attributes.id, path, mediaType: item.attributes['media-type'] ?? '', properties: (item.attributes.properties ?? '').split(/\s+/).filter(Boolean) }];
  });
  const byId = new Map(manifest.map((item) => [item.id, item]));
  const spine = elements(opf, 'itemref')
    .filter((itemref) => itemref.attributes.linear !== 'no')
    .map((itemref) => byId.get(itemref.attributes.idref ?? ''))
    .filter((item): item is ManifestItem => item !== undefined && /html/.test(item.mediaType));

  if (spine.length === 0) {
    throw new InputError("this EPUB's spine lists no XHTML document, so it holds no story to read; it is damaged", { file: archive.path });
  }

  const generatedPages = new Set<string>();
  for (const reference of elements(opf, 'reference')) {
    const path = reference.attributes.href ? resolveArchivePath(opfPath, decodeUriPart(reference.attributes.href.split('#')[0])) : undefined;
    if (path && /^(?:cover|title-?page|toc)$/i.test(reference.attributes.type ?? '')) generatedPages.add(path);
  }
  await refuseEncryptedText(archive, spine);
  const labels = new Map<string, string>();
  await readNavigation(archive, opf, manifest, labels, generatedPages);
  return { metadata: packageMetadata(opf), manifest, spine, labels, generatedPages };
}

/** `META-INF/encryption.xml` may obfuscate fonts (harmless); when it lists story documents, the book has DRM. */
async function refuseEncryptedText(archive: EpubArchive, spine: ManifestItem[]): Promise<void> {
  if (!archive.has('META-INF/encryption.xml')) return;
  const encryption = tryParseXml((await archive.text('META-INF/encryption.xml')) ?? '');
  const encrypted = new Set(elements(encryption ?? { type: 'root', children: [] }, 'CipherReference').map((reference) => decodeUriPart(reference.attributes.URI ?? '')));
  if (spine.some((item) => encrypted.has(item.path))) {
    throw new InputError('this EPUB is encrypted (DRM): its text cannot be read; use a DRM-free copy (AO3 and FanFicFare books have none)', { file: archive.path });
  }
}

function packageMetadata(opf: XmlRoot): EpubMetadata {
  const metadata = elements(opf, 'metadata')[0] ?? opf;
  const texts = (name: string) => elements(metadata, name).map(textOf).filter(Boolean);
  const metas = elements(metadata, 'meta');
  const refinement = (id: string | undefined, property: string) =>
    id === undefined ? undefined : metas.find((meta) => meta.attributes.refines === `#${id}` && meta.attributes.property === property);
  const named = (name: string) => metas.find((meta) => meta.attributes.name === name)?.attributes.content?.trim();

  const creators = (['creator', 'contributor'] as const).flatMap((kind) =>
    elements(metadata, kind).map((element) => ({
      name: textOf(element),
      role: element.attributes['opf:role'] ?? (refinement(element.attributes.id, 'role') ? textOf(refinement(element.attributes.id, 'role')!) : undefined),
      element: kind,
    })),
  );
  const collection = metas.find((meta) => meta.attributes.property === 'belongs-to-collection');
  const calibreSeries = named('calibre:series');
  const seriesName = calibreSeries ?? (collection ? textOf(collection) : undefined);
  const positionText = calibreSeries ? named('calibre:series_index') : collection && refinement(collection.attributes.id, 'group-position') ? textOf(refinement(collection.attributes.id, 'group-position')!) : undefined;
  const position = positionText !== undefined && Number.isFinite(Number(positionText)) ? Number(positionText) : undefined;
  return {
    titles: texts('title'),
    creators: creators.filter((creator) => creator.name),
    language: texts('language')[0],
    description: texts('description')[0],
    source: texts('source')[0],
    subjects: texts('subject'),
    generator: named('generator'),
    series: seriesName ? { name: seriesName, position } : undefined,
  };
}

/** Labels from the EPUB 3 nav document (or the EPUB 2 NCX), and the pages its landmarks call generated. */
async function readNavigation(archive: EpubArchive, opf: XmlRoot, manifest: ManifestItem[], labels: Map<string, string>, generated: Set<string>) {
  const label = (href: string | undefined, base: string, text: string) => {
    const path = href ? resolveArchivePath(base, decodeUriPart(href.split('#')[0])) : undefined;
    if (path && text && !labels.has(path)) labels.set(path, text);
  };
  const nav = manifest.find((item) => item.properties.includes('nav'));
  if (nav) {
    generated.add(nav.path);
    const text = await archive.text(nav.path);
    const tree = text === undefined ? undefined : tryParseXml(text);
    for (const list of tree ? elements(tree, 'nav') : []) {
      const type = list.attributes['epub:type'] ?? '';
      for (const link of elements(list, 'a')) {
        if (/\btoc\b/.test(type)) label(link.attributes.href, nav.path, textOf(link));
        if (/\blandmarks\b/.test(type) && /\b(?:cover|titlepage|toc)\b/.test(link.attributes['epub:type'] ?? '')) {
          const path = link.attributes.href ? resolveArchivePath(nav.path, decodeUriPart(link.attributes.href.split('#')[0])) : undefined;
          if (path) generated.add(path);
        }
      }
    }
  }
  const ncxId = elements(opf, 'spine')[0]?.attributes.toc;
  const ncx = manifest.find((item) => item.id === ncxId || item.mediaType === 'application/x-dtbncx+xml');
  if (ncx && labels.size === 0) {
    const text = await archive.text(ncx.path);
    const tree = text === undefined ? undefined : tryParseXml(text);
    for (const point of tree ? elements(tree, 'navPoint') : []) {
      const content = elements(point, 'content')[0];
      const navLabel = point.children.find((child): child is XmlElement => child.type === 'element' && localName(child.name) === 'navLabel');
      label(content?.attributes.src, ncx.path, navLabel ? textOf(navLabel) : '');
    }
  }
}

/** An XML element whose attributes are plain text (xast allows `null` values; they are dropped). */
type XmlNamed = XmlElement & { attributes: Record<string, string | undefined> };

/** Elements by local name (`dc:title` and `title` alike), in document order, with only text attributes. */
export function elements(tree: XmlRoot | XmlElement, name: string): XmlNamed[] {
  return elementsNamed(tree, name).map((element) => {
    for (const [key, value] of Object.entries(element.attributes)) if (value === null || value === undefined) delete element.attributes[key];
    return element as XmlNamed;
  });
}

/** An element's text with white space collapsed, as a label or a metadata value. */
function textOf(node: XmlElement): string {
  return textContent(node).replace(/\s+/g, ' ').trim();
}
