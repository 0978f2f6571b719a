// The project's story list as add and update see it: which stories have a source, and new entries written into anthology.yaml with its comments and key order kept.
import { dirname, relative, resolve, sep } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, YAMLSeq } from 'yaml';
import { parseConfig, type AnthologyConfig } from '../config.ts';
import { ConfigError, InputError } from '../errors.ts';
import { configFileName, findConfig } from '../project.ts';
import type { ArchiveFiles } from './files.ts';

export interface ArchiveProject {
  configPath: string;
  config: AnthologyConfig;
  /** Where new stories are saved: the config's `input:`, else its folder. */
  storiesFolder: string;
}

/** The project `--project DIR` names (its anthology.yaml, or the nearest one above); there must be one. */
export async function openArchiveProject(folder: string, files: ArchiveFiles): Promise<ArchiveProject> {
  const configPath = findConfig(folder);
  if (!configPath) throw new InputError(`no ${configFileName} here or in a folder above; start a project with \`ficbind init\``, { file: folder });
  const bytes = await files.read(configPath);
  if (!bytes) throw new ConfigError('cannot read config: no such file', { file: configPath });
  const config = parseConfig(new TextDecoder().decode(bytes), configPath);
  return { configPath, config, storiesFolder: config.input ?? dirname(configPath) };
}

/** Every story entry with a `source:`: its absolute file and address, in reading order. */
export function sourcedStories(config: AnthologyConfig): { file: string; source: string }[] {
  return (config.stories ?? []).flatMap((file) => {
    const source = config.storyMeta?.get(file)?.source;
    return source === undefined ? [] : [{ file, source }];
  });
}

export interface NewStoryEntry {
  /** Absolute path of the story file. */
  file: string;
  source?: string;
}

/**
 * anthology.yaml's text with `entries` appended to `stories:`. Without a list (every story in the folder is read), the
 * list is made of the stories a build reads now, so the book keeps them. Comments, key order and the rest stay as written.
 */
export async function withStoryEntries(project: ArchiveProject, source: string, entries: NewStoryEntry[], files: ArchiveFiles): Promise<string> {
  const document = parseDocument(source);
  const base = dirname(project.configPath);
  const shown = (file: string) => relative(base, file).split(sep).join('/');
  const item = (entry: NewStoryEntry) => (entry.source === undefined ? shown(entry.file) : document.createNode({ file: shown(entry.file), source: entry.source }));

  if (document.contents !== null && !isMap(document.contents)) throw new ConfigError('expected a mapping of keys (title:, stories: …)', { file: project.configPath, line: 1 });
  const current = document.get('stories', true);
  let list: YAMLSeq;
  if (isSeq(current)) list = current;
  else {
    const existing = isScalar(current) ? [resolve(base, String(current.value))] : await listedNow(project, entries, files);
    list = document.createNode(existing.map(shown)) as YAMLSeq;
    list.flow = false;
    document.set('stories', list);
  }
  for (const entry of entries) list.add(item(entry));
  return document.toString();
}

/** What a build reads without a list: the stories folder's files, less the ones being added (they come last). */
async function listedNow(project: ArchiveProject, entries: NewStoryEntry[], files: ArchiveFiles): Promise<string[]> {
  const adding = new Set(entries.map((entry) => entry.file));
  const present = await files.storiesIn(project.storiesFolder).catch(() => [] as string[]);
  return present.filter((file) => !adding.has(file));
}
