// The project a studio works on: what its page shows (stories, book settings, choices, diagnostics) and every change it makes, written back to anthology.yaml and the stories folder.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { isSeq, parseDocument } from 'yaml';
import { writeFileAtomic, createFileAtomic } from '../atomic-write.ts';
import { loadConfig, outputFormats, type AnthologyConfig } from '../config.ts';
import { checkStoryFiles } from '../check.ts';
import { chooseTheme, openProject } from '../project.ts';
import { renderBookCover } from '../covers/book-cover.ts';
import { listThemes } from '../themes/registry.ts';
import { listCoverTemplates } from '../covers/catalog.ts';
import { typographyRules } from '../transforms/index.ts';
import type { BuildResult } from '../build.ts';
import type { StoryMeta } from '../story.ts';
import { InputError } from '../errors.ts';
import { appendStory, listedName, removeStory, reorderStories, setConfigValue, setStoryFields, storyFieldNames, type ConfigValue, type StoryFields } from './config-edits.ts';
import { checkUpload, pathInside, uploadPath } from './project-paths.ts';
import { applyEdits, describeEdit, lineOffsets, suggestedEdit, type SourceEdit } from './suggestions.ts';

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
  /** The change it suggests in the story file (plain text and Markdown stories in UTF-8): the text at its place and what it becomes. */
  suggestion?: { from: string; to: string };
}

/** A story's text when the studio may edit it in place: a .txt or .md file in UTF-8 without a byte-order mark. */
async function editableSource(path: string): Promise<string | undefined> {
  if (!/\.(txt|md)$/i.test(path)) return undefined;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
    return text.startsWith('\ufeff') ? undefined : text;
  } catch {
    return undefined;
  }
}

export class StudioProject {
  readonly folder: string;
  readonly configPath: string;
  /** The newest preview build, for what the stories show. */
  lastBuild?: BuildResult;
  private editing: Promise<unknown> = Promise.resolve();
  /** Cover thumbnails already drawn, by what they are drawn from. */
  private thumbnails = new Map<string, Promise<Uint8Array>>();

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

  /**
   * A small JPEG of the book's cover drawn with `template` (a name the cover list offers): the book's own title,
   * editors, theme colours and cover settings, as the last preview had them.
   */
  async coverThumbnail(template: string): Promise<Uint8Array> {
    const names = (await listCoverTemplates({ projectFolder: this.folder })).map((entry) => entry.name);
    if (!names.includes(template)) throw new InputError(`no cover template "${template}"`);
    const meta = this.lastBuild?.anthology.meta;
    if (!meta) throw new InputError('the preview is not built yet');
    const config = await this.config();
    const theme = chooseTheme(undefined, config, [this.folder]);
    const settings = { ...(config.cover || {}), template };
    const key = JSON.stringify([template, meta.title, meta.subtitle, meta.editors, theme.name, settings]);
    let thumbnail = this.thumbnails.get(key);
    if (!thumbnail) {
      thumbnail = renderBookCover(meta, settings, { projectFolder: this.folder, theme }).then(async (cover) => {
        const { default: sharp } = await import('sharp');
        return new Uint8Array(await sharp(cover.jpeg).resize({ width: 160 }).jpeg({ quality: 80 }).toBuffer());
      });
      thumbnail.catch(() => this.thumbnails.delete(key));
      this.thumbnails.set(key, thumbnail);
    }
    return thumbnail;
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

  /** Every story's diagnostics (or those of the stories given, absolute), with the source line each points at and the change it suggests. */
  async diagnostics(only?: string[]): Promise<(Diagnostic & { path: string; edit?: SourceEdit })[]> {
    const stories = only ?? (await openProject({ config: this.configPath })).stories;
    const files = await checkStoryFiles(stories, { config: this.configPath });
    const sources = new Map<string, { text?: string; lines: string[]; offsets: number[] }>();
    const result: (Diagnostic & { path: string; edit?: SourceEdit })[] = [];
    for (const file of files) {
      const path = resolve(file.path);
      if (!sources.has(path)) {
        const text = await editableSource(path);
        const shown = text ?? (/\.epub$/i.test(path) ? '' : await readFile(path, 'utf8').catch(() => ''));
        sources.set(path, { text, lines: shown.split('\n'), offsets: text === undefined ? [] : lineOffsets(text) });
      }
      const source = sources.get(path)!;
      for (const message of file.messages) {
        const line = message.line ?? undefined;
        const column = message.column ?? undefined;
        const edit = source.text === undefined ? undefined : suggestedEdit(source.text, { line, column, message: message.reason }, source.offsets);
        result.push({
          path,
          edit,
          file: listedName(this.configPath, path),
          line,
          column,
          severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
          message: message.reason,
          rule: message.ruleId ?? undefined,
          excerpt: line === undefined ? undefined : source.lines[line - 1]?.slice(0, 400),
          suggestion: edit && describeEdit(source.text!, edit),
        });
      }
    }
    return result;
  }

  /**
   * Makes the changes the matching diagnostics suggest in their story files: one (`file`, `line`, `column` and
   * `message` as the page was shown them) or every one of a rule (`rule`, in `file` or in every story). Returns how many.
   */
  async acceptSuggestions(which: { file?: string; line?: number; column?: number; message?: string; rule?: string }): Promise<number> {
    const only = which.file === undefined ? undefined : [await this.storyPath(which.file)];
    const chosen = (await this.diagnostics(only)).filter(
      (diagnostic) =>
        diagnostic.edit !== undefined &&
        (which.rule !== undefined ? diagnostic.rule === which.rule : diagnostic.line === which.line && diagnostic.column === which.column && diagnostic.message === which.message),
    );
    if (chosen.length === 0) throw new InputError('that suggestion no longer applies: the story has changed; look again');
    const byPath = new Map<string, typeof chosen>();
    for (const diagnostic of chosen) byPath.set(diagnostic.path, [...(byPath.get(diagnostic.path) ?? []), diagnostic]);
    for (const [path, diagnostics] of byPath) {
      const source = await editableSource(path);
      if (source === undefined) continue;
      await writeFileAtomic(path, applyEdits(source, diagnostics.map((diagnostic) => diagnostic.edit!)));
    }
    return chosen.length;
  }
}

/** The studio preview's own folder in the project: a build there never touches the user's books. */
export function previewFolder(project: StudioProject): string {
  return join(project.folder, '.ficbind-studio');
}
