// `ficbind fix`: print one normalized story (a file, or standard input with `-`), or write one file per input into --out-dir.
import type { Argv } from 'yargs';
import { basename, extname, join } from 'node:path';
import { fixExtensions, fixTargets, type FixTarget } from '../../fix-targets.ts';
import { UsageError } from '../../errors.ts';
import { remark, standardInput, type CliIO } from '../io.ts';
import { storyOptionsFrom, storyOptionFlags, type StoryFlags } from './story-flags.ts';

export const command = 'fix <files..>';
export const describe = 'Print a story with its typography fixed (or write one file per input with --out-dir)';
export const examples: [string, string][] = [
  ['$0 fix story.txt', 'Print the story with curly quotes, dashes and ellipses fixed'],
  ['$0 fix story.html --to md > story.md', 'Turn a saved AO3 page into fixed Markdown'],
  ['pbpaste | $0 fix - --from md', 'Fix Markdown from standard input'],
  ['$0 fix stories/*.txt --out-dir fixed', 'Write fixed/<name>.txt for each story'],
];

/** What standard input holds: its format picks the reader, as a file's extension does. */
const stdinFormats = { text: '.txt', md: '.md', html: '.html' } as const;

export function builder(yargs: Argv) {
  return storyOptionFlags(yargs)
    .positional('files', { type: 'string', array: true, describe: 'Story files (.txt, .md, .html, .epub), or - for standard input' })
    .option('to', { type: 'string', choices: fixTargets, default: 'text', describe: 'Output: text, md, or html (the XHTML body the EPUB gets)' })
    .option('from', { type: 'string', choices: Object.keys(stdinFormats), default: 'text', describe: 'What standard input (-) holds: text, md or html' })
    .option('out-dir', { type: 'string', describe: 'Write DIR/<name>.txt|.md|.html per input instead of printing' });
}

export interface FixArgs extends StoryFlags {
  files: string[];
  to: FixTarget;
  from?: keyof typeof stdinFormats;
  outDir?: string;
}

export async function handler(args: FixArgs, io: CliIO): Promise<number> {
  if (!args.outDir && args.files.length > 1) throw new UsageError('fix prints one story; give --out-dir DIR to fix several');
  if (args.files.includes(standardInput) && (args.outDir || args.files.length > 1)) throw new UsageError('fix - reads one story from standard input and prints it; it takes no other files or --out-dir');
  const options = await storyOptionsFrom(args);
  const { fixStoryFile, renderStory } = await import('../../check.ts');
  if (args.files[0] === standardInput) {
    if (!io.readStdin) throw new UsageError('standard input cannot be read here');
    const [{ loadStoryFromBytes }, { storyOptionsLookup }] = await Promise.all([import('../../load-story.ts'), import('../../project.ts')]);
    // Standard input is set as a story of the current folder's project would be.
    const name = `stdin${stdinFormats[args.from ?? 'text']}`;
    const story = loadStoryFromBytes(await io.readStdin(), name, await storyOptionsLookup(options)(join(io.cwd, name)));
    io.out(renderStory(story, args.to).replace(/\n$/, ''));
    return 0;
  }
  const { writeFileAtomic } = await import('../../atomic-write.ts');
  for (const file of args.files) {
    const { output } = await fixStoryFile(file, args.to, options);
    if (!args.outDir) {
      io.out(output.replace(/\n$/, ''));
      continue;
    }
    const target = join(args.outDir, basename(file, extname(file)) + fixExtensions[args.to]);
    await writeFileAtomic(target, output);
    remark(io, `${file} → ${target}`);
  }
  return 0;
}
