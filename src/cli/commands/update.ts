// `ficbind update`: flags to updateStories' options, a progress line per work, what changed ("Title: 12 → 14 chapters").
import type { Argv } from 'yargs';
import { relative } from 'node:path';
import type { StoryUpdate } from '../../archive/index.ts';
import { remark, tell, warn, type CliIO } from '../io.ts';
import { archiveFlags, archiveOptions, type ArchiveArgs } from './archive-flags.ts';

export const command = 'update';
export const describe = 'Check every story added from AO3 for new chapters and download only the ones that changed';
export const examples: [string, string][] = [
  ['$0 update', "Update this project's stories from the archive, then run `ficbind build`"],
  ['$0 update --dry-run', 'Only say which stories changed'],
];

export function builder(yargs: Argv) {
  return archiveFlags(yargs).option('dry-run', { alias: 'n', type: 'boolean', describe: 'Ask what changed; download and write nothing [default: false]' });
}

export interface UpdateArgs extends ArchiveArgs {
  dryRun?: boolean;
}

export async function handler(args: UpdateArgs, io: CliIO): Promise<number> {
  const { updateStories } = await import('../../archive/index.ts');
  const result = await updateStories({ ...archiveOptions(args, io), dryRun: args.dryRun, onProgress: (line) => remark(io, line) });
  if (result.stories.length === 0) {
    tell(io, `No story in ${relative(io.cwd, result.configPath) || result.configPath} has an AO3 source: add some with \`ficbind add URL\`.`);
    return 0;
  }
  let problems = 0;
  for (const story of result.stories) {
    if (story.outcome === 'gone' || story.outcome === 'locked' || story.outcome === 'failed') {
      problems++;
      warn(io, `${story.title}: ${story.reason}; the saved copy ${relative(io.cwd, story.file) || story.file} is kept`);
    } else if (story.outcome !== 'unchanged') tell(io, `${story.title}: ${change(story)}${story.outcome === 'changed' ? ' (not downloaded: --dry-run)' : ''}`);
  }
  const changed = result.stories.filter((story) => story.outcome === 'updated' || story.outcome === 'changed').length;
  const unchanged = result.stories.filter((story) => story.outcome === 'unchanged').length;
  const parts = [`${changed} ${args.dryRun ? 'to update' : 'updated'}`, `${unchanged} unchanged`, ...(problems > 0 ? [`${problems} could not be checked or saved`] : [])];
  tell(io, `${result.stories.length} ${result.stories.length === 1 ? 'story' : 'stories'} from the archive: ${parts.join(', ')}.${changed > 0 && !args.dryRun ? ' Run `ficbind build` to rebuild the book.' : ''}`);
  return problems > 0 ? 1 : 0;
}

/** `12 → 14 chapters`, else `updated 2024-01-02 → 2024-02-03`, else `saved anew`. */
function change(story: StoryUpdate): string {
  const { before, after } = story;
  if (after?.chapters !== undefined && before.chapters !== after.chapters) {
    return before.chapters === undefined ? `${after.chapters} chapters (no saved copy before)` : `${before.chapters} → ${after.chapters} chapters`;
  }
  if (after?.updated && before.updated !== after.updated) return `updated ${before.updated ?? '?'} → ${after.updated}`;
  if (after?.plannedChapters !== before.plannedChapters) return `chapters planned ${before.plannedChapters ?? '?'} → ${after?.plannedChapters ?? '?'}`;
  return 'saved anew';
}
