// A folder of cached results keyed by content (`<out>/.ficbind-cache/`): each entry checksummed, so a corrupt or foreign one is ignored and rewritten, never trusted.
import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { codeFingerprint } from './code-fingerprint.ts';

/** The cache folder's name beside the books a build writes. */
export const cacheFolderName = '.ficbind-cache';

const checksumBytes = 32;

/**
 * Cached values by kind (`story`, `cover`), anything `v8.serialize` takes. New values wait until `keep()`, which a
 * build calls once its books are written: a failed build writes nothing, and of each kind the build asked for, the
 * folder keeps exactly what it used, so it never grows past one book's worth. A kind the build never asked for (the
 * layouts and fonts of books that came whole from the cache) is kept as it was, for the next build that needs it.
 */
export class CacheFolder {
  private readonly used = new Set<string>();
  private readonly pending = new Map<string, unknown>();

  constructor(readonly root: string) {}

  /** The key for a value computed from `parts` (texts and bytes) by this very version of ficbind's code. */
  static async key(...parts: (string | Uint8Array)[]): Promise<string> {
    return CacheFolder.keyFor(await codeFingerprint(), ...parts);
  }

  /** `key`, given the code's fingerprint (`codeFingerprint()`), for callers that cannot wait. */
  static keyFor(fingerprint: string, ...parts: (string | Uint8Array)[]): string {
    const hash = createHash('sha256').update(fingerprint);
    for (const part of parts) {
      // Each part's length goes in first, so ("ab", "c") and ("a", "bc") never share a key.
      const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
      hash.update(`${bytes.byteLength}:`).update(bytes);
    }
    return hash.digest('hex');
  }

  /** The value stored under `key`, or undefined when there is none or it does not check out (then it is removed). */
  async get<T>(kind: string, key: string): Promise<T | undefined> {
    return this.getSync<T>(kind, key);
  }

  /** `get`, for callers that cannot wait (a writer laying out documents in a loop). */
  getSync<T>(kind: string, key: string): T | undefined {
    const path = this.pathOf(kind, key);
    this.used.add(path);
    let bytes: Buffer;
    try {
      // Synchronously: a build reads hundreds of small entries, each a single read.
      bytes = readFileSync(path);
    } catch {
      return undefined;
    }
    const payload = bytes.subarray(checksumBytes);
    const intact = bytes.byteLength > checksumBytes && createHash('sha256').update(payload).digest().equals(bytes.subarray(0, checksumBytes));
    if (intact) {
      try {
        return deserialize(payload) as T;
      } catch {
        // written by another Node version or damaged in a way the checksum cannot see: recompute
      }
    }
    rmSync(path, { force: true });
    return undefined;
  }

  /** Whether the folder holds any entry of `kind`: a cheap look before the work of finding a key. */
  holdsAny(kind: string): boolean {
    try {
      return readdirSync(join(this.root, kind)).length > 0;
    } catch {
      return false;
    }
  }

  /** Keeps `value` for `keep()`. */
  set(kind: string, key: string, value: unknown): void {
    const path = this.pathOf(kind, key);
    this.used.add(path);
    this.pending.set(path, value);
  }

  /** Writes the new values and removes the entries of each kind asked for that this build did not use; failures only make the next build slower. */
  async keep(): Promise<void> {
    for (const [path, value] of this.pending) await this.write(path, value);
    this.pending.clear();
    const kindsUsed = new Set([...this.used].map((path) => basename(dirname(path))));
    for (const kind of await readdir(this.root).catch(() => [] as string[])) {
      if (!kindsUsed.has(kind)) continue;
      for (const name of await readdir(join(this.root, kind)).catch(() => [] as string[])) {
        const path = join(this.root, kind, name);
        if (!this.used.has(path)) await rm(path, { force: true }).catch(() => undefined);
      }
    }
  }

  private async write(path: string, value: unknown): Promise<void> {
    const payload = serialize(value);
    const temp = `${path}.${process.pid}.tmp`;
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(temp, Buffer.concat([createHash('sha256').update(payload).digest(), payload]));
      await rename(temp, path);
    } catch {
      await rm(temp, { force: true }).catch(() => undefined);
    }
  }

  private pathOf(kind: string, key: string): string {
    return join(this.root, kind, `${key}.bin`);
  }
}
