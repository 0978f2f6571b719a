// Runs the ficbind CLI inside the test process, as if typed in a folder: what it printed (stdout and stderr interleaved, as on a terminal) and its exit status.
import { runCli } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/io.ts';

export interface CliRun {
  /** Every printed line, joined with newlines. */
  out: string;
  lines: string[];
  status: number;
}

/** `ficbind ARGS` in `cwd`, off a terminal, with `env` (default: SOURCE_DATE_EPOCH=0, so books are reproducible). */
export async function runCliIn(cwd: string, args: string[], env: Record<string, string> = { SOURCE_DATE_EPOCH: '0' }): Promise<CliRun> {
  const lines: string[] = [];
  const io: CliIO = { out: (line) => lines.push(line), err: (line) => lines.push(line), errRaw: () => {}, isTTY: false, env, cwd, now: () => 0 };
  const status = await runCli(args, io);
  return { out: lines.join('\n'), lines, status };
}
