// Runs EPUBCheck (the jar; the /usr/bin/epubcheck launcher does not start) on a book and counts what it reports.
// The test processes of a run share one JVM (EpubcheckServer.java, compiled once per machine, on a Unix socket) that
// checks every book; without a JDK's javac each book gets its own `java -jar`.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
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

/** The run's shared EPUBCheck JVM (started on first use by whichever test process needs it first); undefined without javac. */
function epubcheckServer(): Promise<EpubcheckServer | undefined> {
  starting ??= connectServer();
  return starting;
}

/** Seconds a server waits for another request before it stops. */
const idleSeconds = 30;

async function connectServer(): Promise<EpubcheckServer | undefined> {
  const compiled = await compiledServer();
  if (!compiled) return undefined;
  const socket = join(tmpdir(), `ficbind-epubcheck-${compiled.hash}.sock`);
  return {
    async check(book, report) {
      const request = `${book}\t${report}\n`;
      // A server may stop (idle) just as a request arrives: the request is then refused, and asked again of a new one.
      for (let attempt = 0; attempt < 3; attempt++) {
        const answer = await ask(socket, request).catch(() => undefined);
        if (answer?.startsWith('done ')) return;
        await launch(socket, compiled.classes);
        if ((await ask(socket, request, 120_000).catch(() => undefined))?.startsWith('done ')) return;
      }
      throw new Error(`the EPUBCheck server at ${socket} did not answer`);
    },
  };
}

/** Sends one request line and resolves with the answer line; rejects when no server listens or it hangs up. */
function ask(socket: string, request: string, waitForServer = 0): Promise<string> {
  const deadline = Date.now() + waitForServer;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const connection = createConnection(socket);
      let answer = '';
      connection.setEncoding('utf8');
      connection.on('connect', () => connection.write(request));
      connection.on('data', (chunk: string) => (answer += chunk));
      connection.on('end', () => (answer.endsWith('\n') ? resolve(answer.trim()) : reject(new Error('the EPUBCheck server hung up'))));
      connection.on('error', (error: NodeJS.ErrnoException) => {
        connection.destroy();
        const notYet = error.code === 'ENOENT' || error.code === 'ECONNREFUSED';
        if (notYet && Date.now() < deadline) setTimeout(attempt, 100);
        else reject(error);
      });
    };
    attempt();
  });
}

/**
 * Starts a server in the background, outliving this test process, unless another process started one in the last
 * minute. A server that finds another holding the lock waits for it to stop.
 */
async function launch(socket: string, classes: string): Promise<void> {
  const marker = `${socket}.starting`;
  try {
    await writeFile(marker, String(process.pid), { flag: 'wx' });
  } catch {
    if (Date.now() - (await stat(marker).catch(() => ({ mtimeMs: 0 }))).mtimeMs < 60_000) return;
    await writeFile(marker, String(process.pid));
  }
  // The test runner (this test file's parent) ends the server when it ends, so no JVM outlives the run.
  const java = spawn('java', [...fastStart, '-cp', [epubcheckJar, classes].join(delimiter), 'EpubcheckServer', socket, String(idleSeconds), marker, String(process.ppid)], {
    detached: true,
    stdio: 'ignore',
  });
  java.unref();
}

/** The server compiled with javac into a folder shared by every test process of this machine, once per source version. */
async function compiledServer(): Promise<{ classes: string; hash: string } | undefined> {
  if ((await commandMissing('javac', ['-version'])) !== undefined) return undefined;
  const source = fileURLToPath(new URL('./EpubcheckServer.java', import.meta.url));
  const hash = createHash('sha256').update(await readFile(source)).update(epubcheckJar).digest('hex').slice(0, 16);
  const classes = join(tmpdir(), `ficbind-epubcheck-server-${hash}`);
  if (existsSync(join(classes, 'EpubcheckServer.class'))) return { classes, hash };
  const building = await mkdtemp(join(tmpdir(), 'ficbind-epubcheck-build-'));
  await run('javac', ['-cp', epubcheckJar, '-d', building, source], { timeout: 120_000 });
  // Another test process may have finished first: either copy is the same.
  await rename(building, classes).catch(() => rm(building, { recursive: true, force: true }));
  return { classes, hash };
}
