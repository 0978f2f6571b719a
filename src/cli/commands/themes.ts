// `ficbind themes`: list the themes a build can use, the project's own `templates/<name>/` folders among them.
import type { Argv } from 'yargs';
import { dirname, resolve } from 'node:path';
import type { CliIO } from '../io.ts';
import { printListing } from '../listing.ts';

export const command = 'themes';
export const describe = 'List the themes (bundled, and templates/<name>/ folders of your project)';
export const examples: [string, string][] = [
  ['$0 themes', 'The bundled themes and those of this project'],
  ['$0 themes --json', 'The same as JSON'],
];

export function builder(yargs: Argv) {
  return yargs
    .option('json', { type: 'boolean', default: false, describe: 'Print a JSON array of { "name", "description" }' })
    .option('input', { alias: 'i', type: 'string', describe: "The anthology folder whose templates/ to include [default: the current folder's project]" });
}

export interface ThemesArgs {
  json: boolean;
  input?: string;
}

export async function handler(args: ThemesArgs, io: CliIO): Promise<number> {
  const [{ listThemes }, { findConfig }] = await Promise.all([import('../../themes/index.ts'), import('../../project.ts')]);
  // The project's own themes: beside the anthology.yaml this folder belongs to, as build finds them.
  const config = findConfig(args.input ? resolve(io.cwd, args.input) : io.cwd);
  const projectFolders = [...(args.input ? [resolve(io.cwd, args.input)] : []), ...(config ? [dirname(config)] : []), io.cwd];
  const themes = listThemes({ projectFolders });
  printListing(themes.map((theme) => ({ ...theme, projectPath: theme.bundled ? undefined : theme.folder })), args.json, io);
  return 0;
}
