// The project's story list as add and update see it: which stories have a source, and new entries written into anthology.yaml with its comments and key order kept.
import { dirname, relative, sep } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, stringify } from 'yaml';
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
 * anthology.yaml's text with `entries` appended to `stories:`, spliced into the text as written (yaml's Document API
 * finds where), so every comment, blank line, key order and spacing stays. Without a list (every story in the folder
 * is read) one is added at the end, made of the stories a build reads now, so the book keeps them.
 */
export async function withStoryEntries(project: ArchiveProject, source: string, entries: NewStoryEntry[], files: ArchiveFiles): Promise<string> {
  const document = parseDocument(source);
  const base = dirname(project.configPath);
  const shown = (file: string) => relative(base, file).split(sep).join('/');
  if (document.errors.length > 0 || (document.contents !== null && !isMap(document.contents))) {
    // parseConfig has already refused such a file; this is the same refusal, for callers that did not.
    throw new ConfigError('expected a mapping of keys (title:, stories: …)', { file: project.configPath, line: 1 });
  }
  const current = document.get('stories', true);
  if (isSeq(current) && !current.flow && current.items.length > 0 && current.range) {
    const first = current.items[0] as { range?: [number, number, number] };
    const lineStart = source.lastIndexOf('\n', (first.range?.[0] ?? current.range[0]) - 1) + 1;
    const indent = /^(\s*)-/.exec(source.slice(lineStart))?.[1] ?? '  ';
    const at = current.range[1];
    const lead = at > 0 && source[at - 1] !== '\n' ? '\n' : '';
    return source.slice(0, at) + lead + entries.map((entry) => blockItem(indent, shown(entry.file), entry.source)).join('') + source.slice(at);
  }
  if (isSeq(current) && current.flow && current.range) {
    const close = source.lastIndexOf(']', current.range[1]);
    const items = entries.map((entry) => flowItem(shown(entry.file), entry.source));
    return source.slice(0, close) + (current.items.length > 0 ? ', ' : '') + items.join(', ') + source.slice(close);
  }
  if (isScalar(current) && current.range) {
    const items = [JSON.stringify(String(current.value)), ...entries.map((entry) => flowItem(shown(entry.file), entry.source))];
    return source.slice(0, current.range[0]) + `[${items.join(', ')}]` + source.slice(current.range[1]);
  }
  if (document.has('stories')) throw new ConfigError('"stories" must be a list of story files', { file: project.configPath });
  const listed = (await listedNow(project, entries, files)).map((file) => blockItem('  ', shown(file)));
  const lead = source === '' || source.endsWith('\n') ? '' : '\n';
  return source + lead + 'stories:\n' + listed.join('') + entries.map((entry) => blockItem('  ', shown(entry.file), entry.source)).join('');
}

/** `  - file.txt` or `  - file: x.html` and `    source: …`, each line ending in a newline. */
function blockItem(indent: string, file: string, source?: string): string {
  const scalar = (value: string) => stringify(value).trimEnd();
  if (source === undefined) return `${indent}- ${scalar(file)}\n`;
  return `${indent}- file: ${scalar(file)}\n${indent}  source: ${scalar(source)}\n`;
}

/** `"file.txt"` or `{ file: "x.html", source: "…" }` for a list written in brackets (JSON strings are YAML). */
function flowItem(file: string, source?: string): string {
  return source === undefined ? JSON.stringify(file) : `{ file: ${JSON.stringify(file)}, source: ${JSON.stringify(source)} }`;
}

/** What a build reads without a list: the stories folder's files, less the ones being added (they come last). */
async function listedNow(project: ArchiveProject, entries: NewStoryEntry[], files: ArchiveFiles): Promise<string[]> {
  const adding = new Set(entries.map((entry) => entry.file));
  const present = await files.storiesIn(project.storiesFolder).catch(() => [] as string[]);
  return present.filter((file) => !adding.has(file));
}
