// `ficbind update`: every story with an AO3 source asked whether it changed (chapters, last update); only those re-downloaded, each replacing its saved copy whole or not at all.
import { basename, resolve } from 'node:path';
import { select } from 'hast-util-select';
import { textOf } from '../readers/html-metadata.ts';
import { parseArchiveAddress, parsePage, readDownloadStats, workAddress, type WorkStats } from './ao3.ts';
import { nodeFiles, type ArchiveFiles } from './files.ts';
import { openArchiveProject, sourcedStories } from './project-stories.ts';
import { clientFor, type ArchiveOptions } from './session.ts';
import { downloadWork, fetchWorkPage, WorkUnavailable, type WorkProblem } from './works.ts';

export interface UpdateOptions extends ArchiveOptions {
  /** Only ask what changed; download and write nothing (`--dry-run`). */
  dryRun?: boolean;
}

export interface StoryUpdate {
  file: string;
  source: string;
  title: string;
  /** `updated`: saved anew; `changed`: would be, under --dry-run; `unchanged`; or why it could not be checked or saved (the saved copy kept). */
  outcome: 'updated' | 'changed' | 'unchanged' | WorkProblem;
  before: WorkStats;
  after?: WorkStats;
  /** Why, for the problems. */
  reason?: string;
}

export interface UpdateResult {
  configPath: string;
  stories: StoryUpdate[];
}

/**
 * Asks the archive about each story whose `source:` is an AO3 work, one polite request at a time. A deleted,
 * hidden or locked work, a failed or partial download, is reported and its saved copy left as it was.
 */
export async function updateStories(options: UpdateOptions = {}): Promise<UpdateResult> {
  const files = options.files ?? nodeFiles;
  const project = await openArchiveProject(resolve(options.cwd ?? '.', options.project ?? '.'), files);
  const client = await clientFor(options, files);
  const result: UpdateResult = { configPath: project.configPath, stories: [] };

  for (const { file, source } of sourcedStories(project.config)) {
    const address = parseArchiveAddress(source);
    if (address?.kind !== 'work') continue;
    const canonical = workAddress(address.origin, address.id);
    const saved = await savedCopy(file, files);
    const story: StoryUpdate = { file, source: canonical, title: saved.title ?? basename(file), outcome: 'unchanged', before: saved.stats };
    options.onProgress?.(`Checking ${story.title} (${canonical}) …`);
    try {
      const work = await fetchWorkPage(client, address.origin, address.id);
      story.after = work.stats;
      if (saved.title === undefined && work.title) story.title = work.title;
      if (saved.exists && !changed(saved.stats, work.stats)) {
        result.stories.push(story);
        continue;
      }
      if (options.dryRun) story.outcome = 'changed';
      else {
        const { bytes, stats } = await downloadWork(client, work, canonical);
        await files.replace(file, bytes);
        story.after = { ...work.stats, ...stats };
        story.outcome = 'updated';
      }
    } catch (error) {
      if (!(error instanceof WorkUnavailable)) throw error;
      story.outcome = error.problem;
      story.reason = error.message;
    }
    result.stories.push(story);
  }
  return result;
}

/** A work changed when its chapter count or its last-update date differs from the saved copy's. */
function changed(before: WorkStats, after: WorkStats): boolean {
  return before.chapters !== after.chapters || before.updated !== after.updated || before.plannedChapters !== after.plannedChapters;
}

/** The saved download's title and stats, when it is there and is an AO3 download. */
async function savedCopy(file: string, files: ArchiveFiles): Promise<{ exists: boolean; title?: string; stats: WorkStats }> {
  const bytes = await files.read(file);
  if (!bytes) return { exists: false, stats: {} };
  const tree = parsePage(new TextDecoder().decode(bytes));
  const title = textOf(select('#preface h1', tree) ?? select('#preface p.message b', tree) ?? undefined);
  return { exists: true, title: title || undefined, stats: readDownloadStats(tree) };
}
