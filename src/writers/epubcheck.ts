// `build --check`: runs the W3C's EPUBCheck (Java) on a finished book and returns its errors, or says how to install it.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutputError } from '../errors.ts';
import { CommandFailed, CommandNotFound, runCommand as defaultRunner, type CommandRunner } from '../run-command.ts';

/** Where Debian's `epubcheck` package puts the jar. */
export const defaultEpubcheckJar = '/usr/share/java/epubcheck.jar';

export interface EpubcheckOptions {
  /** The EPUBCheck jar (`$EPUBCHECK_JAR`). Default: Debian's, `/usr/share/java/epubcheck.jar`. */
  jar?: string;
  /** Runs `java`. Default: a child process. */
  runCommand?: CommandRunner;
}

/** What to do when EPUBCheck cannot run: the one message every caller shows. */
export function epubcheckMissingMessage(jar: string, reason: string): string {
  return (
    `--check needs EPUBCheck, and ${reason}: install Java and EPUBCheck (Debian: apt-get install epubcheck; others: ` +
    `https://www.w3.org/publishing/epubcheck/ and set EPUBCHECK_JAR to the jar; looked for ${jar})`
  );
}

interface EpubcheckReport {
  messages: { ID: string; severity: string; message: string; locations: { path: string; line: number; column: number }[] }[];
}

/**
 * EPUBCheck's fatal errors and errors for the book, one line each (`ERROR RSC-005 OEBPS/toc.ncx:3:4 …`); an empty
 * list when it passes. The book is checked from a temporary folder, removed afterwards. Throws an `OutputError`
 * saying how to install EPUBCheck when Java or the jar is missing.
 */
export async function epubcheckErrors(epub: Uint8Array, options: EpubcheckOptions = {}): Promise<string[]> {
  const jar = options.jar || defaultEpubcheckJar;
  if (!existsSync(jar)) throw new OutputError(epubcheckMissingMessage(jar, `there is no jar at ${jar}`));
  const run = options.runCommand ?? defaultRunner;
  const folder = await mkdtemp(join(tmpdir(), 'ficbind-epubcheck-'));
  try {
    const book = join(folder, 'book.epub');
    const report = join(folder, 'report.json');
    await writeFile(book, epub);
    try {
      // A short run needs no optimizing compiler: C1 alone halves EPUBCheck's time.
      await run('java', ['-XX:TieredStopAtLevel=1', '-jar', jar, book, '--json', report], { timeout: 300_000 });
    } catch (error) {
      if (error instanceof CommandNotFound) throw new OutputError(epubcheckMissingMessage(jar, 'Java is not installed'), undefined, { cause: error });
      // EPUBCheck exits 1 when it finds errors; its report says which.
      if (!(error instanceof CommandFailed) || !existsSync(report)) {
        throw new OutputError(`EPUBCheck could not check the book: ${(error as Error).message}`, undefined, { cause: error });
      }
    }
    const { messages } = JSON.parse(await readFile(report, 'utf8')) as EpubcheckReport;
    return messages
      .filter((message) => message.severity === 'FATAL' || message.severity === 'ERROR')
      .map((message) => {
        const where = message.locations[0];
        const place = where ? ` ${where.path.replace(/^.*?book\.epub\/?/, '')}:${where.line}:${where.column}` : '';
        return `${message.severity} ${message.ID}${place} ${message.message}`;
      });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
