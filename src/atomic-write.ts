// Writes output files atomically: a temp file beside the target, fsync, rename — never a half-written book.
import { link, open, rename, rm, mkdir } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { OutputError } from './errors.ts';

export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new OutputError(`cannot write output: ${(error as Error).message}`, { file: path }, { cause: error });
  }
}

/**
 * Writes a new file whole or not at all, and never over an existing one (`ficbind init`): the temp file is
 * hard-linked to `path`, which fails when `path` exists. Where a file system has no hard links, an exclusive create.
 */
export async function createFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
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
