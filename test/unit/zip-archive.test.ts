// The EPUB zip writer: what every reader needs of the archive (mimetype first and stored, the date, the contents), and a ZIP64 end record past 65,535 entries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zipArchive } from '../../src/writers/zip-archive.ts';
import { ZipReader } from '../../src/zip-reader.ts';

const text = (value: string) => new TextEncoder().encode(value);

test('mimetype comes first, stored, without an extra field; every entry reads back with the book date', async () => {
  const page = text('<p>The lighthouse keeper’s log.</p>\n'.repeat(200));
  const epub = await zipArchive(
    [
      { name: 'OEBPS/story-1.xhtml', bytes: page },
      { name: 'OEBPS/images/cover.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]) },
      { name: 'OEBPS/café.xhtml', bytes: text('<p>Ça va.</p>') },
    ],
    new Date(Date.UTC(2024, 5, 30, 21, 15, 42)),
  );
  const bytes = Buffer.from(epub);
  assert.equal(bytes.readUInt32LE(0), 0x04034b50);
  assert.equal(bytes.readUInt16LE(8), 0, 'mimetype is stored');
  assert.equal(bytes.readUInt16LE(28), 0, 'mimetype has no extra field');
  assert.equal(bytes.subarray(30, 38).toString(), 'mimetype');
  assert.equal(bytes.subarray(38, 58).toString(), 'application/epub+zip');
  const zip = await ZipReader.open(epub);
  assert.deepEqual(zip.entries.map((entry) => entry.name), ['mimetype', 'OEBPS/story-1.xhtml', 'OEBPS/images/cover.jpg', 'OEBPS/café.xhtml']);
  assert.deepEqual(await zip.read('OEBPS/story-1.xhtml'), page);
  assert.ok(epub.byteLength < page.byteLength / 4, 'documents are deflated');
  // MS-DOS time and date words of the first entry: 21:15:42 (to two seconds) on 2024-06-30, in UTC on every machine.
  assert.equal(bytes.readUInt16LE(10), (21 << 11) | (15 << 5) | 21);
  assert.equal(bytes.readUInt16LE(12), ((2024 - 1980) << 9) | (6 << 5) | 30);
  const cover = bytes.indexOf('OEBPS/images/cover.jpg');
  assert.equal(bytes.readUInt16LE(cover - 30 + 8), 0, 'pictures are stored, not deflated again');
});

test('the same entries and date give the same bytes', async () => {
  const entries = [{ name: 'OEBPS/a.xhtml', bytes: text('<p>One.</p>'.repeat(500)) }];
  const date = new Date(Date.UTC(2020, 0, 1));
  assert.deepEqual(await zipArchive(entries, date), await zipArchive([{ name: 'OEBPS/a.xhtml', bytes: text('<p>One.</p>'.repeat(500)) }], date));
});

test('more than 65,535 entries get a ZIP64 end record, and every entry is still found', async () => {
  const count = 65_546;
  // Pictures, stored as they are: the test is of the archive's records, not of deflating.
  const entries = Array.from({ length: count }, (_, index) => ({ name: `OEBPS/p${index}.png`, bytes: text(String(index)) }));
  const epub = await zipArchive(entries, new Date(Date.UTC(2020, 0, 1)));
  const bytes = Buffer.from(epub);
  assert.equal(bytes.readUInt32LE(bytes.byteLength - 22), 0x06054b50);
  assert.equal(bytes.readUInt16LE(bytes.byteLength - 22 + 10), 0xffff, 'the classic record says: see ZIP64');
  assert.equal(bytes.readUInt32LE(bytes.byteLength - 42), 0x07064b50, 'the ZIP64 locator');
  const zip = await ZipReader.open(epub);
  assert.equal(zip.entries.length, count + 1);
  assert.equal(new TextDecoder().decode(await zip.read('OEBPS/p65545.png')), '65545');
});
