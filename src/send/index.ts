// Sideloading: books onto a mounted e-reader in the format it reads — KEPUB for a Kobo, AZW3 or PDF for a Kindle, EPUB elsewhere.
import { existsSync } from 'node:fs';
import { mkdir, readFile, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { InputError, OutputError, UsageError } from '../errors.ts';
import type { CommandRunner } from '../run-command.ts';
import { kepubExtension, kepubify } from '../writers/kepub/index.ts';
import { calibreMissingMessage, convertToAzw3 } from '../writers/kindle/azw3.ts';
import { chooseDevice, deviceFolder, type Device } from './devices.ts';
import { checkFreeSpace, copyToDevice, freeSpaceOf, type FreeSpace } from './device-copy.ts';

export { findDevices, deviceKind, defaultSearchRoots, type Device, type DeviceKind } from './devices.ts';
export type { FreeSpace } from './device-copy.ts';

export interface SendOptions {
  /** The folder the e-reader is mounted at (`--to`). Default: the one Kobo or Kindle mounted under `searchRoots`. */
  to?: string;
  /**
   * The folder for the books, relative to the device (`--folder`); on a Kindle it is inside `documents/`. Never
   * inside `.kobo/`. Default: `ficbind` on a Kobo, `documents/` itself on a Kindle, the top folder elsewhere.
   */
  folder?: string;
  /** Folder relative paths are resolved against. Default: the process's. */
  cwd?: string;
  /** Where mounted e-readers are looked for. Default: `/media`, `/run/media`, `/Volumes`. */
  searchRoots?: readonly string[];
  /** Bytes free on the device. Default: what the file system reports. */
  freeSpace?: FreeSpace;
  /** Runs Calibre when a Kindle needs an AZW3 made. Default: a child process. */
  runCommand?: CommandRunner;
  /** Receives what the user should know (a Kindle cannot open EPUB over USB). Default: ignored. */
  onWarning?: (message: string) => void;
}

export interface SentBook {
  /** The file the user named. */
  source: string;
  /** Where the book now is on the device, absolute. */
  destination: string;
  bytes: number;
  /** How the book was made from `source`: a sibling file used instead, or converted for this device. */
  via?: { kind: 'sibling'; path: string } | { kind: 'converted'; format: 'kepub' | 'azw3' };
  /** An older copy at `destination` was replaced. */
  replaced: boolean;
}

export interface SendResult {
  device: Device;
  books: SentBook[];
}

type BookFormat = 'kepub' | 'epub' | 'azw3' | 'pdf';

interface PlannedCopy {
  source: string;
  name: string;
  bytes: Uint8Array;
  via?: SentBook['via'];
}

/**
 * Copies each file to the e-reader in the format it reads, building what is missing: a Kobo gets the
 * `.kepub.epub` beside an `.epub`, or one converted now; a Kindle, which cannot open EPUB over USB, gets the
 * `.azw3` beside it, or one Calibre makes now, or else the `.pdf` beside it. Nothing is written until every book is
 * ready and the device has room for all of them; nothing is ever written inside a Kobo's `.kobo/` folder.
 */
export async function sendBooks(files: readonly string[], options: SendOptions = {}): Promise<SendResult> {
  const cwd = resolve(options.cwd ?? '.');
  if (files.length === 0) throw new UsageError('name at least one book to send (an .epub, .kepub.epub, .azw3 or .pdf)');
  const device = await chooseDevice(options.to, cwd, options.searchRoots);
  const folder = await destinationFolder(device, options.folder);

  const planned: PlannedCopy[] = [];
  for (const file of files) planned.push(await planCopy(resolve(cwd, file), device, options));
  const names = new Set<string>();
  for (const copy of planned) {
    if (names.has(copy.name)) throw new UsageError(`two of the books would both be ${copy.name} on the e-reader; send them one at a time`);
    names.add(copy.name);
  }

  await checkFreeSpace(device.mount, planned.reduce((sum, copy) => sum + copy.bytes.byteLength, 0), options.freeSpace ?? freeSpaceOf);
  await mkdir(folder, { recursive: true }).catch((error: unknown) => {
    throw new OutputError(`cannot make the folder on the e-reader: ${(error as Error).message}`, { file: folder }, { cause: error });
  });

  const books: SentBook[] = [];
  for (const copy of planned) {
    const destination = join(folder, copy.name);
    const replaced = existsSync(destination);
    await copyToDevice(destination, copy.bytes);
    books.push({ source: copy.source, destination, bytes: copy.bytes.byteLength, via: copy.via, replaced });
  }
  return { device, books };
}

/** `--folder` inside the device (inside `documents/` on a Kindle), made sure to stay out of `.kobo/` and off the device's root for a Kobo. */
async function destinationFolder(device: Device, folder: string | undefined): Promise<string> {
  const wanted = folder ?? (device.kind === 'kobo' ? 'ficbind' : '');
  if (isAbsolute(wanted)) throw new UsageError(`--folder: expected a folder inside the e-reader, got the absolute path ${wanted}`);
  const base = device.kind === 'kindle' ? ((await deviceFolder(device.mount, 'documents')) ?? join(device.mount, 'documents')) : device.mount;
  const target = resolve(base, normalize(wanted));
  const inside = relative(device.mount, target);
  if (inside.startsWith('..') || isAbsolute(inside)) throw new UsageError(`--folder: ${wanted} leads out of the e-reader; give a folder inside it`);
  if (await isInsideKoboFolder(device.mount, target)) {
    throw new UsageError(`--folder: ${wanted} is inside .kobo/, the Kobo's own database folder; books go anywhere else (default: ficbind)`);
  }
  return target;
}

/** Whether `target`, or what its existing part really is (symbolic links followed), lies in the device's `.kobo` folder. */
async function isInsideKoboFolder(mount: string, target: string): Promise<boolean> {
  const firstPart = relative(mount, target).split(sep)[0] ?? '';
  if (firstPart.toLowerCase() === '.kobo') return true;
  let existing = target;
  while (!existsSync(existing) && existing !== dirname(existing)) existing = dirname(existing);
  const real = relative(await realpath(mount), await realpath(existing));
  return real.split(sep)[0]?.toLowerCase() === '.kobo';
}

function formatOfFile(path: string): BookFormat {
  const name = basename(path).toLowerCase();
  if (name.endsWith(kepubExtension)) return 'kepub';
  if (name.endsWith('.epub')) return 'epub';
  if (name.endsWith('.azw3')) return 'azw3';
  if (name.endsWith('.pdf')) return 'pdf';
  throw new UsageError(`${path}: expected a book ending .epub, .kepub.epub, .azw3 or .pdf`);
}

/** `book.kepub.epub` → `book`, `book.epub` → `book`. */
function stemOf(path: string): string {
  const name = basename(path);
  const lower = name.toLowerCase();
  const extension = lower.endsWith(kepubExtension) ? kepubExtension : lower.slice(lower.lastIndexOf('.'));
  return name.slice(0, name.length - extension.length);
}

async function readBook(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'expected a book file, got a folder' : (error as Error).message, { file: path }, { cause: error });
  }
}

/** The sibling `<stem><extension>` of a book, when it exists. */
function sibling(path: string, extension: string): string | undefined {
  const candidate = join(dirname(path), stemOf(path) + extension);
  return existsSync(candidate) ? candidate : undefined;
}

async function planCopy(source: string, device: Device, options: SendOptions): Promise<PlannedCopy> {
  const format = formatOfFile(source);
  const as = async (path: string, via?: SentBook['via']): Promise<PlannedCopy> => ({ source, name: basename(path), bytes: await readBook(path), via });

  if (device.kind === 'kobo') {
    if (format === 'azw3') throw new UsageError(`${source}: a Kobo cannot open AZW3; send the .epub (it gets a .kepub.epub)`);
    if (format !== 'epub') return as(source);
    const kepub = sibling(source, kepubExtension);
    if (kepub) return as(kepub, { kind: 'sibling', path: kepub });
    const bytes = await kepubify(await readBook(source), { file: source, onWarning: options.onWarning });
    return { source, name: stemOf(source) + kepubExtension, bytes, via: { kind: 'converted', format: 'kepub' } };
  }

  if (device.kind === 'kindle' && (format === 'epub' || format === 'kepub')) {
    options.onWarning?.(`a Kindle cannot open EPUB over USB (only through Send to Kindle), so ${basename(source)} goes as AZW3 or PDF`);
    const azw3 = sibling(source, '.azw3');
    if (azw3) return as(azw3, { kind: 'sibling', path: azw3 });
    try {
      const bytes = await convertToAzw3(await readBook(source), { runCommand: options.runCommand });
      return { source, name: `${stemOf(source)}.azw3`, bytes, via: { kind: 'converted', format: 'azw3' } };
    } catch (error) {
      const pdf = sibling(source, '.pdf');
      if (!(error instanceof OutputError) || error.message !== calibreMissingMessage || !pdf) throw error;
      options.onWarning?.(`${calibreMissingMessage}; sending ${basename(pdf)} instead`);
      return as(pdf, { kind: 'sibling', path: pdf });
    }
  }
  return as(source);
}
