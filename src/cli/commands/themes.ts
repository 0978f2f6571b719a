// `ficbind themes`: list the themes a build can use, the project's own `templates/<name>/` folders among them.
import type { Argv } from 'yargs';
import { relative } from 'node:path';
import { listThemes } from '../../index.ts';
import type { CliIO } from '../io.ts';

export const command = 'themes';
export const describe = 'List the themes (bundled, and templates/<name>/ folders of your project)';

export function builder(yargs: Argv) {
  return yargs
    .option('json', { type: 'boolean', default: false, describe: 'Print a JSON array of { "name", "description" }' })
    .option('input', { alias: 'i', type: 'string', describe: 'The anthology folder whose templates/ to include [default: the current folder]' });
}

export interface ThemesArgs {
  json: boolean;
  input?: string;
}

export async function handler(args: ThemesArgs, io: CliIO): Promise<number> {
  const projectFolders = args.input ? [args.input, io.cwd] : [io.cwd];
  const themes = listThemes({ projectFolders });
  if (args.json) {
    io.out(JSON.stringify(themes.map(({ name, description }) => ({ name, description })), null, 2));
    return 0;
  }
  const width = Math.max(...themes.map((theme) => theme.name.length));
  for (const theme of themes) {
    const origin = theme.bundled ? '' : `  (${relative(io.cwd, theme.folder) || theme.folder})`;
    io.out(`${theme.name.padEnd(width)}  ${theme.description}${origin}`);
  }
  return 0;
}
