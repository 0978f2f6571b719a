// Reads a file the user handed us only when it is a regular file within a size limit: no FIFO, device or /dev/zero can block or flood a build.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** The largest story file (text, Markdown, HTML): ten times the longest fan fiction there is. */
export const maxStoryBytes = 64 * 1024 * 1024;
/** The largest EPUB file read. */
export const maxEpubFileBytes = 256 * 1024 * 1024;
/** The largest picture file read (a cover photo, an image in a story). */
export const maxImageFileBytes = 50 * 1024 * 1024;

/** Why a file was not read; the caller words the error with the file named. */
export class UnreadableFile extends Error {}

/**
 * The file's bytes. It is opened without blocking (so a FIFO returns at once), checked through the same descriptor to be
 * a regular file of at most `limit` bytes (symbolic links are followed: a link to /dev/zero is a device), then read.
 */
export async function readRegularFile(path: string, limit: number): Promise<Buffer> {
  // Synchronous calls: a build reads hundreds of small files, and four round trips to the thread pool for each cost
  // more than the reads. Nothing here can block: the open does not wait, and only a regular file is read.
  let descriptor: number;
  try {
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UnreadableFile(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : (error as Error).message);
  }
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) throw new UnreadableFile('it is not a regular file (a FIFO, device or socket); expected a file');
    if (stats.size > limit) throw new UnreadableFile(`it is ${megabytes(stats.size)} MB, over the limit of ${megabytes(limit)} MB`);
    const bytes = Buffer.alloc(stats.size);
    let read = 0;
    while (read < stats.size) {
      const bytesRead = readSync(descriptor, bytes, read, stats.size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return bytes.subarray(0, read);
  } finally {
    closeSync(descriptor);
  }
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
}
