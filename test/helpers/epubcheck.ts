// Runs EPUBCheck (the jar; the /usr/bin/epubcheck launcher does not start) on a book and counts what it reports.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandMissing, run } from './external-tools.ts';

export const epubcheckJar = process.env.EPUBCHECK_JAR ?? '/usr/share/java/epubcheck.jar';

/** A short run needs no optimizing compiler: C1 alone halves EPUBCheck's time per book. */
const fastStart = ['-XX:TieredStopAtLevel=1'];

export interface EpubcheckResult {
  /** Fatal errors and errors. */
  errors: number;
  warnings: number;
  /** `SEVERITY ID path:line:column message`, one per reported problem (usage hints left out). */
  messages: string[];
}

interface EpubcheckReport {
  checker: { nFatal: number; nError: number; nWarning: number };
  messages: { ID: string; severity: string; message: string; locations: { path: string; line: number; column: number }[] }[];
}

/** Why EPUBCheck cannot run here, or undefined when it can. */
export async function epubcheckMissing(): Promise<string | undefined> {
  if (!existsSync(epubcheckJar)) return `EPUBCheck jar not found at ${epubcheckJar} (set EPUBCHECK_JAR)`;
  return commandMissing('java', ['-version']);
}

export async function epubcheck(path: string): Promise<EpubcheckResult> {
  const directory = await mkdtemp(join(tmpdir(), 'ficbind-epubcheck-'));
  const reportPath = join(directory, 'report.json');
  try {
    // EPUBCheck exits 1 when it finds errors; the report says what they are.
    await run('java', [...fastStart, '-jar', epubcheckJar, path, '--json', reportPath], { timeout: 120_000 }).catch((error: unknown) => {
      if (!existsSync(reportPath)) throw error;
    });
    const report = JSON.parse(await readFile(reportPath, 'utf8')) as EpubcheckReport;
    return {
      errors: report.checker.nFatal + report.checker.nError,
      warnings: report.checker.nWarning,
      messages: report.messages
        .filter((message) => message.severity !== 'USAGE' && message.severity !== 'INFO')
        .map((message) => {
          const where = message.locations[0];
          const place = where ? `${where.path}:${where.line}:${where.column}` : '';
          return `${message.severity} ${message.ID} ${place} ${message.message}`;
        }),
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
