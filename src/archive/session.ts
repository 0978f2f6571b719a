// What add and update are given: the project, the injected fetch, clock and files, the pace, the cookies file; and the polite client made from them.
import { resolve } from 'node:path';
import { InputError } from '../errors.ts';
import { parseCookieFile } from './cookies.ts';
import type { ArchiveFiles } from './files.ts';
import { PoliteClient, type Clock, type Fetch } from './polite-client.ts';

export interface ArchiveOptions {
  /** The folder relative paths are resolved against. Default: the current folder. */
  cwd?: string;
  /** The project folder (`--project`): its anthology.yaml, or the nearest one above. Default: `cwd`. */
  project?: string;
  /** A Netscape-format cookies file (`--cookies`) for works only logged-in users may read; never a password. */
  cookiesFile?: string;
  /** Seconds between requests to one host, at least 5 (`--delay`). Default 5. */
  delaySeconds?: number;
  /** Milliseconds one request may take. Default 60 s. */
  timeoutMs?: number;
  /** Default: Node's built-in fetch (undici). */
  fetch?: Fetch;
  /** Default: the system clock and real pauses. */
  clock?: Clock;
  /** Default: the real file system, every write atomic. */
  files?: ArchiveFiles;
  /** A line per work as it is fetched (`Fetching https://…/works/123 …`). */
  onProgress?: (line: string) => void;
}

export async function clientFor(options: ArchiveOptions, files: ArchiveFiles): Promise<PoliteClient> {
  let cookies;
  if (options.cookiesFile !== undefined) {
    const path = resolve(options.cwd ?? '.', options.cookiesFile);
    const bytes = await files.read(path);
    if (!bytes) throw new InputError('no such cookies file', { file: path });
    cookies = parseCookieFile(new TextDecoder().decode(bytes), path);
  }
  return new PoliteClient({ fetch: options.fetch, clock: options.clock, delaySeconds: options.delaySeconds, timeoutMs: options.timeoutMs, cookies });
}
