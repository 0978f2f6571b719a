// `ficbind watch [DIR]`: build the project again whenever a story, anthology.yaml, a theme or a cover template changes, a line per build; --serve shows the EPUB in a browser page.
import type { Argv } from 'yargs';
import { relative, resolve } from 'node:path';
import { tell, warn, type CliIO } from '../io.ts';
import { formatSize } from '../report.ts';
import { portOf } from './studio.ts';

export const command = 'watch [dir]';
export const describe = 'Build the project now and again after every change to its stories, anthology.yaml, themes or covers';
export const examples: [string, string][] = [
  ['$0 watch', 'Rebuild this folder\'s project on every save'],
  ['$0 watch --serve', 'Also show the EPUB in a browser page (127.0.0.1) that reloads after each build'],
];

export function builder(yargs: Argv) {
  return yargs
    .positional('dir', { type: 'string', describe: 'The project folder (its anthology.yaml, or the nearest one above) [default: the current folder]' })
    .option('serve', { type: 'boolean', describe: 'Serve the built EPUB in a preview page on 127.0.0.1, reloaded after each build [default: false]' })
    .option('port', { type: 'number', describe: 'Port for --serve [default: a free one]' });
}

export interface WatchArgs {
  dir?: string;
  serve?: boolean;
  port?: number;
}

export async function handler(args: WatchArgs, io: CliIO): Promise<number> {
  const port = portOf(args.port);
  const { watchProject } = await import('../../studio/index.ts');
  const watcher = await watchProject({
    folder: resolve(io.cwd, args.dir ?? '.'),
    serve: args.serve,
    port,
    onWarning: (message) => warn(io, message),
    onBuilt: ({ number, milliseconds, result, error }) => {
      if (error !== undefined) return io.err(`ficbind: build ${number} failed: ${(error as { describe?: (cwd: string) => string }).describe?.(io.cwd) ?? (error as Error).message}`);
      const files = result!.files.map((file) => `${relative(io.cwd, file.path) || file.path} ${formatSize(file.bytes)}`).join(', ');
      io.out(`Build ${number}: ${result!.anthology.stories.length} stories, ${result!.words.toLocaleString('en')} words in ${(milliseconds / 1000).toFixed(2)} s → ${files}`);
    },
  });
  if (watcher.url) io.out(`ficbind watch: preview at ${watcher.url}`);
  tell(io, 'Watching for changes; Ctrl-C stops.');
  await io.untilInterrupted?.();
  await watcher.close();
  return 0;
}
