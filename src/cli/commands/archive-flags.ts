// The flags add and update share (--project, --cookies, --delay, --timeout) and the library options they become.
import type { Argv } from 'yargs';
import { UsageError } from '../../errors.ts';
import type { CliIO } from '../io.ts';

/** The least pause between requests to one host, in seconds (AO3 asks tools to keep their rate low); mirrors the library's minimum. */
const minimumDelay = 5;

export function archiveFlags<T>(yargs: Argv<T>) {
  return yargs
    .option('project', { alias: 'p', type: 'string', describe: 'The project folder (its anthology.yaml, or the nearest one above) [default: the current folder]' })
    .option('cookies', { type: 'string', describe: 'A cookies.txt file (Netscape format) exported from a browser logged in to AO3, for works only members may read; never a password' })
    .option('delay', { type: 'number', describe: `Seconds between requests to the archive, at least ${minimumDelay} [default: ${minimumDelay}]` })
    .option('timeout', { type: 'number', describe: 'Seconds one request may take [default: 60]' });
}

export interface ArchiveArgs {
  project?: string;
  cookies?: string;
  delay?: number;
  timeout?: number;
}

export function archiveOptions(args: ArchiveArgs, io: CliIO) {
  if (args.delay !== undefined && !(args.delay >= minimumDelay)) throw new UsageError(`--delay must be at least ${minimumDelay} seconds (the archive asks tools to keep their rate low), got ${args.delay}`);
  if (args.timeout !== undefined && !(args.timeout > 0)) throw new UsageError(`--timeout must be a number of seconds above 0, got ${args.timeout}`);
  return {
    cwd: io.cwd,
    project: args.project,
    cookiesFile: args.cookies,
    delaySeconds: args.delay,
    timeoutMs: args.timeout === undefined ? undefined : args.timeout * 1000,
    fetch: io.archive?.fetch,
    clock: io.archive?.clock,
  };
}
