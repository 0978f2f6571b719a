// anthology.yaml: reads and validates the anthology's configuration, with file, line and key in every error.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigError } from './errors.ts';
import type { TypographyConfig } from './transforms/index.ts';
import { pageSizeNames, isPageSize, type PageSize } from './writers/pdf/page-sizes.ts';
import type { CoverSettings } from './covers/book-cover.ts';
import { isTemplatePath } from './covers/catalog.ts';
import { anthologySchema, outputFormats, type AnthologyData, type OutputFormat } from './schema/anthology.ts';
import { checkDocument } from './schema/validate.ts';
import { canonicalLanguage, languageExpected } from './schema/values.ts';
import { nearestName, suggestion } from './did-you-mean.ts';
import type { LabelOverrides } from './labels/index.ts';
import { resolveStoryEncodings, type StoryEncodings } from './story-encodings.ts';
import { overridesFromEntry, type StoryOverrides } from './story-entries.ts';

export { outputFormats, type OutputFormat };

export interface AnthologyConfig {
  title?: string;
  subtitle?: string;
  editors?: string[];
  language?: string;
  description?: string;
  rights?: string;
  /** Story files in reading order, absolute. */
  stories?: string[];
  /** What a `stories:` entry written as a mapping says of its story (title, authors, source…), by the story's absolute path. */
  storyMeta?: Map<string, StoryOverrides>;
  /** `identifier:` — the book's dc:identifier, pinned. */
  identifier?: string;
  /** A folder of stories, absolute; used when `stories` is absent. */
  input?: string;
  /** Name of the theme (`templates/<name>/`). */
  theme?: string;
  /** Open each story with a drop cap; overrides the theme's choice. */
  dropCap?: boolean;
  formats?: OutputFormat[];
  /** Output folder, absolute. */
  output?: string;
  dashStyle?: 'closed-em' | 'spaced-en';
  /** PDF trim size. */
  pageSize?: PageSize;
  typography?: TypographyConfig;
  /** The cover: `false` for none; otherwise template, background photo, palette colors, series. Default: `typographic`. */
  cover?: false | CoverSettings;
  /** `labels:` — words over the language's table. */
  labels?: LabelOverrides;
  /** `series:` — the series the anthology belongs to. */
  series?: { name: string; position?: number };
  /** `subjects:` — extra dc:subject entries. */
  subjects?: string[];
  /** `encoding:` — the stories' text encoding, for all or per file (absolute paths); default detected. */
  encodings?: StoryEncodings;
  /** The file this came from. */
  path: string;
  /** The line of each key given, for errors found after reading (an unknown theme). */
  lines?: Record<string, number | undefined>;
}

/** A value of the wrong shape; the caller adds the file and line (config) or turns it into a usage error (flags). */
export class InvalidValue extends Error {}

export async function loadConfig(path: string): Promise<AnthologyConfig> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { file: path });
  }
  return parseConfig(source, path);
}

/** Checks `source` against the schema (src/schema/anthology.ts); the first problem is a ConfigError at its line. */
export function parseConfig(source: string, path: string): AnthologyConfig {
  const { data, lineOf } = checkDocument(anthologySchema, source, path, { expected: 'a mapping of keys (title:, language:, stories: …)' });
  if (Object.keys(data).length === 0) return { path };
  const lines = Object.fromEntries(Object.keys(data).map((key) => [key, lineOf([key])]));
  const base = dirname(resolve(path));
  const relative = (entry: string | undefined) => (entry === undefined ? undefined : resolve(base, entry));
  return {
    path,
    title: data.title,
    subtitle: data.subtitle,
    editors: data.editors ?? data.editor,
    language: data.language,
    description: data.description,
    rights: data.rights,
    stories: data.stories?.map((story) => resolve(base, typeof story === 'string' ? story : story.file)),
    storyMeta: storyMetaOf(data.stories, base),
    identifier: data.identifier,
    input: relative(data.input),
    theme: data.theme,
    dropCap: data['drop-cap'],
    formats: data.formats,
    output: relative(data.output),
    dashStyle: data['dash-style'],
    pageSize: data['page-size'],
    typography: data.typography as TypographyConfig | undefined,
    cover: coverWithPaths(data.cover, base),
    labels: data.labels as LabelOverrides | undefined,
    series: data.series,
    subjects: data.subjects,
    encodings: resolveStoryEncodings(data.encoding === undefined ? undefined : typeof data.encoding === 'string' ? { all: data.encoding, files: {} } : { files: data.encoding }, base),
    lines,
  };
}

/** The metadata of each `stories:` entry written as a mapping, by absolute path; undefined when there is none. */
function storyMetaOf(entries: AnthologyData['stories'], base: string): Map<string, StoryOverrides> | undefined {
  const written = (entries ?? []).filter((entry) => typeof entry !== 'string');
  if (written.length === 0) return undefined;
  return new Map(written.map((entry) => [resolve(base, entry.file), overridesFromEntry(entry)]));
}

/** A language flag (`--language`): canonicalized, or an InvalidValue saying what was expected. */
export function validateLanguage(tag: string, key = 'language'): string {
  const canonical = canonicalLanguage(tag);
  if (canonical) return canonical;
  throw new InvalidValue(`"${key}" must be ${languageExpected}, got "${tag}"`);
}

export function validatePageSize(value: string, key = 'page-size'): PageSize {
  if (isPageSize(value)) return value;
  throw new InvalidValue(`"${key}" must be one of ${pageSizeNames.join(', ')}, got "${value}"${hint(value, pageSizeNames)}`);
}

export function validateFormats(formats: string[]): OutputFormat[] {
  for (const format of formats) {
    if (!(outputFormats as readonly string[]).includes(format)) {
      throw new InvalidValue(`unknown format "${format}"${suggestion(format, outputFormats)}`);
    }
  }
  return [...new Set(formats)] as OutputFormat[];
}

const hint = (value: string, names: readonly string[]) => {
  const near = nearestName(value, names);
  return near === undefined ? '' : `; did you mean "${near}"?`;
};

/** Paths in the cover settings, relative to the config file, made absolute; template names stay names. */
function coverWithPaths(cover: boolean | CoverSettings | undefined, base: string): false | CoverSettings | undefined {
  // `cover: true` asks for the default cover, as leaving it out does.
  if (cover === true) return {};
  if (!cover) return cover;
  return {
    ...cover,
    template: cover.template !== undefined && isTemplatePath(cover.template) ? resolve(base, cover.template) : cover.template,
    background: cover.background !== undefined ? resolve(base, cover.background) : undefined,
  };
}
