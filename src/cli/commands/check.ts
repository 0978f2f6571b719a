// `ficbind check`: list every story's typography diagnostics; exit 1 when any is an error.
import type { Argv } from 'yargs';
import { isAbsolute, relative } from 'node:path';
import { diagnosticsOf, formatDiagnostics, summarizeDiagnostics } from '../report.ts';
import { remark, type CliIO } from '../io.ts';
import { storyOptionsFrom, storyOptionFlags, type StoryFlags } from './story-flags.ts';

export const command = 'check [paths..]';
export const describe = "Report typography diagnostics for story files or folders (default: the project's stories)";
export const examples: [string, string][] = [
  ['$0 check', 'Typography diagnostics for every story of this project'],
  ['$0 check story.txt --language fr', 'Check one story by French rules'],
  ['$0 check stories --format json', 'Diagnostics as JSON, for an editor or script'],
];

export function builder(yargs: Argv) {
  return storyOptionFlags(yargs)
    .positional('paths', { type: 'string', array: true, describe: 'Story files or folders of stories [default: the stories `ficbind build` reads here]' })
    .option('format', { type: 'string', choices: ['text', 'json'], default: 'text', describe: 'Report as text lines or a JSON array' });
}

export interface CheckArgs extends StoryFlags {
  paths?: string[];
  format: 'text' | 'json';
}

export async function handler(args: CheckArgs, io: CliIO): Promise<number> {
  const [{ checkStoryFiles }, { openProject }] = await Promise.all([import('../../check.ts'), import('../../project.ts')]);
  const paths = args.paths?.length ? args.paths : (await openProject({ cwd: io.cwd, config: args.config })).stories;
  // Paths inside the current folder are shown relative to it, as errors show them.
  const shown = (file: string) => (isAbsolute(file) && !relative(io.cwd, file).startsWith('..') ? relative(io.cwd, file) : file);
  const diagnostics = diagnosticsOf(await checkStoryFiles(paths, await storyOptionsFrom(args))).map((d) => ({ ...d, file: shown(d.file) }));
  if (args.format === 'json') io.out(JSON.stringify(diagnostics, null, 2));
  else {
    if (diagnostics.length > 0) io.out(formatDiagnostics(diagnostics));
    remark(io, summarizeDiagnostics(diagnostics));
  }
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
