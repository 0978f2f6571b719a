// Typed errors: every failure the library raises, with the file and position a user needs to fix it.
import { isAbsolute, relative } from 'node:path';

/** Where in an input file a problem is. Lines and columns are 1-based. */
export interface Place {
  file: string;
  line?: number;
  column?: number;
}

/** Base class: the CLI turns any FicbindError into one line and an exit status. */
export class FicbindError extends Error {
  /** Process exit status the CLI uses: 1 bad input, 2 bad usage. */
  readonly exitCode: number = 1;
  constructor(message: string, readonly place?: Place, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  /** `file:line:column: message`, or just the message when there is no place; paths under `cwd` shown relative. */
  describe(cwd?: string): string {
    if (!this.place) return this.message;
    const { line, column } = this.place;
    const file = cwd && isAbsolute(this.place.file) && !relative(cwd, this.place.file).startsWith('..') ? relative(cwd, this.place.file) || '.' : this.place.file;
    const where = [file, line, line !== undefined ? column : undefined].filter((part) => part !== undefined).join(':');
    return `${where}: ${this.message}`;
  }
}

/** A story file that cannot be read or decoded, or has malformed front matter. */
export class InputError extends FicbindError {}

/** `anthology.yaml` (or the flags standing in for it) is not what ficbind expects. */
export class ConfigError extends FicbindError {}

/** The command line itself is wrong (unknown format, missing argument). */
export class UsageError extends FicbindError {
  override readonly exitCode = 2;
}

/** A writer could not produce its output (external tool missing, disk full). */
export class OutputError extends FicbindError {}

/** 1-based line of a character offset in a text, for error places. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** An archive (AO3) refused or failed a request `ficbind add` or `update` made: the place is the address. */
export class ArchiveError extends FicbindError {}
