// Builds an anthology: settings from flags and the project's anthology.yaml, stories read and fixed, each format written atomically.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { InvalidValue, validateFormats, validateLanguage, validatePageSize, type AnthologyConfig, type OutputFormat } from './config.ts';
import { UsageError } from './errors.ts';
import { loadStories } from './load-story.ts';
import { typesetLine } from './transforms/index.ts';
import { titleFromFolderName } from './readers/front-matter.ts';
import type { Anthology, Story } from './story.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { writers } from './writers/index.ts';
import { formatRenderer } from './writers/render-formats.ts';
import type { CommandRunner } from './run-command.ts';
import { generator } from './version.ts';
import { chooseTheme, openProject } from './project.ts';
import { renderBookCover } from './covers/book-cover.ts';

export interface BuildOptions {
  /** The folder `ficbind build` runs in: relative paths and the default `out/` are resolved against it, and anthology.yaml is looked for from it upwards. Default: the current folder. */
  cwd?: string;
  /** Path to anthology.yaml; `false` for none. Default: the nearest anthology.yaml in `input` (or `cwd`) or a folder above it. */
  config?: string | false;
  /** A folder of stories (replaces the config's story list). Default: the config's `input`, else the config's folder, else `cwd`. */
  input?: string;
  /** Output folder. Default: the config's `output`, else `out/` in `cwd`. */
  out?: string;
  title?: string;
  language?: string;
  formats?: string[];
  /** PDF trim size: 6x9, a5 or ereader. Default: the config's, else the theme's. */
  pageSize?: string;
  /** The theme's name (`--theme`): a `templates/<name>/` folder of the project, else a bundled theme. Default: the config's, else `classic`. */
  theme?: string;
  /** Seconds since 1970 (SOURCE_DATE_EPOCH): the book's modification date. Default: the newest input's mtime. */
  sourceDateEpoch?: number;
  onProgress?: (progress: BuildProgress) => void;
  /** Receives warnings about the cover (glyphs its font lacks, a title shortened to fit) and the writers' (a book Send to Kindle may refuse). Default: ignored. */
  onWarning?: (message: string) => void;
  /** Runs external programs (Calibre's ebook-convert for `azw3`). Default: a child process. */
  runCommand?: CommandRunner;
}

export interface BuildProgress {
  phase: 'read' | 'write';
  done: number;
  total: number;
}

export interface BuiltFile {
  format: OutputFormat;
  path: string;
  bytes: number;
}

export interface BuildResult {
  anthology: Anthology;
  files: BuiltFile[];
  words: number;
  /** Every story's file with its typography diagnostics. */
  diagnostics: VFile[];
  /** The cover JPEG written beside the books (`<out>/<title>.jpg`), unless config says `cover: false`. */
  cover?: { path: string; bytes: number };
}

export async function buildAnthology(options: BuildOptions = {}): Promise<BuildResult> {
  const cwd = resolve(options.cwd ?? '.');
  const project = await openProject({ cwd, input: options.input, config: options.config });
  const { config } = project;

  const language = options.language ? flag(() => validateLanguage(options.language!, '--language')) : (config.language ?? 'en');
  const formats = options.formats ? flag(() => validateFormats(options.formats!)) : (config.formats ?? ['epub']);
  const pageSize = options.pageSize ? flag(() => validatePageSize(options.pageSize!, '--page-size')) : config.pageSize;
  const outFolder = options.out ? resolve(cwd, options.out) : (config.output ?? resolve(cwd, 'out'));
  const theme = chooseTheme(options.theme, config, [project.folder, cwd]);
  const dashes = { dashStyle: config.dashStyle, defaultDashStyle: theme.dashStyle };
  const typeset = (text: string) => typesetLine(text, { language, ...dashes, rules: config.typography });
  const title = typeset(options.title ?? config.title ?? titleFromFolderName(project.input));
  const baseName = join(outFolder, fileNameFor(title));
  // Books written into the folder of stories (`--out .`) are never read back as stories.
  const ownFiles = new Set([...Object.values(writers).map((writer) => baseName + writer.extension), baseName + '.jpg']);
  const storyPaths = project.stories.filter((path) => !ownFiles.has(resolve(path)));

  const stories: Story[] = [];
  for (const [index, path] of storyPaths.entries()) {
    stories.push(...(await loadStories(path, { language, ...dashes, typography: config.typography })));
    options.onProgress?.({ phase: 'read', done: index + 1, total: storyPaths.length });
  }

  const anthology: Anthology = {
    meta: {
      title,
      subtitle: config.subtitle && typeset(config.subtitle),
      editors: config.editors ?? defaultEditors(stories),
      language,
      description: config.description,
      rights: config.rights,
    },
    stories,
    modified: options.sourceDateEpoch !== undefined ? fromEpoch(options.sourceDateEpoch) : await newestModification(inputsOf(storyPaths, config)),
  };

  const cover =
    config.cover === false
      ? undefined
      : await renderBookCover(anthology.meta, config.cover ?? {}, {
          projectFolder: project.folder,
          configPlace: config.path ? { file: config.path, line: config.lines?.cover } : undefined,
          theme,
          onWarning: options.onWarning,
        });

  // Every format is rendered before anything is written, so a failing one (AZW3 without Calibre)
  // leaves the previous books as they were. KEPUB and AZW3 are made from the EPUB's bytes.
  const render = formatRenderer(anthology, { generator, pageSize, theme, dropCap: config.dropCap, cover: cover?.jpeg, onWarning: options.onWarning, runCommand: options.runCommand });
  const outputs: { format: OutputFormat; bytes: Uint8Array }[] = [];
  for (const format of formats) outputs.push({ format, bytes: await render(format) });
  const files: BuiltFile[] = [];
  for (const { format, bytes } of outputs) {
    const path = baseName + writers[format].extension;
    await writeFileAtomic(path, bytes);
    files.push({ format, path, bytes: bytes.byteLength });
    options.onProgress?.({ phase: 'write', done: files.length, total: formats.length });
  }
  let coverFile: BuildResult['cover'];
  if (cover) {
    coverFile = { path: baseName + '.jpg', bytes: cover.jpeg.byteLength };
    await writeFileAtomic(coverFile.path, cover.jpeg);
  }
  const words = stories.reduce((sum, story) => sum + story.meta.words, 0);
  return { anthology, files, words, diagnostics: stories.map((story) => story.file), cover: coverFile };
}

function flag<T>(validate: () => T): T {
  try {
    return validate();
  } catch (error) {
    if (error instanceof InvalidValue) throw new UsageError(error.message);
    throw error;
  }
}

/** Without a configured editor: the one author every story shares, "Various" for several, "Unknown" for none. */
function defaultEditors(stories: Story[]): string[] {
  const authors = [...new Set(stories.flatMap((story) => story.meta.authors))];
  if (authors.length === 1) return authors;
  return [authors.length > 1 ? 'Various' : 'Unknown'];
}

function fromEpoch(seconds: number): Date {
  if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError(`SOURCE_DATE_EPOCH must be a whole number of seconds, got ${seconds}`);
  return new Date(Math.floor(seconds) * 1000);
}

/** Every file a build reads that the book's date should follow: stories, config, a cover photo or template file. */
function inputsOf(storyPaths: string[], config: Partial<AnthologyConfig>): string[] {
  const cover = config.cover || undefined;
  const coverFiles = [cover?.background, cover?.template?.endsWith('.svg') ? cover.template : undefined];
  // A cover file that is missing is reported by the cover code, with its config line.
  return [...storyPaths, config.path, ...coverFiles.filter((path) => path !== undefined && existsSync(path))].filter((path): path is string => path !== undefined);
}

async function newestModification(paths: string[]): Promise<Date> {
  const times = await Promise.all(paths.map(async (path) => (await stat(path)).mtimeMs));
  return new Date(Math.floor(Math.max(...times) / 1000) * 1000);
}

/** `Tales of the Night Road!` → `tales-of-the-night-road`. */
export function fileNameFor(title: string): string {
  const slug = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug.slice(0, 80).replace(/-+$/, '') || 'anthology';
}
