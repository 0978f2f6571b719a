// `ficbind covers`: list the cover templates — the project's own covers/*.svg and the ones ficbind ships.
import type { Argv } from 'yargs';
import { relative } from 'node:path';
import { listCoverTemplates } from '../../index.ts';
import type { CliIO } from '../io.ts';

export const command = 'covers';
export const describe = 'List the cover templates (shipped, and covers/*.svg of your project)';

export function builder(yargs: Argv) {
  return yargs.option('json', { type: 'boolean', default: false, describe: 'Print a JSON array of { "name", "description" }' });
}

export interface CoversArgs {
  json: boolean;
}

export async function handler(args: CoversArgs, io: CliIO): Promise<number> {
  const templates = await listCoverTemplates({ projectFolder: io.cwd, onWarning: (message) => io.err(`warning: ${message}`) });
  if (args.json) {
    io.out(JSON.stringify(templates.map(({ name, description }) => ({ name, description })), null, 2));
    return 0;
  }
  const width = Math.max(...templates.map((template) => template.name.length));
  for (const template of templates) {
    const origin = template.shipped ? '' : `  (${relative(io.cwd, template.path) || template.path})`;
    io.out(`${template.name.padEnd(width)}  ${template.description}${origin}`);
  }
  return 0;
}
