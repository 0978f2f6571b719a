// The AZW3 writer, for Kindles connected by USB: the finished EPUB converted by Calibre's ebook-convert.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutputError } from '../../errors.ts';
import { CommandFailed, CommandNotFound, runCommand as defaultRunner, type CommandRunner } from '../../run-command.ts';

/** What to do when Calibre is missing: the one message every caller shows. */
export const calibreMissingMessage =
  "AZW3 needs Calibre's ebook-convert: install Calibre (Debian: apt-get install calibre; others: https://calibre-ebook.com/download)";

export interface Azw3Options {
  /** Runs ebook-convert. Default: a child process. */
  runCommand?: CommandRunner;
  /** Folder for the conversion's temporary files. Default: the system's. */
  tempFolder?: string;
}

/**
 * Converts EPUB bytes to AZW3 bytes with `ebook-convert book.epub book.azw3 --no-inline-toc` in a temporary folder, removed
 * afterwards. Throws an `OutputError` saying how to install Calibre when it is missing, or quoting Calibre when
 * it fails.
 */
export async function convertToAzw3(epub: Uint8Array, options: Azw3Options = {}): Promise<Uint8Array> {
  const run = options.runCommand ?? defaultRunner;
  const folder = await mkdtemp(join(options.tempFolder ?? tmpdir(), 'ficbind-azw3-'));
  try {
    const input = join(folder, 'book.epub');
    const output = join(folder, 'book.azw3');
    await writeFile(input, epub);
    try {
      // --no-inline-toc: the book has its own contents page; Calibre would otherwise add a second at the end.
      await run('ebook-convert', [input, output, '--no-inline-toc'], { timeout: 600_000 });
    } catch (error) {
      if (error instanceof CommandNotFound) throw new OutputError(calibreMissingMessage, undefined, { cause: error });
      if (error instanceof CommandFailed) throw new OutputError(`Calibre could not convert the book to AZW3: ${error.message}`, undefined, { cause: error });
      throw error;
    }
    try {
      return new Uint8Array(await readFile(output));
    } catch (error) {
      throw new OutputError('Calibre reported success but wrote no AZW3 file; run `ebook-convert book.epub book.azw3` by hand to see why.', undefined, { cause: error });
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
