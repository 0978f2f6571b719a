// Writes output files atomically: temp files named `.ficbind-…tmp` beside the targets, fsync, then every rename — never a half-written book.
import { link, open, readdir, rename, rm, mkdir } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { OutputError } from './errors.ts';

/** `.ficbind-<name>.<pid>.tmp`: recognizable, so a later build removes what a killed one left. */
const tempPattern = /^\.ficbind-.+\.(\d+)\.tmp$/;

export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  await writeFilesAtomic([{ path, data }]);
}

/**
 * Writes every file's temp copy first, then renames them all, so a build killed while writing leaves the old set
 * of books or the new one (and at worst temp files, which the next call removes).
 */
export async function writeFilesAtomic(files: { path: string; data: Uint8Array | string }[]): Promise<void> {
  const temps = files.map(({ path }) => tempPathFor(path));
  let current = files[0]?.path;
  try {
    for (const folder of new Set(files.map(({ path }) => dirname(path)))) {
      current = folder;
      await mkdir(folder, { recursive: true });
      await removeStaleTemps(folder);
    }
    for (const [index, { path, data }] of files.entries()) {
      current = path;
      await writeAndSync(temps[index], data, 'w');
    }
    for (const [index, { path }] of files.entries()) {
      current = path;
      await renameRetrying(temps[index], path);
    }
  } catch (error) {
    // Cleaning up must not hide the real reason (an --out naming a file makes every path ENOTDIR).
    await Promise.all(temps.map((temp) => rm(temp, { force: true }).catch(() => undefined)));
    throw new OutputError(`cannot write output: ${(error as Error).message}`, { file: current ?? '' }, { cause: error });
  }
}

function tempPathFor(path: string): string {
  return join(dirname(path), `.ficbind-${basename(path)}.${process.pid}.tmp`);
}

/** Temp files of builds that are no longer running (killed), from this folder. */
async function removeStaleTemps(folder: string): Promise<void> {
  for (const name of await readdir(folder)) {
    const match = tempPattern.exec(name);
    if (match && !isRunning(Number(match[1]))) await rm(join(folder, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * On Windows a reader app or virus scanner holding the old book open makes the rename fail for a moment
 * with EPERM, EBUSY or EACCES: try again for about three seconds before giving up.
 */
export async function renameRetrying(from: string, to: string, attempts = 12, renameOnce: (from: string, to: string) => Promise<void> = rename): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await renameOnce(from, to);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= attempts || !(code === 'EPERM' || code === 'EBUSY' || code === 'EACCES')) throw error;
      await new Promise((wake) => setTimeout(wake, Math.min(20 * 2 ** (attempt - 1), 400)));
    }
  }
}

/**
 * Writes a new file whole or not at all, and never over an existing one (`ficbind init`): the temp file is
 * hard-linked to `path`, which fails when `path` exists. Where a file system has no hard links, an exclusive create.
 */
export async function createFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeAndSync(temp, data, 'w');
    try {
      await link(temp, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
      await writeAndSync(path, data, 'wx');
    }
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    throw new OutputError(exists ? 'already exists; not overwritten' : `cannot write output: ${(error as Error).message}`, { file: path }, { cause: error });
  } finally {
    await rm(temp, { force: true });
  }
}

async function writeAndSync(path: string, data: Uint8Array | string, flags: string): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
