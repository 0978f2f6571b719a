// Builds an anthology: settings from flags and the project's anthology.yaml, stories read and fixed, each format written atomically.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { InvalidValue, outputFormats, validateFormats, validateLanguage, validatePageSize, type AnthologyConfig, type OutputFormat } from './config.ts';
import { OutputError, UsageError } from './errors.ts';
import { loadAllStories } from './parallel/load-stories.ts';
import { typesetLine } from './transforms/index.ts';
import { titleFromFolderName } from './readers/front-matter.ts';
import type { Anthology, AnthologyMeta, Story } from './story.ts';
import { writeFilesAtomic } from './atomic-write.ts';
import { bookFileExtension, fileNameFor, withoutExtension } from './output-names.ts';
import { writers, type WriterContext } from './writers/index.ts';
import { formatRenderer } from './writers/render-formats.ts';
import type { CommandRunner } from './run-command.ts';
import { generator } from './version.ts';
import { chooseTheme, openProject } from './project.ts';
import { renderBookCover } from './covers/book-cover.ts';
import type { RenderedCover } from './covers/render.ts';
import { encodingFor } from './story-encodings.ts';
import { CacheFolder, cacheFolderName } from './cache/cache-folder.ts';
import { bookKey, type CachedBooks } from './cache/books.ts';
import { storyLayoutCache } from './cache/layouts.ts';
import { RenderClock } from './cache/render-timings.ts';
import { createHash } from 'node:crypto';
import { applyOverrides, nameUntitledStories } from './story-entries.ts';
import { bookLabels } from './labels/index.ts';
import { projectIdentifier } from './writers/epub/identifier.ts';

export interface BuildOptions {
  /** The folder `ficbind build` runs in: relative paths and the default `out/` are resolved against it, and anthology.yaml is looked for from it upwards. Default: the current folder. */
  cwd?: string;
  /** Path to anthology.yaml; `false` for none. Default: the nearest anthology.yaml in `input` (or `cwd`) or a folder above it. */
  config?: string | false;
  /** A folder of stories (replaces the config's story list). Default: the config's `input`, else the config's folder, else `cwd`. */
  input?: string;
  /** Output folder (default: the config's `output`, else `out/` in `cwd`), or one book file when the name ends in a format's extension (`book.epub`, `book.kepub.epub`, `book.pdf`, `book.azw3`). */
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
  /** Receives warnings about the cover (a title shortened to fit) and the writers' (a book Send to Kindle may refuse). Default: ignored. */
  onWarning?: (message: string) => void;
  /**
   * Keep finished stories and the cover in `.ficbind-cache/` beside the books, and reuse them when a story's bytes
   * and settings (or the cover's inputs) and ficbind's code are unchanged: the same book, sooner. Default true.
   */
  cache?: boolean;
  /**
   * Worker threads that read and typeset stories beside the main thread; 0 for none. The book is the same either
   * way. Default 0 (on a 2-core machine they cost more than they saved; see src/parallel/load-stories.ts).
   */
  workers?: number;
  /** Runs external programs (Calibre's ebook-convert for `azw3`, Java for EPUBCheck). Default: a child process. */
  runCommand?: CommandRunner;
  /**
   * `--check`: every EPUB and KEPUB is also checked with EPUBCheck (Java), whose errors fail the build; the jar is
   * `epubcheckJar` (`$EPUBCHECK_JAR`), else `/usr/share/java/epubcheck.jar`. Without it, only ficbind's own check
   * of the package runs (on every build). Default: off.
   */
  check?: { epubcheckJar?: string };
}

/** Where a build is: reading stories (typography included), rendering each format, checking each book, writing the files. */
export interface BuildProgress {
  phase: 'read' | 'render' | 'check' | 'write';
  /** Stories read, formats rendered or books checked before this one, files written. */
  done: number;
  total: number;
  /** The format being rendered or checked (`render`, `check`). */
  format?: OutputFormat;
  /** About how long rendering this format takes (`render`): the last build's time, scaled by the words. Unknown the first time. */
  expectedMs?: number;
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
  /**
   * The titles of the stories read anew because their file or settings changed since the build that filled the cache
   * (after `ficbind update`, the stories that gained chapters). Empty when the cache held none of them (a first build)
   * or all of them, and without the cache.
   */
  changedStories: string[];
}

export async function buildAnthology(options: BuildOptions = {}): Promise<BuildResult> {
  const cwd = resolve(options.cwd ?? '.');
  const project = await openProject({ cwd, input: options.input, config: options.config });
  const { config } = project;

  const language = options.language ? flag(() => validateLanguage(options.language!, '--language')) : (config.language ?? 'en');
  const outFile = options.out ? bookFileExtension(options.out, outputFormats.map((format) => writers[format].extension)) : undefined;
  const formats = chooseFormats(options.formats, outFile, config);
  const pageSize = options.pageSize ? flag(() => validatePageSize(options.pageSize!, '--page-size')) : config.pageSize;
  const outFolder = options.out && !outFile ? resolve(cwd, options.out) : (config.output ?? resolve(cwd, 'out'));
  const theme = chooseTheme(options.theme, config, [project.folder, cwd]);
  const dashes = { dashStyle: config.dashStyle, defaultDashStyle: theme.dashStyle };
  const typeset = (text: string) => typesetLine(text, { language, ...dashes, rules: config.typography });
  const title = typeset(options.title ?? config.title ?? titleFromFolderName(project.input));
  const baseName = outFile ? withoutExtension(resolve(cwd, options.out!), outFile) : join(outFolder, fileNameFor(title));
  // Books written into the folder of stories (`--out .`) are never read back as stories.
  const ownFiles = new Set([...Object.values(writers).map((writer) => baseName + writer.extension), baseName + '.jpg']);
  const storyPaths = project.stories.filter((path) => !ownFiles.has(resolve(path)));
  const cache = options.cache === false ? undefined : new CacheFolder(join(dirname(baseName), cacheFolderName));

  const bookMeta = (editors: string[]): AnthologyMeta => ({
    title,
    subtitle: config.subtitle && typeset(config.subtitle),
    editors,
    language,
    description: config.description,
    rights: config.rights,
    identifier: config.identifier ?? projectIdentifier(basename(project.folder), title),
    labels: config.labels,
    series: config.series,
    subjects: config.subjects,
  });
  // The cover renders in sharp's threads while the stories are read and the writers lay out the book; they await it
  // only to package it. Its words need the stories only when anthology.yaml names no editor (they are the authors).
  const covers = new CoverStarts((editors, onWarning) =>
    renderBookCover(bookMeta(editors), config.cover || {}, {
      projectFolder: project.folder,
      configPlace: config.path ? { file: config.path, line: config.lines?.cover } : undefined,
      theme,
      onWarning,
      cache,
    }),
  );
  if (config.cover !== false && config.editors) covers.start(config.editors);

  const overridesOf = (path: string) => config.storyMeta?.get(resolve(path));
  // Without editors named, the cover names the stories' authors. It starts once two files are read, on the authors
  // seen, as most books name the same authors throughout or differ by the second story (a guess on the first file
  // alone drew a cover that most anthologies threw away), and again if "Various" turns out right later (once two
  // authors differ, whatever the rest say); a guess the finished book does not bear out is drawn again at the end.
  const authorsSeen = new Set<string>();
  let filesRead = 0;
  const onStories = (path: string, stories: Story[]) => {
    if (config.cover === false || config.editors) return;
    for (const story of stories) for (const author of { ...story.meta, ...overridesOf(path) }.authors) authorsSeen.add(author);
    filesRead += 1;
    if ((!covers.started && filesRead >= 2) || authorsSeen.size === 2) covers.start(editorsFor([...authorsSeen]));
  };
  const loaded = await loadAllStories(storyPaths, {
    optionsFor: (path) => ({ language: overridesOf(path)?.language ?? language, ...dashes, typography: config.typography, encoding: encodingFor(config.encodings, path) }),
    cache,
    workers: options.workers,
    onLoaded: (done, total) => options.onProgress?.({ phase: 'read', done, total }),
    onStories,
  });
  const read: { story: Story; path: string }[] = [];
  for (const [index, path] of storyPaths.entries()) {
    const overrides = overridesOf(path);
    for (const story of loaded.files[index]) {
      if (overrides) story.meta = applyOverrides(story.meta, overrides, (text, storyLang) => typesetLine(text, { language: storyLang ?? language, ...dashes, rules: config.typography }));
      read.push({ story, path });
    }
  }
  const labels = bookLabels(language, config.labels);
  nameUntitledStories(read, (number) => labels.text('untitled-story', { number }), (message, file) => options.onWarning?.(`${relative(cwd, file) || file}: ${message}`));
  const stories = read.map(({ story }) => story);
  const words = stories.reduce((sum, story) => sum + story.meta.words, 0);

  const anthology: Anthology = {
    meta: bookMeta(config.editors ?? defaultEditors(stories)),
    stories,
    modified: options.sourceDateEpoch !== undefined ? fromEpoch(options.sourceDateEpoch) : await newestModification(inputsOf(storyPaths, config)),
  };
  const coverRendering = config.cover === false ? undefined : covers.take(anthology.meta.editors, options.onWarning);
  const coverJpeg = coverRendering?.then((rendered) => rendered.jpeg);
  coverJpeg?.catch(() => {});

  // Every format is rendered before anything is written, so a failing one (AZW3 without Calibre)
  // leaves the previous books as they were. KEPUB and AZW3 are made from the EPUB's bytes.
  const layouts = cache && (await storyLayoutCache(cache, loaded.files, loaded.keys));
  const context: WriterContext = { generator, pageSize, theme, dropCap: config.dropCap, cover: coverJpeg, cache, layouts, onWarning: options.onWarning, runCommand: options.runCommand };
  // Each story's metadata too: anthology.yaml may retitle a story whose file (and so whose key) is unchanged.
  const settings = { meta: anthology.meta, stories: stories.map((story) => story.meta), modified: anthology.modified.toISOString(), config, pageSize, generator };
  const booksKey = cache && (await bookKey({ formats, settings, storyKeys: loaded.keys, theme }));
  let rendered: RenderedBooks;
  try {
    rendered = (booksKey && (await cachedBooks(cache, booksKey, coverJpeg, options.onWarning))) || (await renderBooks(anthology, formats, context, options.onProgress, await RenderClock.open(cache, words), cache));
  } catch (error) {
    await coverRendering?.catch(() => {});
    throw error;
  }
  const { outputs } = rendered;
  const cover = await coverRendering;
  const files: BuiltFile[] = outputs.map(({ format, bytes }) => ({ format, path: baseName + writers[format].extension, bytes: bytes.byteLength }));
  // A book is valid or the build fails, before anything is written.
  const checked = outputs.filter(({ format }) => format === 'epub' || format === 'kepub');
  for (const [index, { format, bytes }] of checked.entries()) {
    if (!rendered.fromCache || options.check) options.onProgress?.({ phase: 'check', done: index, total: checked.length, format });
    await checkBook(bytes, baseName + writers[format].extension, options, rendered.fromCache);
  }
  if (cache && !rendered.fromCache) await (await import('./cache/documents.ts')).keepDocuments(cache);
  if (booksKey && !rendered.fromCache) cache.set('books', booksKey, { outputs, warnings: rendered.warnings, coverHash: sha256(cover?.jpeg) } satisfies CachedBooks);
  const coverFile: BuildResult['cover'] = cover ? { path: baseName + '.jpg', bytes: cover.jpeg.byteLength } : undefined;
  // Every temp file is written before any is renamed: a killed build leaves the old set of books or the new one.
  options.onProgress?.({ phase: 'write', done: 0, total: files.length + (coverFile ? 1 : 0) });
  await writeFilesAtomic([
    ...outputs.map(({ bytes }, index) => ({ path: files[index].path, data: bytes })),
    ...(cover && coverFile ? [{ path: coverFile.path, data: cover.jpeg }] : []),
  ]);
  options.onProgress?.({ phase: 'write', done: files.length + (coverFile ? 1 : 0), total: files.length + (coverFile ? 1 : 0) });
  await cache?.keep();
  const changedStories = loaded.cached.some(Boolean) ? loaded.files.flatMap((fileStories, index) => (loaded.cached[index] ? [] : fileStories.map((story) => story.meta.title))) : [];
  return { anthology, files, words, diagnostics: stories.map((story) => story.file), cover: coverFile, changedStories };
}

interface RenderedBooks {
  outputs: { format: OutputFormat; bytes: Uint8Array }[];
  /** What the writers warned about, in order. */
  warnings: string[];
  /** Taken from the cache: checked when first made. */
  fromCache: boolean;
}

/** Renders each format in turn, reporting progress (with the time the last build took) and passing the writers' warnings on as it keeps them. */
async function renderBooks(anthology: Anthology, formats: OutputFormat[], context: WriterContext, onProgress: BuildOptions['onProgress'], clock: RenderClock, cache?: CacheFolder): Promise<RenderedBooks> {
  // What the last build learnt of its files by content: a rebuild deflates and checks only the documents that changed.
  if (cache) await (await import('./cache/documents.ts')).recallDocuments(cache);
  const warnings: string[] = [];
  const render = formatRenderer(anthology, {
    ...context,
    kepubFollows: formats.includes('kepub'),
    onWarning: (message) => {
      warnings.push(message);
      context.onWarning?.(message);
    },
  });
  const outputs: RenderedBooks['outputs'] = [];
  for (const [index, format] of formats.entries()) {
    onProgress?.({ phase: 'render', done: index, total: formats.length, format, expectedMs: clock.expected(format) });
    const started = performance.now();
    outputs.push({ format, bytes: await render(format) });
    clock.record(format, performance.now() - started);
  }
  clock.keep();
  return { outputs, warnings, fromCache: false };
}

/** The books of an unchanged project from the cache, their warnings told again; undefined when the cache lacks them or the cover changed. */
async function cachedBooks(cache: CacheFolder, key: string, cover: Promise<Uint8Array> | undefined, onWarning: BuildOptions['onWarning']): Promise<RenderedBooks | undefined> {
  const books = await cache.get<CachedBooks>('books', key);
  if (!books || books.coverHash !== sha256(await cover)) return undefined;
  for (const warning of books.warnings) onWarning?.(warning);
  return { outputs: books.outputs, warnings: books.warnings, fromCache: true };
}

function sha256(bytes: Uint8Array | undefined): string {
  return bytes ? createHash('sha256').update(bytes).digest('hex') : '';
}

/**
 * ficbind's own check of the package (not again for books from the cache), then EPUBCheck's with `--check`; the
 * first that finds errors fails the build, naming the book.
 */
async function checkBook(bytes: Uint8Array, path: string, options: BuildOptions, checkedBefore: boolean): Promise<void> {
  const { checkEpubPackage } = await import('./writers/epub-check.ts');
  const problems = checkedBefore ? [] : await checkEpubPackage(bytes);
  if (problems.length > 0) {
    throw new OutputError(`ficbind made a broken book, so nothing was written (a bug in ficbind: please report it): ${summarize(problems)}`, { file: path });
  }
  if (!options.check) return;
  const { epubcheckErrors } = await import('./writers/epubcheck.ts');
  const errors = await epubcheckErrors(bytes, { jar: options.check.epubcheckJar, runCommand: options.runCommand });
  if (errors.length > 0) throw new OutputError(`EPUBCheck found ${errors.length === 1 ? 'an error' : `${errors.length} errors`}, so nothing was written: ${summarize(errors)}`, { file: path });
}

/** The first three problems on one line, and how many more there are. */
function summarize(problems: string[]): string {
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
  return problems.slice(0, 3).join('; ') + more;
}

/** `--format`, else the format `--out book.epub` names, else config's `formats:`, else EPUB. One file holds one format. */
function chooseFormats(flagFormats: string[] | undefined, outFile: string | undefined, config: Partial<AnthologyConfig>): OutputFormat[] {
  const named = outFile === undefined ? undefined : outputFormats.find((format) => writers[format].extension === outFile);
  const formats = flagFormats ? flag(() => validateFormats(flagFormats)) : named ? [named] : (config.formats ?? ['epub']);
  if (named && (formats.length !== 1 || formats[0] !== named)) {
    throw new UsageError(`--out names one ${outFile} file but --format asks for ${formats.join(', ')}; give --out a folder to build several formats`);
  }
  return formats;
}

function flag<T>(validate: () => T): T {
  try {
    return validate();
  } catch (error) {
    if (error instanceof InvalidValue) throw new UsageError(error.message);
    throw error;
  }
}

/** Without a configured editor: the one author every story shares, "Various" for several, none when no story names one (the book then prints no editor line or byline). */
function defaultEditors(stories: Story[]): string[] {
  return editorsFor([...new Set(stories.flatMap((story) => story.meta.authors))]);
}

/** The editor line for these different authors: the one, "Various" for several, none for none. */
function editorsFor(authors: string[]): string[] {
  if (authors.length === 1) return authors;
  return authors.length > 1 ? ['Various'] : [];
}

/**
 * The cover's renderings by the editors it names, each started at most once: a build may start one on a guess
 * before its stories are read and take another. Only the rendering taken tells its warnings.
 */
class CoverStarts {
  private readonly renderings = new Map<string, { rendering: Promise<RenderedCover>; warnings: string[] }>();

  constructor(private readonly render: (editors: string[], onWarning: (message: string) => void) => Promise<RenderedCover>) {}

  get started(): boolean {
    return this.renderings.size > 0;
  }

  /** The rendering naming these editors, started now unless it was before. */
  start(editors: string[]): Promise<RenderedCover> {
    const key = JSON.stringify(editors);
    let started = this.renderings.get(key);
    if (!started) {
      const warnings: string[] = [];
      const rendering = this.render(editors, (message) => warnings.push(message));
      // A story or writer that fails first leaves the cover's own failure unawaited; it is reported when it happens alone.
      rendering.catch(() => {});
      started = { rendering, warnings };
      this.renderings.set(key, started);
    }
    return started.rendering;
  }

  /** The rendering naming these editors (started now unless it was before), telling its warnings as it finishes. */
  async take(editors: string[], onWarning: ((message: string) => void) | undefined): Promise<RenderedCover> {
    const cover = await this.start(editors);
    for (const warning of this.renderings.get(JSON.stringify(editors))!.warnings) onWarning?.(warning);
    return cover;
  }
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
  return new Date(Math.floor(times.reduce((newest, time) => Math.max(newest, time), 0) / 1000) * 1000);
}
