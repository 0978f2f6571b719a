// Where a build writes: `<out>/<slug of the title><extension>`, or the one file `-o book.epub` names; slugs safe on every file system.
import anyAscii from 'any-ascii';
import { basename, dirname, join } from 'node:path';

/** Names Windows reserves for devices, with any extension (`con.epub` cannot be created there). */
const windowsReservedName = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/**
 * `Tales of the Night Road!` → `tales-of-the-night-road`; other scripts are transliterated
 * (`Сборник рассказов` → `sbornik-rasskazov`, `ありがとう` → `arigatou`); pictographs are dropped.
 * Never empty, never a Windows device name, at most 80 characters.
 */
export function fileNameFor(title: string): string {
  const latin = anyAscii(title.replace(/\p{Extended_Pictographic}/gu, ' '));
  const slug = latin.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const name = slug.slice(0, 80).replace(/-+$/, '') || 'anthology';
  return windowsReservedName.test(name) ? `${name}-book` : name;
}

/** A path the user gave with `--out` that names a book file rather than a folder: it ends in one of `extensions`. */
export function bookFileExtension(out: string, extensions: readonly string[]): string | undefined {
  const name = basename(out).toLowerCase();
  // Longest first, so `.kepub.epub` wins over `.epub`.
  return [...extensions].sort((a, b) => b.length - a.length).find((extension) => name.endsWith(extension) && name.length > extension.length);
}

/** The path without the extension it ends in: `out/my-book.kepub.epub` → `out/my-book`. */
export function withoutExtension(path: string, extension: string): string {
  return join(dirname(path), basename(path).slice(0, -extension.length));
}
