// `ficbind init [DIR]`: make a folder a project (anthology.yaml and README.md) and say what to do next.
import type { Argv } from 'yargs';
import { relative, resolve } from 'node:path';
import { tell, type CliIO } from '../io.ts';

export const command = 'init [dir]';
export const describe = 'Start a project: anthology.yaml (every setting explained) and a README, listing the stories already there';
export const examples: [string, string][] = [
  ['$0 init', 'Make this folder of stories a project'],
  ['$0 init summer-stories --title "Summer Stories"', 'Start a new project in summer-stories/'],
];

export function builder(yargs: Argv) {
  return yargs
    .positional('dir', { type: 'string', describe: 'The project folder, made if missing [default: the current folder]' })
    .option('title', { type: 'string', describe: "The anthology's title [default: from the folder's name]" });
}

export interface InitArgs {
  dir?: string;
  title?: string;
}

export async function handler(args: InitArgs, io: CliIO): Promise<number> {
  const { initProject } = await import('../../init/index.ts');
  const result = await initProject(resolve(io.cwd, args.dir ?? '.'), { title: args.title });
  const shown = (path: string) => relative(io.cwd, path) || '.';
  tell(io, `Created ${result.files.map(shown).join(' and ')} for "${result.title}"`);
  const count = result.stories.length;
  if (count > 0) tell(io, `  ${count} ${count === 1 ? 'story' : 'stories'} listed in reading order under stories:`);
  const where = shown(result.folder);
  const next = count > 0 ? 'check the order and settings in anthology.yaml, then run `ficbind build`' : 'put your stories in the folder, then run `ficbind build`';
  tell(io, `Next: ${next}${where === '.' ? '' : ` in ${where}`}.`);
  return 0;
}
