// `ficbind fix`: print one normalized story, or write one file per input into --out-dir.
import type { Argv } from 'yargs';
import { basename, extname, join } from 'node:path';
import { fixStoryFile, fixExtensions, fixTargets, type FixTarget } from '../../check.ts';
import { writeFileAtomic } from '../../atomic-write.ts';
import { UsageError } from '../../errors.ts';
import type { CliIO } from '../io.ts';
import { storyOptionsFrom, storyOptionFlags, type StoryFlags } from './story-flags.ts';

export const command = 'fix <files..>';
export const describe = 'Print a story with its typography fixed (or write one file per input with --out-dir)';

export function builder(yargs: Argv) {
  return storyOptionFlags(yargs)
    .positional('files', { type: 'string', array: true, describe: 'Story files (.txt, .md, .html, .epub)' })
    .option('to', { type: 'string', choices: fixTargets, default: 'text', describe: 'Output: text, md, or html (the XHTML body the EPUB gets)' })
    .option('out-dir', { type: 'string', describe: 'Write DIR/<name>.txt|.md|.html per input instead of printing' });
}

export interface FixArgs extends StoryFlags {
  files: string[];
  to: FixTarget;
  outDir?: string;
}

export async function handler(args: FixArgs, io: CliIO): Promise<number> {
  if (!args.outDir && args.files.length > 1) throw new UsageError('fix prints one story; give --out-dir DIR to fix several');
  const options = storyOptionsFrom(args);
  for (const file of args.files) {
    const { output } = await fixStoryFile(file, args.to, options);
    if (!args.outDir) {
      io.out(output.replace(/\n$/, ''));
      continue;
    }
    const target = join(args.outDir, basename(file, extname(file)) + fixExtensions[args.to]);
    await writeFileAtomic(target, output);
    io.err(`${file} → ${target}`);
  }
  return 0;
}
