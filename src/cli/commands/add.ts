// `ficbind add URL…`: flags to addStories' options, a progress line per work, what was added.
import type { Argv } from 'yargs';
import { relative } from 'node:path';
import { remark, tell, type CliIO } from '../io.ts';
import { archiveFlags, archiveOptions, type ArchiveArgs } from './archive-flags.ts';

export const command = 'add <addresses..>';
export const describe = 'Add AO3 works or series (or story files) to the project: downloaded, saved and listed in anthology.yaml';
export const examples: [string, string][] = [
  ['$0 add https://archiveofourown.org/works/12345', "Save the work's HTML download into the project and list it with its source"],
  ['$0 add https://archiveofourown.org/series/678 --project summer', 'Every work of the series, in order, into the project in summer/'],
  ['$0 add https://archiveofourown.org/works/999 --cookies cookies.txt', 'A work only logged-in users may read, with cookies exported from your browser'],
];

export function builder(yargs: Argv) {
  return archiveFlags(yargs.positional('addresses', { type: 'string', array: true, describe: 'AO3 work (…/works/ID, …/works/ID/chapters/N) or series (…/series/ID) addresses, or story files' }));
}

export interface AddArgs extends ArchiveArgs {
  addresses: string[];
}

export async function handler(args: AddArgs, io: CliIO): Promise<number> {
  const { addStories } = await import('../../archive/index.ts');
  const result = await addStories(args.addresses.map(String), { ...archiveOptions(args, io), onProgress: (line) => remark(io, line) });
  const shown = (path: string) => relative(io.cwd, path) || path;
  for (const story of result.stories) {
    if (story.alreadyThere) tell(io, `Already in the project: ${shown(story.file)} (${story.source})`);
    else if (story.title) tell(io, `Added "${story.title}"${story.chapters === undefined ? '' : `, ${story.chapters} ${story.chapters === 1 ? 'chapter' : 'chapters'}`}: ${shown(story.file)}`);
    else tell(io, `Added ${shown(story.file)}`);
  }
  const added = result.stories.filter((story) => !story.alreadyThere).length;
  if (added > 0) tell(io, `Listed in ${shown(result.configPath)}; run \`ficbind build\` to make the book.`);
  return 0;
}
