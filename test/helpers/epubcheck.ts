// Runs EPUBCheck (the jar; the /usr/bin/epubcheck launcher does not start) on a book and counts what it reports.
// A test process starts one JVM (EpubcheckServer.java, compiled once per machine) and checks every book in it;
// without a JDK's javac it falls back to one `java -jar` per book.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
    const server = await epubcheckServer();
    if (server) await server.check(path, reportPath);
    else {
      // EPUBCheck exits 1 when it finds errors; the report says what they are.
      await run('java', [...fastStart, '-jar', epubcheckJar, path, '--json', reportPath], { timeout: 120_000 }).catch((error: unknown) => {
        if (!existsSync(reportPath)) throw error;
      });
    }
    if (!existsSync(reportPath)) throw new Error(`EPUBCheck wrote no report for ${path}`);
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

interface EpubcheckServer {
  check(book: string, report: string): Promise<void>;
}

let starting: Promise<EpubcheckServer | undefined> | undefined;

/** This process's EPUBCheck JVM, started on first use; undefined when there is no javac to build it with. */
function epubcheckServer(): Promise<EpubcheckServer | undefined> {
  starting ??= startServer();
  return starting;
}

async function startServer(): Promise<EpubcheckServer | undefined> {
  const classes = await compiledServer();
  if (!classes) return undefined;
  const java = spawn('java', [...fastStart, '-cp', [epubcheckJar, classes].join(delimiter), 'EpubcheckServer'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const waiting: { resolve(): void; reject(error: Error): void }[] = [];
  let buffered = '';
  java.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      buffered = buffered.slice(end + 1);
      waiting.shift()?.resolve();
      if (waiting.length === 0) idle();
    }
  });
  java.on('exit', (code) => {
    for (const request of waiting.splice(0)) request.reject(new Error(`the EPUBCheck JVM stopped (exit ${code})`));
    starting = undefined;
  });
  // The JVM must not keep the test process alive; while a check is under way it must.
  const idle = () => {
    java.unref();
    (java.stdin as unknown as { unref?(): void }).unref?.();
    (java.stdout as unknown as { unref?(): void }).unref?.();
  };
  const busy = () => {
    java.ref();
    (java.stdout as unknown as { ref?(): void }).ref?.();
  };
  idle();
  return {
    check: (book, report) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ resolve, reject });
        busy();
        java.stdin.write(`${book}\t${report}\n`);
      }),
  };
}

/** The server compiled with javac into a folder shared by every test process of this machine, once per source version. */
async function compiledServer(): Promise<string | undefined> {
  if ((await commandMissing('javac', ['-version'])) !== undefined) return undefined;
  const source = fileURLToPath(new URL('./EpubcheckServer.java', import.meta.url));
  const hash = createHash('sha256').update(await readFile(source)).update(epubcheckJar).digest('hex').slice(0, 16);
  const classes = join(tmpdir(), `ficbind-epubcheck-server-${hash}`);
  if (existsSync(join(classes, 'EpubcheckServer.class'))) return classes;
  const building = await mkdtemp(join(tmpdir(), 'ficbind-epubcheck-build-'));
  await run('javac', ['-cp', epubcheckJar, '-d', building, source], { timeout: 120_000 });
  // Another test process may have finished first: either copy is the same.
  await rename(building, classes).catch(() => rm(building, { recursive: true, force: true }));
  return classes;
}
