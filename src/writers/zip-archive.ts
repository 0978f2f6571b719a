// Zips a book's files as an EPUB needs them: `mimetype` first and stored, pictures stored, the rest deflated by Node's zlib, each content deflated once however many books of one process hold it.
import { crc32, deflateRawSync } from 'node:zlib';
import { OutputError } from '../errors.ts';
import { ContentMemo, contentKey } from './content-memo.ts';

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

/** One entry as stored: its data (deflated or not) and what the headers say of it. */
interface StoredEntry {
  name: Buffer;
  method: 0 | 8;
  crc: number;
  size: number;
  data: Uint8Array;
}

/**
 * Deflated contents by their SHA-256, kept across the books of one process and (through the build cache) across
 * builds: the KEPUB's fonts, pictures and stylesheet are the EPUB's, and a rebuild deflates only the documents that
 * changed. The least recently used go first once the kept data pass 32 MB.
 */
export const deflatedContents = new ContentMemo<{ crc: number; data: Uint8Array }>(32 * 1024 * 1024, ({ data }) => data.byteLength);

/** The 4 GiB a zip without ZIP64 sizes can hold, in any one entry and in all of them. */
const classicZipLimit = 0xffffffff;

/**
 * The zip of `entries` in their order, `mimetype` (`application/epub+zip`) first. DOS timestamps only and no extra
 * fields (the OCF forbids one on `mimetype`), so the same entries and date always give the same bytes. An archive
 * of more than 65,535 entries gets a ZIP64 end record, as the format requires.
 *
 * Written here rather than with yazl, used before: yazl cannot take data deflated by an earlier book, and its
 * checksums are computed in JavaScript where zlib's `crc32` is native.
 */
export async function zipArchive(entries: readonly ArchiveEntry[], date: Date): Promise<Uint8Array> {
  const dos = dosDateTime(new Date(Math.max(date.getTime(), earliestZipTime)));
  const stored: StoredEntry[] = [storeEntry({ name: 'mimetype', bytes: Buffer.from('application/epub+zip') }, false)];
  for (const entry of entries) {
    if (entry.name !== 'mimetype') stored.push(storeEntry(entry, !isCompressedAlready(entry.name)));
  }
  const parts: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of stored) {
    if (entry.size > classicZipLimit || entry.data.byteLength > classicZipLimit) throw tooLarge(`${entry.name.toString()} is`);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFacts(local, 4, entry, dos);
    parts.push(local, entry.name, entry.data);
    central.push(centralRecord(entry, dos, offset));
    offset += local.byteLength + entry.name.byteLength + entry.data.byteLength;
  }
  const directory = Buffer.concat(central);
  if (offset + directory.byteLength > classicZipLimit) throw tooLarge('the book is');
  parts.push(directory, ...endRecords(stored.length, directory.byteLength, offset));
  const archive = Buffer.concat(parts);
  return new Uint8Array(archive.buffer, archive.byteOffset, archive.byteLength);
}

function tooLarge(what: string): OutputError {
  return new OutputError(`Cannot write the EPUB: ${what} larger than the 4 GiB a book's zip can hold; make it two books, or use smaller pictures.`);
}

function storeEntry(entry: ArchiveEntry, compress: boolean): StoredEntry {
  const name = Buffer.from(entry.name, 'utf8');
  if (!compress) return { name, method: 0, crc: crc32(entry.bytes), size: entry.bytes.byteLength, data: entry.bytes };
  const { crc, data } = deflatedOnce(entry.bytes);
  return { name, method: 8, crc, size: entry.bytes.byteLength, data };
}

function deflatedOnce(bytes: Uint8Array): { crc: number; data: Uint8Array } {
  const key = contentKey(bytes);
  const known = deflatedContents.get(key);
  if (known) return known;
  const made = { crc: crc32(bytes), data: deflateRawSync(bytes, { level: 6 }) };
  deflatedContents.set(key, made);
  return made;
}

/** Version needed (2.0), flags (bit 11: UTF-8 names), method, time, date, CRC-32, sizes and name length, as local and central headers share them. */
function writeEntryFacts(header: Buffer, at: number, entry: StoredEntry, dos: { time: number; date: number }): void {
  header.writeUInt16LE(20, at);
  header.writeUInt16LE(0x0800, at + 2);
  header.writeUInt16LE(entry.method, at + 4);
  header.writeUInt16LE(dos.time, at + 6);
  header.writeUInt16LE(dos.date, at + 8);
  header.writeUInt32LE(entry.crc, at + 10);
  header.writeUInt32LE(entry.data.byteLength, at + 14);
  header.writeUInt32LE(entry.size, at + 18);
  header.writeUInt16LE(entry.name.byteLength, at + 22);
  // Extra field length (at + 24) stays 0.
}

function centralRecord(entry: StoredEntry, dos: { time: number; date: number }, offset: number): Buffer {
  const record = Buffer.alloc(46 + entry.name.byteLength);
  record.writeUInt32LE(0x02014b50, 0);
  // Made by: Unix, zip 6.3, so readers take the external attributes as a Unix mode (what yazl wrote before).
  record.writeUInt16LE((3 << 8) | 63, 4);
  writeEntryFacts(record, 6, entry, dos);
  // Comment length, disk number and internal attributes stay 0; a regular file readable by all.
  record.writeUInt32LE((0o100664 << 16) >>> 0, 38);
  record.writeUInt32LE(offset, 42);
  entry.name.copy(record, 46);
  return record;
}

/** The end of central directory record, preceded by ZIP64's record and locator when the entries outnumber 16 bits. */
function endRecords(count: number, directorySize: number, directoryOffset: number): Buffer[] {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(count, 0xffff), 8);
  end.writeUInt16LE(Math.min(count, 0xffff), 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(directoryOffset, 16);
  if (count < 0xffff) return [end];
  const zip64End = Buffer.alloc(56);
  zip64End.writeUInt32LE(0x06064b50, 0);
  zip64End.writeBigUInt64LE(44n, 4);
  zip64End.writeUInt16LE((3 << 8) | 63, 12);
  zip64End.writeUInt16LE(45, 14);
  zip64End.writeBigUInt64LE(BigInt(count), 24);
  zip64End.writeBigUInt64LE(BigInt(count), 32);
  zip64End.writeBigUInt64LE(BigInt(directorySize), 40);
  zip64End.writeBigUInt64LE(BigInt(directoryOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(directoryOffset + directorySize), 8);
  locator.writeUInt32LE(1, 16);
  return [zip64End, locator, end];
}

/** A date as MS-DOS time and date words, in UTC so that the same date gives the same bytes on every machine. */
function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}
