// `ficbind check`: list every story's typography diagnostics; exit 1 when any is an error.
import type { Argv } from 'yargs';
import { checkStoryFiles } from '../../check.ts';
import { diagnosticsOf, formatDiagnostics, summarizeDiagnostics } from '../report.ts';
import type { CliIO } from '../io.ts';
import { storyOptionsFrom, storyOptionFlags, type StoryFlags } from './story-flags.ts';

export const command = 'check <paths..>';
export const describe = 'Report typography diagnostics for story files or folders';

export function builder(yargs: Argv) {
  return storyOptionFlags(yargs)
    .positional('paths', { type: 'string', array: true, describe: 'Story files or folders of stories' })
    .option('format', { type: 'string', choices: ['text', 'json'], default: 'text', describe: 'Report as text lines or a JSON array' });
}

export interface CheckArgs extends StoryFlags {
  paths: string[];
  format: 'text' | 'json';
}

export async function handler(args: CheckArgs, io: CliIO): Promise<number> {
  const diagnostics = diagnosticsOf(await checkStoryFiles(args.paths, storyOptionsFrom(args)));
  if (args.format === 'json') io.out(JSON.stringify(diagnostics, null, 2));
  else {
    if (diagnostics.length > 0) io.out(formatDiagnostics(diagnostics));
    io.err(summarizeDiagnostics(diagnostics));
  }
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
