// Timing for the benchmark: in-process runs with a median, and child processes with their peak memory.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export function median(values: number[]): number {
  if (values.length === 0) throw new RangeError('median() of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Seconds one call takes, with its result. */
export async function timeCall<T>(run: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const started = performance.now();
  const result = await run();
  return { seconds: (performance.now() - started) / 1000, result };
}

/** This process's resident-memory high-water mark in bytes (the kernel's figure, so no peak is missed between samples). */
export function peakRssOfThisProcess(): number {
  return process.resourceUsage().maxRSS * 1024;
}

export interface ProcessRun {
  seconds: number;
  exitCode: number | null;
  /** Peak resident memory of the child, when GNU time could measure it. */
  peakRss?: number;
  /** User plus system CPU time of the child, seconds, when GNU time could measure it. */
  cpuSeconds?: number;
  stdout: string;
  /** The child's own stderr, without GNU time's report. */
  stderr: string;
}

const gnuTime = '/usr/bin/time';

/** Runs a command to completion, timing the wall clock from spawn (process start included) to exit. */
export async function timeProcess(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ProcessRun> {
  const measured = existsSync(gnuTime);
  const [file, argv] = measured ? [gnuTime, ['-v', command, ...args]] : [command, args];
  const started = performance.now();
  const { exitCode, stdout, stderr } = await run(file, argv, options);
  const seconds = (performance.now() - started) / 1000;
  if (!measured) return { seconds, exitCode, stdout, stderr };
  // GNU time appends its report to stderr, starting with "Command being timed" (or "Command exited with non-zero status").
  const reportStart = stderr.search(/^\s*(Command being timed|Command exited with)/m);
  const ownStderr = reportStart >= 0 ? stderr.slice(0, reportStart) : stderr;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const cpu = ['User', 'System'].map((kind) => new RegExp(`${kind} time \\(seconds\\): ([\\d.]+)`).exec(stderr)?.[1]);
  const cpuSeconds = cpu.every((value) => value !== undefined) ? Number(cpu[0]) + Number(cpu[1]) : undefined;
  return { seconds, exitCode, stdout, stderr: ownStderr, peakRss: rss ? Number(rss[1]) * 1024 : undefined, cpuSeconds };
}

function run(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

/** The first line a command prints, or undefined when it cannot be run. */
export async function versionOf(command: string, args: string[] = ['--version']): Promise<string | undefined> {
  try {
    const { exitCode, stdout } = await run(command, args, {});
    return exitCode === 0 ? stdout.split('\n')[0].trim() : undefined;
  } catch {
    return undefined;
  }
}
