// Start-up figures: `ficbind --version`, `--help` and a one-story EPUB build against bare `node -e 0`, in interleaved runs.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, timeProcess } from './measure.ts';

export interface StartupCase {
  name: string;
  /** Median wall time, seconds. */
  seconds: number;
  /** Median user + system CPU time, seconds: steadier than wall time on a busy machine (needs GNU time). */
  cpuSeconds?: number;
  /** This case's median over `node -e 0`'s. */
  timesNode: number;
  /** The goal, as a multiple of `node -e 0` or in seconds, and whether the median met it. */
  target?: { text: string; met: boolean };
}

/**
 * Runs each command `runs` times, round-robin (so a burst of load elsewhere hits every case alike), and
 * reports medians. The one-story build uses the sample story seeds/01-comin-home.txt with a cover, as a user's first build.
 */
export async function measureStartup(repoRoot: string, runs: number, log: (message: string) => void): Promise<StartupCase[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'ficbind-startup-'));
  try {
    await cp(join(repoRoot, 'seeds', '01-comin-home.txt'), join(scratch, 'one', '01-comin-home.txt'));
    const cli = join(repoRoot, 'bin', 'ficbind.js');
    const cases = [
      { name: 'node -e 0', args: ['-e', '0'] },
      { name: 'ficbind --version', args: [cli, '--version'] },
      { name: 'ficbind --help', args: [cli, '--help'] },
      { name: 'ficbind build (1 story, EPUB + cover)', args: [cli, 'build', '--quiet', '--input', join(scratch, 'one'), '--out', join(scratch, 'out')] },
    ];
    const wall = cases.map(() => [] as number[]);
    const cpu = cases.map(() => [] as number[]);
    for (let run = 1; run <= runs; run++) {
      for (const [index, { args }] of cases.entries()) {
        const result = await timeProcess(process.execPath, args, { cwd: scratch, env: { ...process.env, SOURCE_DATE_EPOCH: '0' } });
        if (result.exitCode !== 0) throw new Error(`${cases[index].name}: exit status ${result.exitCode}: ${result.stderr.trim().split('\n').at(-1)}`);
        wall[index].push(result.seconds);
        if (result.cpuSeconds !== undefined) cpu[index].push(result.cpuSeconds);
      }
      log(`start-up: run ${run}/${runs}`);
    }
    const node = median(wall[0]);
    return cases.map(({ name }, index) => {
      const seconds = median(wall[index]);
      const startupCase: StartupCase = { name, seconds, cpuSeconds: cpu[index].length ? median(cpu[index]) : undefined, timesNode: seconds / node };
      if (name.startsWith('ficbind --')) startupCase.target = { text: '≤ 3× node -e 0', met: seconds <= 3 * node };
      if (name.startsWith('ficbind build')) startupCase.target = { text: '≤ 0.5 s on an idle machine', met: seconds <= 0.5 };
      return startupCase;
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export function formatStartup(cases: StartupCase[], runs: number): string {
  const rows = cases.map((c) => [c.name, c.seconds.toFixed(3), c.cpuSeconds?.toFixed(3) ?? '–', `${c.timesNode.toFixed(1)}×`, c.target ? `${c.target.met ? 'met' : 'MISSED'} (${c.target.text})` : '']);
  const header = ['start-up (median of ' + runs + ', interleaved)', 'wall s', 'CPU s', 'vs node', 'target'];
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 || column === 4 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
