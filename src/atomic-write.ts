// Writes output files as one set: temp files named `.ficbind-…tmp` beside the targets, fsync, a commit journal, then every rename; a file that already holds its bytes is only touched.
import { link, lstat, open, readdir, readFile, rename, rm, mkdir, utimes } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { OutputError } from './errors.ts';

/** `.ficbind-<name>.<pid>.tmp`: recognizable, so a later build removes what a killed one left. */
const tempPattern = /^\.ficbind-.+\.(\d+)\.tmp$/;
/** `.ficbind-commit.<pid>.json`: the renames a build had started when it was killed, finished by the next one. */
const journalPattern = /^\.ficbind-commit\.(\d+)\.json$/;

/** One rename of a commit: absolute paths. */
interface Rename {
  from: string;
  to: string;
}

export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  await writeFilesAtomic([{ path, data }]);
}

/**
 * Writes every file's temp copy first (synced), then a journal listing the renames, then renames them all and
 * removes the journal. A build killed before the journal is complete leaves the old set of books (and temp files,
 * which the next call removes); one killed after it leaves a journal, and the next call finishes its renames
 * first, so the folder holds the new set. A file that already holds exactly its new bytes (an unchanged book built
 * again) is not written again, only given the time of now, as a written one would be.
 */
export async function writeFilesAtomic(files: { path: string; data: Uint8Array | string }[]): Promise<void> {
  for (const folder of new Set(files.map(({ path }) => dirname(path)))) {
    try {
      await mkdir(folder, { recursive: true });
      // First, so that what a killed build left cannot replace a file found to hold its bytes already.
      await recoverInterruptedWrites(folder);
    } catch (error) {
      throw new OutputError(`cannot write output: ${(error as Error).message}`, { file: folder }, { cause: error });
    }
  }
  const alreadyThere = await Promise.all(files.map(({ path, data }) => holdsBytes(path, data)));
  await writeChangedFiles(files.filter((_, index) => !alreadyThere[index]));
  const now = new Date();
  for (const [index, { path }] of files.entries()) {
    if (alreadyThere[index]) await utimes(path, now, now).catch(() => undefined);
  }
}

/** Whether `path` is a regular file holding exactly `data`. */
async function holdsBytes(path: string, data: Uint8Array | string): Promise<boolean> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  try {
    const facts = await lstat(path);
    if (!facts.isFile() || facts.size !== bytes.byteLength) return false;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).equals(await readFile(path));
  } catch {
    return false;
  }
}

/** The journaled write of `writeFilesAtomic`, into folders that exist and hold nothing a killed build left. */
async function writeChangedFiles(files: { path: string; data: Uint8Array | string }[]): Promise<void> {
  if (files.length === 0) return;
  const temps = files.map(({ path }) => join(dirname(path), `.ficbind-${basename(path)}.${process.pid}.tmp`));
  const journalFolder = dirname(files[0]?.path ?? '.');
  const journal = join(journalFolder, `.ficbind-commit.${process.pid}.json`);
  const journalTemp = join(journalFolder, `.ficbind-commit.${process.pid}.tmp`);
  let current = files[0]?.path;
  try {
    for (const [index, { path, data }] of files.entries()) {
      current = path;
      await writeSynced(temps[index], data);
    }
    const renames: Rename[] = files.map(({ path }, index) => ({ from: temps[index], to: path }));
    // A set in one folder (a build's books and cover) is committed with a journal.
    const journaled = renames.length > 1 && renames.every(({ to }) => dirname(to) === journalFolder);
    if (journaled) {
      // The commit point: once the journal has its name, the new set is what the folder will hold.
      current = journal;
      await writeSynced(journalTemp, JSON.stringify(renames));
      await rename(journalTemp, journal);
    }
    for (const { from, to } of renames) {
      current = to;
      await renameRetrying(from, to);
    }
    if (journaled) await rm(journal, { force: true });
  } catch (error) {
    // Cleaning up must not hide the real reason (an --out naming a file makes every path ENOTDIR).
    await Promise.all([...temps, journalTemp, journal].map((temp) => rm(temp, { force: true }).catch(() => undefined)));
    throw new OutputError(`cannot write output: ${(error as Error).message}`, { file: current ?? '' }, { cause: error });
  }
}

async function writeSynced(path: string, data: Uint8Array | string, flags = 'w'): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * What builds that are no longer running (killed) left in this folder: the renames of a committed set are finished,
 * then every other temp file is removed.
 */
export async function recoverInterruptedWrites(folder: string): Promise<void> {
  const names = await readdir(folder);
  for (const name of names) {
    const match = journalPattern.exec(name);
    if (!match || isRunning(Number(match[1]))) continue;
    for (const { from, to } of await journalRenames(join(folder, name))) {
      await renameRetrying(from, to).catch((error: NodeJS.ErrnoException) => {
        // Renamed already, before the kill.
        if (error.code !== 'ENOENT') throw error;
      });
    }
    await rm(join(folder, name), { force: true });
  }
  for (const name of names) {
    const match = tempPattern.exec(name);
    if (match && !isRunning(Number(match[1]))) await rm(join(folder, name), { force: true });
  }
}

/** The renames a journal lists: only `.ficbind-` temp files onto files of its own folder, so a planted journal can move nothing else. */
async function journalRenames(path: string): Promise<Rename[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (entry): entry is Rename =>
      typeof entry?.from === 'string' && typeof entry?.to === 'string' && dirname(entry.from) === dirname(path) && dirname(entry.to) === dirname(path) && tempPattern.test(basename(entry.from)),
  );
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
  const temp = join(dirname(path), `.ficbind-${basename(path)}.${process.pid}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeSynced(temp, data);
    try {
      await link(temp, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
      await writeSynced(path, data, 'wx');
    }
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    throw new OutputError(exists ? 'already exists; not overwritten' : `cannot write output: ${(error as Error).message}`, { file: path }, { cause: error });
  } finally {
    await rm(temp, { force: true });
  }
}
