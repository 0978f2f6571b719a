// Copies books onto a mounted e-reader: free space checked first, each file written atomically (temp name, fsync, rename).
import { open, statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { OutputError } from '../errors.ts';
import { writeFileAtomic } from '../atomic-write.ts';

/** Bytes a user may still write at `path`. */
export type FreeSpace = (path: string) => Promise<number>;

/** Room kept free beyond the books themselves: file-system clusters round every file up, and the reader writes its own files. */
export const spareBytes = 1024 * 1024;

export const freeSpaceOf: FreeSpace = async (path) => {
  const stats = await statfs(path);
  return Number(stats.bavail) * Number(stats.bsize);
};

/** Refuses, before anything is written, when `bytes` (plus a spare megabyte) will not fit at `folder`. */
export async function checkFreeSpace(folder: string, bytes: number, freeSpace: FreeSpace = freeSpaceOf): Promise<void> {
  let free: number;
  try {
    free = await freeSpace(folder);
  } catch (error) {
    throw new OutputError(`cannot tell how much space is free: ${(error as Error).message}`, { file: folder }, { cause: error });
  }
  if (free < bytes + spareBytes) {
    throw new OutputError(
      `not enough space on the e-reader: ${megabytes(bytes)} to copy but ${megabytes(free)} free; delete books from it, or send fewer`,
      { file: folder },
    );
  }
}

/**
 * Writes `bytes` to `path` on the device: a hidden temp file beside it, fsync, rename over any old copy, then an
 * fsync of the folder so the new name is on the device before it is unplugged. A failure leaves no temp file.
 */
export async function copyToDevice(path: string, bytes: Uint8Array): Promise<void> {
  await writeFileAtomic(path, bytes);
  await syncFolder(dirname(path));
}

/** Best effort: some file systems (and every Windows one) refuse to open or sync a folder, and the rename is done anyway. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The file itself was synced; only the folder entry's durability is left to the OS.
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
