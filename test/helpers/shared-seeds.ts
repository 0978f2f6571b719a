// The three shared real stories (../shared/seeds/) built into books once per test file, for tests of what a device gets.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuildResult } from '../../src/build.ts';

export const sharedSeeds = new URL('../../../shared/seeds/', import.meta.url).pathname;
export const epoch = 1_700_000_000;

/**
 * True when the shared stories are here; otherwise skips the test with one line saying so, or fails it when
 * CI=true (CI always has them beside the checkout).
 */
export function sharedSeedsAvailable(t: { skip(reason: string): void }): boolean {
  if (existsSync(sharedSeeds)) return true;
  if (process.env.CI === 'true') throw new Error(`${sharedSeeds} is missing (required when CI=true)`);
  t.skip(`${sharedSeeds} is not here`);
  return false;
}

export interface SharedBuild {
  result: BuildResult;
  warnings: string[];
  /** Path of the file of each format built. */
  paths: Record<string, string>;
  bytes(format: string): Promise<Uint8Array>;
}

const builds = new Map<string, Promise<SharedBuild>>();

/** Builds the shared stories in `formats` with `theme` (default classic), once per combination per process. */
export function buildSharedSeeds(formats: string[], theme?: string): Promise<SharedBuild> {
  const key = `${formats.join(',')}|${theme ?? ''}`;
  let build = builds.get(key);
  if (!build) {
    build = (async () => {
      const { buildAnthology } = await import('../../src/build.ts');
      const out = await mkdtemp(join(tmpdir(), 'ficbind-shared-'));
      const warnings: string[] = [];
      const result = await buildAnthology({ input: sharedSeeds, out, sourceDateEpoch: epoch, formats, theme, onWarning: (message) => warnings.push(message) });
      const paths = Object.fromEntries(result.files.map((file) => [file.format, file.path]));
      return { result, warnings, paths, bytes: async (format: string) => new Uint8Array(await readFile(paths[format])) };
    })();
    builds.set(key, build);
  }
  return build;
}
