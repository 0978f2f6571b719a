// `ficbind add`: AO3 works and series (or story files) into the project: each work's HTML download saved under a readable name and listed in anthology.yaml with its source.
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { InputError } from '../errors.ts';
import { parseConfig } from '../config.ts';
import { formatOf, storyExtensions } from '../readers/formats.ts';
import { fileNameFor } from '../output-names.ts';
import { parseArchiveAddress, workAddress } from './ao3.ts';
import { nodeFiles, type ArchiveFiles } from './files.ts';
import { openArchiveProject, sourcedStories, withStoryEntries, type ArchiveProject, type NewStoryEntry } from './project-stories.ts';
import { clientFor, type ArchiveOptions } from './session.ts';
import { downloadWork, fetchSeriesWorks, fetchWorkPage } from './works.ts';

export interface AddedStory {
  /** The address given (for a series: each of its works' addresses), or the file. */
  source: string;
  /** The story file in the project, absolute. */
  file: string;
  title?: string;
  chapters?: number;
  /** True when the project already had it: nothing was fetched or changed. */
  alreadyThere?: boolean;
}

export interface AddResult {
  configPath: string;
  stories: AddedStory[];
}

/**
 * Adds each address (an AO3 work or series) or story file to the project, one at a time: a work is fetched,
 * saved whole into the stories folder and listed under `stories:` with its `source:` before the next begins,
 * so an error (named with its address) leaves every earlier one added and nothing half-written.
 */
export async function addStories(addresses: string[], options: ArchiveOptions = {}): Promise<AddResult> {
  const files = options.files ?? nodeFiles;
  const cwd = resolve(options.cwd ?? '.');
  const project = await openArchiveProject(resolve(cwd, options.project ?? '.'), files);
  const client = await clientFor(options, files);
  const known = new Map(sourcedStories(project.config).map(({ file, source }) => [canonicalSource(source), file]));
  const result: AddResult = { configPath: project.configPath, stories: [] };

  const record = async (entry: NewStoryEntry) => {
    const source = new TextDecoder().decode(await files.read(project.configPath));
    const updated = await withStoryEntries(project, source, [entry], files);
    await files.replace(project.configPath, updated);
    project.config = parseConfig(updated, project.configPath);
  };

  const addWork = async (origin: string, id: string) => {
    const source = workAddress(origin, id);
    const existing = known.get(source);
    if (existing) return result.stories.push({ source, file: existing, alreadyThere: true });
    options.onProgress?.(`Fetching ${source} …`);
    const work = await fetchWorkPage(client, origin, id);
    const { bytes, stats } = await downloadWork(client, work, source);
    const file = await freeName(project, work.title ?? `work-${id}`, files);
    await files.create(file, bytes);
    await record({ file, source });
    known.set(source, file);
    result.stories.push({ source, file, title: work.title, chapters: stats.chapters ?? work.stats.chapters });
  };

  for (const given of addresses) {
    const address = parseArchiveAddress(given);
    if (address?.kind === 'work') await addWork(address.origin, address.id);
    else if (address?.kind === 'series') {
      options.onProgress?.(`Reading the series ${given} …`);
      const series = await fetchSeriesWorks(client, address.origin, address.id);
      for (const work of series.works) {
        const each = parseArchiveAddress(work)!;
        await addWork(each.origin, each.id);
      }
    } else result.stories.push(await addFile(project, resolve(cwd, given), given, files, record));
  }
  return result;
}

/** A story file already saved: listed as it is when it is inside the project, copied into the stories folder otherwise. */
async function addFile(project: ArchiveProject, path: string, given: string, files: ArchiveFiles, record: (entry: NewStoryEntry) => Promise<void>): Promise<AddedStory> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(given)) {
    throw new InputError('not an AO3 work or series address (expected …/works/ID, …/works/ID/chapters/N or …/series/ID) nor a story file', { file: given });
  }
  if (!formatOf(path)) throw new InputError(`not a story file (expected a name ending ${storyExtensions.join(', ')})`, { file: given });
  const bytes = await files.read(path);
  if (!bytes) throw new InputError('no such file', { file: given });
  if ((project.config.stories ?? []).includes(path)) return { source: given, file: path, alreadyThere: true };
  const inside = !relative(project.storiesFolder, path).startsWith('..') && !isAbsolute(relative(project.storiesFolder, path));
  const file = inside ? path : await freeName(project, basename(path).replace(/\.[^.]+$/, ''), files, basename(path).slice(basename(path).replace(/\.[^.]+$/, '').length), false);
  if (!inside) await files.create(file, bytes);
  await record({ file });
  return { source: given, file };
}

/** `the-long-road-home.html` in the stories folder, `-2`, `-3`… when taken. */
async function freeName(project: ArchiveProject, title: string, files: ArchiveFiles, extension = '.html', slug = true): Promise<string> {
  const stem = slug ? fileNameFor(title) : title;
  const listed = new Set(project.config.stories ?? []);
  for (let number = 1; ; number++) {
    const candidate = join(project.storiesFolder, `${stem}${number === 1 ? '' : `-${number}`}${extension}`);
    if (!listed.has(candidate) && !(await files.read(candidate))) return candidate;
  }
}

/** A source as add and update compare them: an AO3 work's canonical address, else the text. */
export function canonicalSource(source: string): string {
  const address = parseArchiveAddress(source);
  return address?.kind === 'work' ? workAddress(address.origin, address.id) : source;
}
