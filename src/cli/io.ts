// The CLI's window on the world (streams, environment, clock), injected so commands are testable.

export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** Raw write to stderr without a newline (progress bar). */
  errRaw(text: string): void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  now(): number;
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
  };
}
