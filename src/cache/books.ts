// Finished books from the build cache: a project whose stories, settings, theme, cover and code are all unchanged gets its last books back without laying them out again.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutputFormat } from '../config.ts';
import type { Theme } from '../themes/manifest.ts';
import { CacheFolder } from './cache-folder.ts';

/** What a build rendered: each format's bytes and the writers' warnings, replayed when the books come from the cache. */
export interface CachedBooks {
  outputs: { format: OutputFormat; bytes: Uint8Array }[];
  warnings: string[];
  /** The cover the books hold (its SHA-256), rendered and cached on its own: another cover makes them anew. */
  coverHash: string;
}

/** Formats made by programs outside ficbind (Calibre's AZW3), whose output its key cannot vouch for. */
const uncachedFormats: readonly OutputFormat[] = ['azw3'];

export interface BookInputs {
  formats: readonly OutputFormat[];
  /** Every setting the writers see (the anthology's and each story's metadata, the date, the config, the page size…), as JSON. */
  settings: unknown;
  /** Each story file's cache key, in order; undefined for a story that depends on more than its bytes. */
  storyKeys: readonly (string | undefined)[];
  theme: Theme;
  cover?: Uint8Array;
}

/**
 * The key of a set of books, or undefined when they cannot be cached: a story that takes pictures from its folder,
 * or a format made by another program. The theme's files are hashed by content, its fonts by size and time.
 */
export async function bookKey(inputs: BookInputs): Promise<string | undefined> {
  if (inputs.formats.some((format) => uncachedFormats.includes(format))) return undefined;
  if (inputs.storyKeys.some((key) => key === undefined)) return undefined;
  // Maps (anthology.yaml's per-story entries) are written out as their entries: JSON would make every Map `{}`.
  const settings = JSON.stringify({ formats: inputs.formats, settings: inputs.settings }, (_key, value: unknown) => (value instanceof Map ? [...value] : value));
  return CacheFolder.key('books', settings, await themeFingerprint(inputs.theme), inputs.cover ?? '', ...(inputs.storyKeys as string[]));
}

async function themeFingerprint(theme: Theme): Promise<string> {
  const hash = createHash('sha256');
  const names = (await readdir(theme.folder, { recursive: true })).sort();
  for (const name of names) {
    const path = join(theme.folder, name);
    if (!(await stat(path)).isFile()) continue;
    hash.update(`${name}\0`).update(await readFile(path)).update('\0');
  }
  for (const font of theme.fonts) {
    for (const face of font.faces) {
      const facts = await stat(face.path);
      hash.update(`${face.path}\t${facts.size}\t${facts.mtimeMs}\n`);
    }
  }
  return hash.digest('hex');
}
