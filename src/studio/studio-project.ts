// The project a studio works on: what its page shows (stories, book settings, choices, diagnostics) and every change it makes, written back to anthology.yaml and the stories folder.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { isSeq, parseDocument } from 'yaml';
import { writeFileAtomic, createFileAtomic } from '../atomic-write.ts';
import { loadConfig, outputFormats, type AnthologyConfig } from '../config.ts';
import { checkStoryFiles } from '../check.ts';
import { openProject } from '../project.ts';
import { listThemes } from '../themes/registry.ts';
import { listCoverTemplates } from '../covers/catalog.ts';
import { typographyRules } from '../transforms/index.ts';
import type { BuildResult } from '../build.ts';
import type { StoryMeta } from '../story.ts';
import { InputError } from '../errors.ts';
import { appendStory, listedName, removeStory, reorderStories, setConfigValue, setStoryFields, storyFieldNames, type ConfigValue, type StoryFields } from './config-edits.ts';
import { checkUpload, pathInside, uploadPath } from './project-paths.ts';

/** A story as the page lists it: its file as anthology.yaml names it, what the book shows, and what anthology.yaml sets over the file's own metadata. */
export interface StoryRow {
  file: string;
  shown: { title: string; authors: string[]; fandoms: string[]; relationships: string[]; rating?: string; summary?: string; words?: number };
  set: StoryFields;
}

/** The book settings the page edits, as anthology.yaml's keys. */
export const bookSettingKeys = { title: ['title'], subtitle: ['subtitle'], editors: ['editors'], language: ['language'], theme: ['theme'], cover: ['cover', 'template'], formats: ['formats'] } as const;
export type BookSettings = Partial<Record<keyof typeof bookSettingKeys, ConfigValue>>;

export interface Diagnostic {
  file: string;
  line?: number;
  column?: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
  rule?: string;
  /** The source line the diagnostic points into, for showing it at its place. */
  excerpt?: string;
}

export class StudioProject {
  readonly folder: string;
  readonly configPath: string;
  /** The newest preview build, for what the stories show. */
  lastBuild?: BuildResult;
  private editing: Promise<unknown> = Promise.resolve();

  constructor(configPath: string) {
    this.configPath = resolve(configPath);
    this.folder = dirname(this.configPath);
  }

  config(): Promise<AnthologyConfig> {
    return loadConfig(this.configPath);
  }

  /** Where new stories go: the config's `input:`, else beside anthology.yaml. */
  async storiesFolder(): Promise<string> {
    return (await this.config()).input ?? this.folder;
  }

  async state() {
    const config = await this.config();
    const project = await openProject({ config: this.configPath }).catch(() => undefined);
    const stories = project?.stories ?? [];
    const shownByPath = new Map<string, StoryMeta>();
    for (const story of this.lastBuild?.anthology.stories ?? []) if (story.file.path && !shownByPath.has(story.file.path)) shownByPath.set(resolve(story.file.path), story.meta);
    const rows: StoryRow[] = stories.map((path) => {
      const meta = shownByPath.get(path);
      const overrides = config.storyMeta?.get(path) ?? {};
      const set = Object.fromEntries(storyFieldNames.flatMap((key) => (overrides[key] === undefined ? [] : [[key, overrides[key]]]))) as StoryFields;
      return {
        file: listedName(this.configPath, path),
        shown: { title: meta?.title ?? '', authors: meta?.authors ?? [], fandoms: meta?.fandoms ?? [], relationships: meta?.relationships ?? [], rating: meta?.rating, summary: meta?.summary, words: meta?.words },
        set,
      };
    });
    const off = Object.entries(config.typography ?? {}).flatMap(([rule, setting]) => (setting === false ? [rule] : []));
    const cover = config.cover === false ? undefined : config.cover?.template;
    return {
      stories: rows,
      listed: config.stories !== undefined,
      book: { title: config.title, subtitle: config.subtitle, editors: config.editors, language: config.language, theme: config.theme, cover, formats: config.formats },
      choices: {
        themes: listThemes({ projectFolders: [this.folder] }).map((theme) => ({ name: theme.name, description: theme.description })),
        covers: (await listCoverTemplates({ projectFolder: this.folder })).map((entry) => ({ name: entry.name, description: entry.description })),
        formats: [...outputFormats],
        rules: typographyRules.map((rule) => rule.id),
      },
      typographyOff: off,
    };
  }

  /** One change of anthology.yaml at a time: read, change, written atomically. */
  private edit(change: (source: string) => string | Promise<string>): Promise<void> {
    const next = this.editing.then(async () => {
      const source = await readFile(this.configPath, 'utf8');
      const changed = await change(source);
      if (changed !== source) await writeFileAtomic(this.configPath, changed);
    });
    this.editing = next.catch(() => {});
    return next;
  }

  /** The source with a `stories:` list: a project that reads its whole folder gets one listing what it reads now. */
  private async listed(source: string): Promise<string> {
    const stories = parseDocument(source).get('stories', true);
    if (isSeq(stories) || stories !== undefined) return source;
    const { stories: files } = await openProject({ config: this.configPath });
    return reorderStories(source, this.configPath, files);
  }

  private storyPath(file: string): Promise<string> {
    return pathInside(this.folder, file);
  }

  async reorder(files: string[]): Promise<void> {
    const paths = await Promise.all(files.map((file) => this.storyPath(file)));
    await this.edit(async (source) => reorderStories(await this.listed(source), this.configPath, paths));
  }

  async setStory(file: string, fields: StoryFields): Promise<void> {
    const path = await this.storyPath(file);
    const known = Object.fromEntries(Object.entries(fields).filter(([key]) => (storyFieldNames as readonly string[]).includes(key))) as StoryFields;
    await this.edit(async (source) => setStoryFields(await this.listed(source), this.configPath, path, known));
  }

  /** Takes the story out of the book; its file stays in the folder. */
  async removeStory(file: string): Promise<void> {
    const path = await this.storyPath(file);
    await this.edit(async (source) => removeStory(await this.listed(source), this.configPath, path));
  }

  async setBook(settings: BookSettings): Promise<void> {
    await this.edit((source) => {
      for (const [name, value] of Object.entries(settings)) {
        const keys = bookSettingKeys[name as keyof typeof bookSettingKeys];
        if (!keys) throw new InputError(`unknown book setting "${name}"`);
        // `editor:` and `editors:` mean the same; the one written is the one changed.
        const written = name === 'editors' && parseDocument(source).has('editor') ? ['editor'] : [...keys];
        source = setConfigValue(source, this.configPath, written, value);
      }
      return source;
    });
  }

  /** Turns a typography rule off for the project (`typography: { rule: false }`), or back on. */
  async setRule(rule: string, on: boolean): Promise<void> {
    if (!typographyRules.some((known) => known.id === rule)) throw new InputError(`unknown typography rule "${rule}"`);
    await this.edit((source) => setConfigValue(source, this.configPath, ['typography', rule], on ? undefined : false));
  }

  /** Saves an uploaded story into the stories folder and adds it at the end of the list. */
  async upload(fileName: string, bytes: Uint8Array): Promise<string> {
    checkUpload(fileName, bytes);
    const folder = await this.storiesFolder();
    const path = await uploadPath(folder, fileName);
    await createFileAtomic(path, bytes);
    await this.edit((source) => appendStory(source, this.configPath, path));
    return listedName(this.configPath, path);
  }

  /** Every story's diagnostics, with the line of the source each points at. */
  async diagnostics(): Promise<Diagnostic[]> {
    const { stories } = await openProject({ config: this.configPath });
    const files = await checkStoryFiles(stories, { config: this.configPath });
    const sources = new Map<string, string[]>();
    const result: Diagnostic[] = [];
    for (const file of files) {
      const path = resolve(file.path);
      if (!sources.has(path) && !/\.epub$/i.test(path)) sources.set(path, (await readFile(path, 'utf8').catch(() => '')).split('\n'));
      for (const message of file.messages) {
        const line = message.line ?? undefined;
        result.push({
          file: listedName(this.configPath, path),
          line,
          column: message.column ?? undefined,
          severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
          message: message.reason,
          rule: message.ruleId ?? undefined,
          excerpt: line === undefined ? undefined : sources.get(path)?.[line - 1]?.slice(0, 400),
        });
      }
    }
    return result;
  }
}

/** The studio preview's own folder in the project: a build there never touches the user's books. */
export function previewFolder(project: StudioProject): string {
  return join(project.folder, '.ficbind-studio');
}
