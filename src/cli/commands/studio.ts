// `ficbind studio [DIR]`: the project in a browser page on 127.0.0.1, with a preview that follows every edit, until Ctrl-C.
import type { Argv } from 'yargs';
import { relative, resolve } from 'node:path';
import { tell, warn, type CliIO } from '../io.ts';
import { UsageError } from '../../errors.ts';

export const command = 'studio [dir]';
export const describe = 'Make the anthology in a browser page: stories, book settings, typography, a live preview and builds (127.0.0.1 only)';
export const examples: [string, string][] = [
  ['$0 studio', 'Open this folder\'s project in the studio; open the address it prints'],
  ['$0 studio summer-stories --port 8400 --open', 'A new project in summer-stories/ on port 8400, opened in the browser'],
];

export function builder(yargs: Argv) {
  return yargs
    .positional('dir', { type: 'string', describe: 'The project folder; one without anthology.yaml is made a project first [default: the current folder]' })
    .option('port', { type: 'number', describe: 'Port on 127.0.0.1 [default: a free one]' })
    .option('open', { type: 'boolean', describe: 'Open the page in the default browser [default: false]' });
}

export interface StudioArgs {
  dir?: string;
  port?: number;
  open?: boolean;
}

export async function handler(args: StudioArgs, io: CliIO): Promise<number> {
  const port = portOf(args.port);
  const { startStudio } = await import('../../studio/index.ts');
  const folder = resolve(io.cwd, args.dir ?? '.');
  const studio = await startStudio({ folder, port, onWarning: (message) => warn(io, message) });
  if (studio.initialized) tell(io, `Made ${relative(io.cwd, folder) || '.'} a project (anthology.yaml and README.md)`);
  io.out(`ficbind studio: ${studio.url}`);
  tell(io, 'Open that address (it holds this run\'s secret token); Ctrl-C stops the studio.');
  if (args.open) openInBrowser(studio.url);
  await io.untilInterrupted?.();
  await studio.close();
  return 0;
}

/** `--port N`: 1 to 65535; absent for a free port. */
export function portOf(port: number | undefined): number | undefined {
  if (port === undefined) return undefined;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port must be a whole number from 1 to 65535, got ${port}`);
  return port;
}

/** The system's way of opening an address; a failure leaves the printed address to the user. */
export async function openInBrowser(url: string): Promise<void> {
  const { spawn } = await import('node:child_process');
  const [command, ...args] = process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '', url] : ['xdg-open', url];
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => {});
  child.unref();
}
