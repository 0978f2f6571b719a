// Zips a book's files as an EPUB needs them: `mimetype` first and stored, pictures stored, the rest deflated by Node's own zlib (yazl), every entry stamped with one date.
import yazl from 'yazl';

export interface ArchiveEntry {
  /** Path inside the archive (`OEBPS/story-01.xhtml`). */
  name: string;
  bytes: Uint8Array;
}

/** The oldest time a zip entry can record (MS-DOS dates start in 1980). */
const earliestZipTime = Date.UTC(1980, 0, 1);

/** JPEG, PNG, GIF and WOFF files gain nothing from deflating a second time. */
export function isCompressedAlready(path: string): boolean {
  return /\.(jpe?g|png|gif|woff2?)$/i.test(path);
}

/**
 * The zip of `entries` in their order, `mimetype` (`application/epub+zip`) first. DOS timestamps only: the OCF
 * forbids an extra field on `mimetype`, and one form of date everywhere keeps the bytes the same for the same
 * entries and date. yazl deflates with Node's native zlib, several times faster than JSZip's JavaScript.
 */
export function zipArchive(entries: readonly ArchiveEntry[], date: Date): Promise<Uint8Array> {
  const mtime = new Date(Math.max(date.getTime(), earliestZipTime));
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from('application/epub+zip'), 'mimetype', { mtime, compress: false, forceDosTimestamp: true });
  for (const entry of entries) {
    if (entry.name === 'mimetype') continue;
    const bytes = Buffer.from(entry.bytes.buffer, entry.bytes.byteOffset, entry.bytes.byteLength);
    const compress = !isCompressedAlready(entry.name);
    zip.addBuffer(bytes, entry.name, { mtime, compress, ...(compress ? { compressionLevel: 6 } : {}), forceDosTimestamp: true });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => {
      const all = Buffer.concat(chunks);
      resolve(new Uint8Array(all.buffer, all.byteOffset, all.byteLength));
    });
  });
}
