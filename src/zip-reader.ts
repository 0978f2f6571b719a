// Reads a zip archive held in memory (an EPUB) with yauzl: entry names and sizes from the central directory, each entry inflated by Node's zlib only when asked for, never past a limit.
import yauzl, { type Entry, type ZipFile } from 'yauzl';

const utf8 = new TextDecoder('utf-8');

/** The archive is not a zip, or an entry is damaged (a size that lies, a bad checksum, an unknown method). */
export class ZipReadError extends Error {}

/** One file in the archive, as the central directory describes it. */
export interface ZipEntryInfo {
  name: string;
  /** What the directory says the file unpacks to; yauzl checks it while inflating. */
  size: number;
}

/**
 * An archive opened from bytes. Sizes come from the zip's directory, so a zip bomb is refused before anything is
 * inflated, and an entry whose data inflates past its declared size fails instead of filling memory.
 */
export class ZipReader {
  private constructor(
    private readonly zip: ZipFile,
    private readonly byName: Map<string, Entry>,
    /** Files in archive order (folder entries left out). */
    readonly entries: readonly ZipEntryInfo[],
  ) {}

  static async open(bytes: Uint8Array): Promise<ZipReader> {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const zip = await new Promise<ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(buffer, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (error, opened) =>
        error || !opened ? reject(new ZipReadError(error?.message ?? 'unreadable zip')) : resolve(opened),
      ),
    );
    const byName = new Map<string, Entry>();
    const entries: ZipEntryInfo[] = [];
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: Entry) => {
        // Names are decoded here, not by yauzl, which refuses a whole archive over one `../` name; such a name is only ever a key.
        const name = utf8.decode(entry.fileName as unknown as Uint8Array);
        if (!name.endsWith('/') && !byName.has(name)) {
          byName.set(name, entry);
          entries.push({ name, size: entry.uncompressedSize });
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', (error: Error) => reject(new ZipReadError(error.message)));
      zip.readEntry();
    });
    return new ZipReader(zip, byName, entries);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The directory's size for `name`, or undefined when there is no such file. */
  sizeOf(name: string): number | undefined {
    return this.byName.get(name)?.uncompressedSize;
  }

  /** The bytes of `name`, or undefined when the archive has no such file. */
  async read(name: string): Promise<Uint8Array | undefined> {
    const entry = this.byName.get(name);
    if (!entry) return undefined;
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      this.zip.openReadStream(entry, (error, opened) => (error || !opened ? reject(new ZipReadError(`${name}: ${error?.message ?? 'unreadable'}`)) : resolve(opened))),
    );
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of stream) chunks.push(chunk as Buffer);
    } catch (error) {
      throw new ZipReadError(`${name}: ${(error as Error).message}`);
    }
    const all = Buffer.concat(chunks);
    return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
  }
}
