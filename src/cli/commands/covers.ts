// `ficbind covers`: list the cover templates — the project's own covers/*.svg and the ones ficbind ships.
import type { Argv } from 'yargs';
import { warn, type CliIO } from '../io.ts';
import { printListing } from '../listing.ts';

export const command = 'covers';
export const describe = 'List the cover templates (shipped, and covers/*.svg of your project)';
export const examples: [string, string][] = [
  ['$0 covers', 'The cover templates: shipped, and covers/*.svg of this project'],
];

export function builder(yargs: Argv) {
  return yargs.option('json', { type: 'boolean', default: false, describe: 'Print a JSON array of { "name", "description" }' });
}

export interface CoversArgs {
  json: boolean;
}

export async function handler(args: CoversArgs, io: CliIO): Promise<number> {
  const { listCoverTemplates } = await import('../../covers/index.ts');
  const templates = await listCoverTemplates({ projectFolder: io.cwd, onWarning: (message) => warn(io, message) });
  printListing(templates.map((template) => ({ ...template, projectPath: template.shipped ? undefined : template.path })), args.json, io);
  return 0;
}
