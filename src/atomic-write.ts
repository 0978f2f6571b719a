// Writes output files atomically: a temp file beside the target, fsync, rename — never a half-written book.
import { open, rename, rm, mkdir } from 'node:fs/promises';
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
    await renameRetrying(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new OutputError(`cannot write output: ${(error as Error).message}`, { file: path }, { cause: error });
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
