// anthology.yaml: reads and validates the anthology's configuration, with file, line and key in every error.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import { ConfigError, lineAt } from './errors.ts';
import type { TypographyConfig } from './transforms/index.ts';
import { pageSizeNames, isPageSize, type PageSize } from './writers/pdf/page-sizes.ts';
import type { CoverSettings } from './covers/book-cover.ts';
import { isTemplatePath } from './covers/catalog.ts';
import { isHexColor, longHexColor, paletteNames, type CoverPalette } from './covers/placeholders.ts';
import { resolveStoryEncodings, validateStoryEncodings, type StoryEncodings } from './story-encodings.ts';

export const outputFormats = ['epub', 'pdf', 'kepub', 'azw3'] as const;
export type OutputFormat = (typeof outputFormats)[number];

export interface AnthologyConfig {
  title?: string;
  subtitle?: string;
  editors?: string[];
  language?: string;
  description?: string;
  rights?: string;
  /** Story files in reading order, absolute. */
  stories?: string[];
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
  /** `encoding:` — the stories' text encoding, for all or per file (absolute paths); default detected. */
  encodings?: StoryEncodings;
  /** The file this came from. */
  path: string;
  /** The line of each key given, for errors found after reading (an unknown theme). */
  lines?: Record<string, number | undefined>;
}

type Field = (value: unknown, key: string) => unknown;

/** A value of the wrong shape; the caller adds the file and line (config) or turns it into a usage error (flags). */
export class InvalidValue extends Error {}

const text: Field = (value, key) => {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  throw new InvalidValue(`"${key}" must be text`);
};
const textList: Field = (value, key) => {
  if (typeof value === 'string' && value.trim() !== '') return [value.trim()];
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && item.trim() !== '')) {
    return value.map((item: string) => item.trim());
  }
  throw new InvalidValue(`"${key}" must be text or a list of text`);
};

/** Every key anthology.yaml accepts, and how it is checked. */
const fields: Record<string, Field> = {
  title: text,
  subtitle: text,
  editor: textList,
  editors: textList,
  language: (value, key) => validateLanguage(text(value, key) as string, key),
  description: text,
  rights: text,
  stories: textList,
  input: text,
  theme: text,
  'drop-cap': (value, key) => {
    if (typeof value === 'boolean') return value;
    throw new InvalidValue(`"${key}" must be true or false`);
  },
  formats: (value, key) => validateFormats(textList(value, key) as string[]),
  output: text,
  'page-size': (value, key) => validatePageSize(text(value, key) as string, key),
  'dash-style': (value, key) => {
    if (value === 'closed-em' || value === 'spaced-en') return value;
    throw new InvalidValue(`"${key}" must be closed-em or spaced-en`);
  },
  typography: (value, key) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InvalidValue(`"${key}" must be a mapping of rule id to true, false or options`);
    for (const [rule, setting] of Object.entries(value)) {
      if (typeof setting !== 'boolean' && (typeof setting !== 'object' || setting === null || Array.isArray(setting))) {
        throw new InvalidValue(`"${key}.${rule}" must be true, false or a mapping of options`);
      }
    }
    return value;
  },
  cover: (value, key) => validateCover(value, key),
  encoding: (value, key) => validateStoryEncodings(value, key, (message) => new InvalidValue(message)),
};

export async function loadConfig(path: string): Promise<AnthologyConfig> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { file: path });
  }
  return parseConfig(source, path);
}

export function parseConfig(source: string, path: string): AnthologyConfig {
  const document = parseDocument(source, { prettyErrors: false });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    throw new ConfigError(`not valid YAML: ${syntaxError.message.split('\n')[0]}`, { file: path, line: lineAt(source, syntaxError.pos[0]) });
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new ConfigError(`too many YAML aliases (${(error as Error).message.split('\n')[0]}); expected a plain configuration`, { file: path, line: 1 });
  }
  if (data === null || data === undefined) return { path };
  if (typeof data !== 'object' || Array.isArray(data)) throw new ConfigError('expected a mapping of keys (title:, language:, stories: …)', { file: path, line: 1 });

  const values: Record<string, unknown> = {};
  const lines: Record<string, number | undefined> = {};
  for (const [key, value] of Object.entries(data)) {
    const check = fields[key];
    const line = lineOfKey(document, source, key);
    lines[key] = line;
    if (!check) {
      throw new ConfigError(`unknown key "${key}"; expected one of ${Object.keys(fields).join(', ')}`, { file: path, line });
    }
    try {
      values[key] = check(value, key);
    } catch (problem) {
      if (!(problem instanceof InvalidValue)) throw problem;
      const got = problem.message.includes(', got ') ? '' : `, got ${JSON.stringify(value)}`;
      throw new ConfigError(problem.message + got, { file: path, line });
    }
  }
  const base = dirname(resolve(path));
  const relative = (entry: unknown) => (typeof entry === 'string' ? resolve(base, entry) : undefined);
  return {
    path,
    title: values.title as string | undefined,
    subtitle: values.subtitle as string | undefined,
    editors: (values.editors ?? values.editor) as string[] | undefined,
    language: values.language as string | undefined,
    description: values.description as string | undefined,
    rights: values.rights as string | undefined,
    stories: (values.stories as string[] | undefined)?.map((story) => resolve(base, story)),
    input: relative(values.input),
    theme: values.theme as string | undefined,
    dropCap: values['drop-cap'] as boolean | undefined,
    formats: values.formats as OutputFormat[] | undefined,
    output: relative(values.output),
    dashStyle: values['dash-style'] as AnthologyConfig['dashStyle'],
    pageSize: values['page-size'] as PageSize | undefined,
    typography: values.typography as TypographyConfig | undefined,
    cover: coverWithPaths(values.cover as false | CoverSettings | undefined, base),
    encodings: resolveStoryEncodings(values.encoding as StoryEncodings | undefined, base),
    lines,
  };
}

function lineOfKey(document: Document, source: string, key: string): number | undefined {
  if (!isMap(document.contents)) return undefined;
  const pair = document.contents.items.find((item) => isScalar(item.key) && item.key.value === key);
  const offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
  return offset === undefined ? undefined : lineAt(source, offset);
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * A well-formed BCP 47 tag (`en`, `en-GB`, `pt-BR`, `zh-Hant`), canonicalized, whose language is one
 * ICU knows: `english` is well-formed but no language code, and Kindle rejects it.
 */
export function validateLanguage(tag: string, key = 'language'): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    const language = canonical?.split('-')[0];
    if (canonical && language && /^[a-z]{2,3}$/.test(language) && languageNames.of(language)) return canonical;
  } catch {
    // fall through to the error below
  }
  throw new InvalidValue(`"${key}" must be a BCP 47 language tag such as en, en-GB or fr, got "${tag}"`);
}

export function validatePageSize(value: string, key = 'page-size'): PageSize {
  if (isPageSize(value)) return value;
  throw new InvalidValue(`"${key}" must be one of ${pageSizeNames.join(', ')}, got "${value}"`);
}

export function validateFormats(formats: string[]): OutputFormat[] {
  for (const format of formats) {
    if (!(outputFormats as readonly string[]).includes(format)) {
      throw new InvalidValue(`unknown format "${format}"; expected one of ${outputFormats.join(', ')}`);
    }
  }
  return [...new Set(formats)] as OutputFormat[];
}

const coverKeys = ['template', 'background', 'colors', 'series'];

/** `cover: false`, or a mapping of template (name or path), background (path), colors (palette name → #hex), series. */
export function validateCover(value: unknown, key = 'cover'): false | CoverSettings {
  if (value === false) return false;
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InvalidValue(`"${key}" must be false or a mapping of ${coverKeys.join(', ')}`);
  const settings: CoverSettings = {};
  for (const [name, item] of Object.entries(value)) {
    if (!coverKeys.includes(name)) throw new InvalidValue(`unknown key "${key}.${name}"; expected one of ${coverKeys.join(', ')}`);
    if (name === 'colors') settings.colors = validateCoverColors(item, `${key}.colors`);
    else settings[name as 'template' | 'background' | 'series'] = text(item, `${key}.${name}`) as string;
  }
  return settings;
}

export function validateCoverColors(value: unknown, key: string): CoverPalette {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InvalidValue(`"${key}" must be a mapping of ${paletteNames.join(', ')} to colors like "#1f2a44"`);
  const colors: CoverPalette = {};
  for (const [name, color] of Object.entries(value)) {
    if (!(paletteNames as readonly string[]).includes(name)) throw new InvalidValue(`unknown color "${key}.${name}"; expected one of ${paletteNames.join(', ')}`);
    if (typeof color !== 'string' || !isHexColor(color.trim())) throw new InvalidValue(`"${key}.${name}" must be a color like "#1f2a44" (quoted in YAML)`);
    colors[name as keyof CoverPalette] = longHexColor(color.trim());
  }
  return colors;
}

/** Paths in the cover settings, relative to the config file, made absolute; template names stay names. */
function coverWithPaths(cover: false | CoverSettings | undefined, base: string): false | CoverSettings | undefined {
  if (!cover) return cover;
  return {
    ...cover,
    template: cover.template !== undefined && isTemplatePath(cover.template) ? resolve(base, cover.template) : cover.template,
    background: cover.background !== undefined ? resolve(base, cover.background) : undefined,
  };
}
