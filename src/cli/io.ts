// The CLI's window on the world (streams, environment, clock, network for add and update), injected so commands are testable.
import type { Clock, Fetch } from '../archive/polite-client.ts';

export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** Raw write to stderr without a newline (progress bar). */
  errRaw(text: string): void;
  isTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  now(): number;
  /** Reads all of standard input (`fix -`). */
  readStdin?(): Promise<Uint8Array>;
  /** What `add` and `update` reach the archive with, and the clock their pauses use. Default: Node's fetch and real time. */
  archive?: { fetch?: Fetch; clock?: Clock };
  /** `--quiet`: only errors and what a command is asked to print (a fixed story, diagnostics, a listing). */
  quiet?: boolean;
  /** Resolves on Ctrl-C (SIGINT) or SIGTERM: when `studio` and `watch` stop. */
  untilInterrupted?(): Promise<void>;
}

/**
 * A lone `-` argument (standard input, as in `fix -`) as commands receive it: yargs drops a bare `-`, so runCli
 * passes this instead, a string no path can be.
 */
export const standardInput = '\u0000-';

/** A line saying what was done (a build's summary): standard output, silent under --quiet. */
export function tell(io: CliIO, line: string): void {
  if (!io.quiet) io.out(line);
}

/** A warning on standard error, silent under --quiet. */
export function warn(io: CliIO, message: string): void {
  if (!io.quiet) io.err(`warning: ${message}`);
}

/** A remark on standard error (a check's totals, a file written), silent under --quiet. */
export function remark(io: CliIO, line: string): void {
  if (!io.quiet) io.err(line);
}

export function processIO(): CliIO {
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    errRaw: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
    now: () => performance.now(),
    untilInterrupted: () => new Promise((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
    readStdin: async () => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Uint8Array);
      return new Uint8Array(Buffer.concat(chunks));
    },
  };
}
