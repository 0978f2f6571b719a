// `ficbind send` against folders shaped like a Kobo, a Kindle and another reader: the right format, atomic copies, .kobo/ untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { sendBooks, type SendOptions } from '../../src/send/index.ts';
import { copyToDevice } from '../../src/send/device-copy.ts';
import { kepubify } from '../../src/writers/kepub/index.ts';
import { writers } from '../../src/writers/index.ts';
import { calibreMissingMessage } from '../../src/writers/kindle/azw3.ts';
import { CommandNotFound, type CommandRunner } from '../../src/run-command.ts';
import { OutputError, UsageError } from '../../src/errors.ts';
import { runCli } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/io.ts';
import { oneShot } from '../helpers/story-trees.ts';

let epubBytes: Uint8Array | undefined;

/** A folder of books (`book.epub`, and whatever else is asked for) and the EPUB's bytes. */
async function library(extra: Record<string, string> = {}): Promise<{ folder: string; epub: string; bytes: Uint8Array }> {
  epubBytes ??= await writers.epub.write({ meta: { title: 'One', editors: ['E'], language: 'en' }, stories: [oneShot], modified: new Date('2024-03-01T00:00:00Z') }, { generator: 'ficbind test' });
  const folder = await mkdtemp(join(tmpdir(), 'ficbind-books-'));
  await writeFile(join(folder, 'book.epub'), epubBytes);
  for (const [name, text] of Object.entries(extra)) await writeFile(join(folder, name), text);
  return { folder, epub: join(folder, 'book.epub'), bytes: epubBytes };
}

/** A folder shaped like a mounted Kobo (`.kobo/` with its database), Kindle (`documents/`, `system/`) or other reader. */
async function device(kind: 'kobo' | 'kindle' | 'other', parent?: string): Promise<string> {
  const mount = parent ?? (await mkdtemp(join(tmpdir(), `ficbind-${kind}-`)));
  await mkdir(mount, { recursive: true });
  if (kind === 'kobo') {
    await mkdir(join(mount, '.kobo', 'Kobo'), { recursive: true });
    await writeFile(join(mount, '.kobo', 'KoboReader.sqlite'), 'SQLite format 3\0');
    await writeFile(join(mount, '.kobo', 'Kobo', 'Kobo eReader.conf'), '[Reading]\n');
  } else if (kind === 'kindle') {
    await mkdir(join(mount, 'documents'), { recursive: true });
    await mkdir(join(mount, 'system'), { recursive: true });
  } else {
    await writeFile(join(mount, 'README.txt'), 'an e-reader\n');
  }
  return mount;
}

/** Every file under `folder`, relative, with its size and modification time: what a copy must not disturb. */
async function snapshot(folder: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else {
        const info = await stat(path);
        files.push(`${relative(folder, path)}\t${info.size}\t${info.mtimeMs}`);
      }
    }
  };
  await walk(folder);
  return files.sort();
}

const fileNames = async (folder: string) => (await snapshot(folder)).map((line) => line.split('\t')[0]);
const plenty: SendOptions['freeSpace'] = async () => 1024 ** 3;

test('a Kobo gets a KEPUB made from the EPUB, in ficbind/, and nothing is written inside .kobo/', async () => {
  const { epub, bytes } = await library();
  const kobo = await device('kobo');
  const before = await snapshot(join(kobo, '.kobo'));
  const result = await sendBooks([epub], { to: kobo, freeSpace: plenty });

  assert.equal(result.device.kind, 'kobo');
  assert.deepEqual(result.books.map((book) => [relative(kobo, book.destination), book.via, book.replaced]), [['ficbind/book.kepub.epub', { kind: 'converted', format: 'kepub' }, false]]);
  assert.deepEqual(new Uint8Array(await readFile(join(kobo, 'ficbind', 'book.kepub.epub'))), await kepubify(bytes, { file: epub }));
  assert.deepEqual(await snapshot(join(kobo, '.kobo')), before, '.kobo/ is untouched');
  assert.deepEqual(await fileNames(kobo), ['.kobo/Kobo/Kobo eReader.conf', '.kobo/KoboReader.sqlite', 'ficbind/book.kepub.epub'], 'no temp file is left');
});

test('a Kobo gets the .kepub.epub beside the EPUB when there is one, byte for byte; a second send replaces it', async () => {
  const { epub } = await library({ 'book.kepub.epub': 'the KEPUB built before' });
  const kobo = await device('kobo');
  const first = await sendBooks([epub], { to: kobo, folder: 'Fan Fiction/2024', freeSpace: plenty });
  assert.deepEqual(first.books[0].via, { kind: 'sibling', path: join(epub, '..', 'book.kepub.epub') });
  assert.equal(await readFile(join(kobo, 'Fan Fiction', '2024', 'book.kepub.epub'), 'utf8'), 'the KEPUB built before');
  const second = await sendBooks([epub], { to: kobo, folder: 'Fan Fiction/2024', freeSpace: plenty });
  assert.equal(second.books[0].replaced, true);
  assert.deepEqual(await fileNames(join(kobo, 'Fan Fiction')), ['2024/book.kepub.epub']);
});

test('a folder inside .kobo/ (in any case, or through a link) or outside the device is refused before anything is written', async () => {
  const { epub } = await library();
  const kobo = await device('kobo');
  await symlink(join(kobo, '.kobo'), join(kobo, 'shortcut'));
  const before = await snapshot(kobo);
  for (const folder of ['.kobo', '.KOBO/books', 'shortcut/books', '../elsewhere', '/tmp/books']) {
    await assert.rejects(sendBooks([epub], { to: kobo, folder, freeSpace: plenty }), (error: Error) => error instanceof UsageError && /^--folder: /.test(error.message), folder);
  }
  assert.deepEqual(await snapshot(kobo), before);
});

test('a Kobo cannot take AZW3: a usage error says to send the EPUB', async () => {
  const { folder } = await library({ 'book.azw3': 'azw3' });
  await assert.rejects(sendBooks([join(folder, 'book.azw3')], { to: await device('kobo'), freeSpace: plenty }), /a Kobo cannot open AZW3; send the \.epub/);
});

test('a Kindle gets AZW3 in documents/: the file given, or one Calibre makes, with a warning that it cannot open EPUB over USB', async () => {
  const { folder, epub } = await library({ 'other.azw3': 'AZW3 given' });
  const kindle = await device('kindle');
  const warnings: string[] = [];
  const calibre: CommandRunner = async (_command, args) => {
    await writeFile(args[1], 'AZW3 made');
    return { stdout: '', stderr: '' };
  };
  const result = await sendBooks([join(folder, 'other.azw3'), epub], { to: kindle, freeSpace: plenty, runCommand: calibre, onWarning: (message) => warnings.push(message) });
  assert.equal(result.device.kind, 'kindle');
  assert.deepEqual(result.books.map((book) => [relative(kindle, book.destination), book.via?.kind]), [['documents/other.azw3', undefined], ['documents/book.azw3', 'converted']]);
  assert.equal(await readFile(join(kindle, 'documents', 'other.azw3'), 'utf8'), 'AZW3 given');
  assert.equal(await readFile(join(kindle, 'documents', 'book.azw3'), 'utf8'), 'AZW3 made');
  assert.deepEqual(warnings, ['a Kindle cannot open EPUB over USB (only through Send to Kindle), so book.epub goes as AZW3 or PDF']);
});

test('a Kindle without Calibre gets the PDF beside the EPUB, or an error saying how to install Calibre', async () => {
  const noCalibre: CommandRunner = async (command) => {
    throw new CommandNotFound(command);
  };
  const withPdf = await library({ 'book.pdf': '%PDF-1.7' });
  const kindle = await device('kindle');
  const warnings: string[] = [];
  const result = await sendBooks([withPdf.epub], { to: kindle, freeSpace: plenty, runCommand: noCalibre, onWarning: (message) => warnings.push(message) });
  assert.deepEqual(result.books.map((book) => relative(kindle, book.destination)), ['documents/book.pdf']);
  assert.equal(warnings[1], `${calibreMissingMessage}; sending book.pdf instead`);

  const bare = await library();
  const empty = await device('kindle');
  await assert.rejects(sendBooks([bare.epub], { to: empty, freeSpace: plenty, runCommand: noCalibre }), (error: Error) => error instanceof OutputError && error.message === calibreMissingMessage);
  assert.deepEqual(await fileNames(empty), []);
});

test('another reader gets the EPUB as it is', async () => {
  const { epub, bytes } = await library();
  const reader = await device('other');
  const result = await sendBooks([epub], { to: reader, freeSpace: plenty });
  assert.equal(result.device.kind, 'other');
  assert.deepEqual(new Uint8Array(await readFile(join(reader, 'book.epub'))), bytes);
});

test('when the books will not fit, nothing is written and the error says how much is needed and free', async () => {
  const { epub } = await library();
  const kobo = await device('kobo');
  const before = await snapshot(kobo);
  await assert.rejects(sendBooks([epub], { to: kobo, freeSpace: async () => 4096 }), (error: Error) => error instanceof OutputError && /^not enough space on the e-reader: [\d.]+ MB to copy but 0\.0 MB free/.test(error.message));
  assert.deepEqual(await snapshot(kobo), before);
});

test('a copy that cannot be renamed into place leaves no temp file behind', async () => {
  const kobo = await device('kobo');
  await mkdir(join(kobo, 'ficbind', 'book.kepub.epub', 'in the way'), { recursive: true });
  await assert.rejects(copyToDevice(join(kobo, 'ficbind', 'book.kepub.epub'), new Uint8Array([1, 2, 3])), OutputError);
  assert.deepEqual(await readdir(join(kobo, 'ficbind')), ['book.kepub.epub']);
});

test('without --to, the one Kobo or Kindle mounted under the search roots is found; none or two is a usage error', async () => {
  const { epub } = await library();
  const roots = await mkdtemp(join(tmpdir(), 'ficbind-mounts-'));
  const media = join(roots, 'media');
  const volumes = join(roots, 'Volumes');
  await device('other', join(media, 'ann', 'USB STICK'));
  await assert.rejects(sendBooks([epub], { searchRoots: [media, volumes], freeSpace: plenty }), (error: Error) => error instanceof UsageError && /no Kobo or Kindle found under .*: connect it by USB/.test(error.message));
  const kobo = await device('kobo', join(media, 'ann', 'KOBOeReader'));
  const result = await sendBooks([epub], { searchRoots: [media, volumes], freeSpace: plenty });
  assert.equal(result.device.mount, kobo);
  await device('kindle', join(volumes, 'Kindle'));
  await assert.rejects(sendBooks([epub], { searchRoots: [media, volumes], freeSpace: plenty }), /several e-readers are mounted .*: choose one with --to/);
});

test('ficbind send prints what went where', async () => {
  const { folder, epub } = await library();
  const kobo = await device('kobo');
  const lines: string[] = [];
  const io: CliIO = { out: (line) => lines.push(line), err: (line) => lines.push(line), errRaw: () => {}, isTTY: false, env: {}, cwd: folder, now: () => 0 };
  assert.equal(await runCli(['send', 'book.epub', '--to', kobo], io), 0);
  assert.equal(lines[0], `Sent 1 book to the Kobo at ${kobo}:`);
  assert.match(lines[1], /^ {2}book\.epub → ficbind\/book\.kepub\.epub \(made KEPUB\) {2}[\d.]+ KB$/);
  assert.equal(await runCli(['send', 'missing.epub', '--to', kobo], { ...io, out: () => {}, err: (line) => lines.push(line) }), 1);
  assert.equal(lines[2], 'ficbind: missing.epub: no such file');
  assert.deepEqual(await fileNames(join(kobo, 'ficbind')), [relative(folder, epub).replace('.epub', '.kepub.epub')]);
});
