// Paths the studio is handed by the page, kept inside the project: no `..`, no absolute path, no way out through a symbolic link; uploads bounded and type-checked.
import { lstat, realpath } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.ts';

/** A path the page named that would leave the project: refused (HTTP 403). */
export class OutsideProject extends InputError {}

/** The largest story file the studio takes: more than any novel's text. */
export const uploadLimit = 32 * 1024 * 1024;
export const uploadExtensions = ['.txt', '.md', '.html', '.epub'];

/**
 * The absolute path of `name` (relative, `/`-separated, as anthology.yaml lists stories) inside `folder`, refused
 * when it is absolute, climbs with `..`, holds a backslash or NUL, or resolves (links followed) outside the folder.
 */
export async function pathInside(folder: string, name: string): Promise<string> {
  if (name === '' || name.includes('\0') || name.includes('\\') || isAbsolute(name) || /^[a-z]:/i.test(name) || name.split('/').includes('..')) {
    throw new OutsideProject('refused: a path outside the project', { file: name });
  }
  const path = resolve(folder, name);
  const root = await realpath(folder);
  const real = await realpath(path).catch(() => undefined);
  if (!isWithin(root, real ?? path) || !isWithin(resolve(folder), path)) throw new OutsideProject('refused: a path outside the project', { file: name });
  return path;
}

function isWithin(root: string, path: string): boolean {
  const rest = relative(root, path);
  return rest !== '' && !rest.startsWith('..' + sep) && rest !== '..' && !isAbsolute(rest);
}

/** Where an uploaded story named `fileName` is saved in `folder`: a plain file name of a story type, not there yet. */
export async function uploadPath(folder: string, fileName: string): Promise<string> {
  const extension = extname(fileName).toLowerCase();
  if (!uploadExtensions.includes(extension)) throw new InputError(`refused: a story must end in ${uploadExtensions.join(', ')}`, { file: fileName });
  if (fileName.startsWith('.') || fileName.includes('/') || fileName.includes('\\') || fileName.includes('\0') || fileName.length > 200) {
    throw new InputError('refused: a story is uploaded under a plain file name', { file: fileName });
  }
  const path = join(folder, fileName);
  if (await lstat(path).catch(() => undefined)) throw new InputError('a file of that name is already in the project; rename the new one', { file: fileName });
  return path;
}

/** Refuses bytes too large for a story or unlike its type: an EPUB is a ZIP; text is not binary (no NUL outside UTF-16). */
export function checkUpload(fileName: string, bytes: Uint8Array): void {
  if (bytes.byteLength > uploadLimit) throw new InputError(`refused: larger than ${uploadLimit / 1024 / 1024} MB`, { file: fileName });
  if (bytes.byteLength === 0) throw new InputError('refused: the file is empty', { file: fileName });
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (extname(fileName).toLowerCase() === '.epub') {
    if (!isZip) throw new InputError('refused: not an EPUB (an EPUB is a ZIP archive)', { file: fileName });
    return;
  }
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (isZip || (!utf16 && bytes.subarray(0, 65536).includes(0))) throw new InputError('refused: not a text file', { file: fileName });
}
