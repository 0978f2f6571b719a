// Runs external programs (Calibre's ebook-convert) through one injectable function, so no step spawns a process tests cannot see.
import { execFile } from 'node:child_process';

export interface CommandResult {
  stdout: string;
  stderr: string;
}

export interface CommandOptions {
  /** Milliseconds before the program is stopped. Default: 5 minutes. */
  timeout?: number;
  /** Extra environment variables, added to the process's own. */
  env?: Record<string, string>;
}

/** Runs `command` with `args` (no shell), resolving with its output, rejecting with `CommandNotFound` or `CommandFailed`. */
export type CommandRunner = (command: string, args: readonly string[], options?: CommandOptions) => Promise<CommandResult>;

/** The program is not installed (not on `PATH`). */
export class CommandNotFound extends Error {
  constructor(readonly command: string) {
    super(`${command} is not installed (not found on PATH)`);
  }
}

/** The program ran and failed (non-zero exit, a signal, the time limit). */
export class CommandFailed extends Error {
  constructor(readonly command: string, readonly stderr: string, message: string) {
    super(message);
  }
}

export const runCommand: CommandRunner = (command, args, options = {}) =>
  new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      { timeout: options.timeout ?? 300_000, maxBuffer: 64 * 1024 * 1024, env: options.env ? { ...process.env, ...options.env } : process.env },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, stderr });
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return reject(new CommandNotFound(command));
        const lastLine = stderr.trim().split('\n').filter(Boolean).pop() ?? error.message.split('\n')[0];
        reject(new CommandFailed(command, stderr, `${command} failed: ${lastLine}`));
      },
    );
  });
