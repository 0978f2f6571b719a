// YAML front matter: split it from a story's text (keeping line numbers) and turn it into story metadata.
import { parseDocument } from 'yaml';
import { InputError, lineAt } from '../errors.ts';
import { emptyMeta, type StoryMeta } from '../story.ts';

export interface FrontMatter {
  /** The text with the front matter replaced by as many empty lines, so positions stay true. */
  body: string;
  data?: Record<string, unknown>;
  /** Why a block that looked like front matter was read as story text instead (for a warning at line 1). */
  notFrontMatter?: string;
}

/** Keys that fan-fiction exports put in front matter besides the metadata ficbind reads: accepted and ignored. */
const ignoredKeys = ['date', 'published', 'updated', 'completed', 'words', 'chapters', 'status', 'category', 'categories', 'kudos', 'hits', 'comments', 'bookmarks', 'id', 'layout', 'draft', 'notes', 'beta', 'betas', 'prompt'];

/** At most this many YAML aliases: a real header has none, an alias bomb has thousands. */
const maxAliases = 20;

/**
 * Front matter is a first line `---`, a YAML mapping whose every key is a metadata key, and a closing `---` or
 * `...` line. Anything else between two `---` lines (an author's note, a scene break and prose, invalid YAML) is
 * story text, with a reason the caller reports as a warning.
 */
export function splitFrontMatter(text: string, path: string): FrontMatter {
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return { body: text };
  const document = parseDocument(match[1], { prettyErrors: false });
  const error = document.errors[0];
  if (error) {
    const reason = error.message.split('\n')[0];
    // A block opening with a metadata key (`title:`) was meant as front matter: its mistake is worth stopping for.
    const firstKey = /^\s*([\p{L} _-]+):/u.exec(match[1])?.[1];
    if (firstKey !== undefined && knownKeys.has(normalizedKey(firstKey.trim()))) {
      throw new InputError(`front matter is not valid YAML: ${reason}`, { file: path, line: 1 + lineAt(match[1], error.pos[0]) });
    }
    return { body: text, notFrontMatter: `it is not valid YAML (${reason})` };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: maxAliases });
  } catch (error) {
    throw new InputError(`front matter uses more than ${maxAliases} YAML aliases (${(error as Error).message.split('\n')[0]}); it is not read`, { file: path, line: 2 });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { body: text, notFrontMatter: 'it is not a mapping of metadata keys' };
  const unknown = Object.keys(data).find((key) => !knownKeys.has(normalizedKey(key)));
  if (unknown !== undefined) return { body: text, notFrontMatter: `"${unknown}" is not a metadata key (expected ${[...Object.values(textFields), ...Object.values(listFields)].map((names) => names[0]).join(', ')}, series)` };
  const blank = match[0].replace(/[^\n]/g, '');
  return { body: blank + text.slice(match[0].length), data: data as Record<string, unknown> };
}

const normalizedKey = (key: string) => key.toLowerCase().replace(/[_-]/g, ' ');

/** Accepted spellings of each metadata field, the first being the documented one. */
const listFields = {
  authors: ['authors', 'author', 'by'],
  fandoms: ['fandoms', 'fandom'],
  relationships: ['relationships', 'relationship', 'pairings', 'pairing', 'ships'],
  characters: ['characters', 'character'],
  warnings: ['warnings', 'warning', 'archive warnings'],
  tags: ['tags', 'additional tags', 'freeform'],
} as const;

const textFields = {
  title: ['title'],
  rating: ['rating', 'rated'],
  summary: ['summary', 'description'],
  language: ['language', 'lang'],
  source: ['source', 'url', 'link'],
} as const;

const knownKeys = new Set([...Object.values(textFields).flat(), ...Object.values(listFields).flat(), 'series', ...ignoredKeys]);

/** Story metadata from front matter, else from the file name. The title is never taken from the text. */
export function storyMetaFrom(data: Record<string, unknown> | undefined, path: string): StoryMeta {
  const meta = emptyMeta(titleFromFileName(path));
  if (!data) return meta;
  const lookup = new Map(Object.entries(data).map(([key, value]) => [normalizedKey(key), { key, value }]));
  const find = (names: readonly string[]) => names.map((name) => lookup.get(name)).find((entry) => entry !== undefined);

  for (const [field, names] of Object.entries(textFields) as [keyof typeof textFields, readonly string[]][]) {
    const entry = find(names);
    if (!entry || entry.value === null) continue;
    if (typeof entry.value !== 'string' && typeof entry.value !== 'number') {
      throw new InputError(`front matter key "${entry.key}" must be text, got ${describe(entry.value)}`, { file: path });
    }
    meta[field] = String(entry.value).trim();
  }
  for (const [field, names] of Object.entries(listFields) as [keyof typeof listFields, readonly string[]][]) {
    const entry = find(names);
    if (!entry || entry.value === null) continue;
    meta[field] = toTextList(entry.value, entry.key, path);
  }
  const series = find(['series']);
  if (series && series.value !== null) meta.series = toSeries(series.value, series.key, path);
  return meta;
}

function toTextList(value: unknown, key: string, path: string): string[] {
  if (typeof value === 'string') return value.split(/\s*,\s*/).filter(Boolean);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) {
    return value.map((item) => String(item).trim()).filter(Boolean);
  }
  throw new InputError(`front matter key "${key}" must be text or a list of text, got ${describe(value)}`, { file: path });
}

function toSeries(value: unknown, key: string, path: string): StoryMeta['series'] {
  if (typeof value === 'string') return { name: value };
  if (value && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string') {
    const { name, position } = value as { name: string; position?: unknown };
    if (position === undefined || typeof position === 'number') return { name, position };
  }
  throw new InputError(`front matter key "${key}" must be a series name or { name, position }, got ${describe(value)}`, { file: path });
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'nothing';
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * `03_the-long-road.txt` → `The Long Road`: order prefix dropped, separators to spaces, lowercase names capitalized.
 * A name a machine made (`ada8c86d2f6148f8.html`, a UUID, only digits) is no title: `''`, and the build numbers the story.
 */
export function titleFromFileName(path: string): string {
  const base = path.split(/[\\/]/).pop()!.replace(/\.[^.]+$/, '');
  return isMachineMadeName(base) ? '' : titleFromName(base);
}

/** A hexadecimal hash of 8 or more characters with a digit in it, a UUID, or only digits (after any ordering prefix). */
export function isMachineMadeName(base: string): boolean {
  const name = base.trim().replace(/^\d{1,3}[\s._-]+(?=\S)/, '');
  if (/^\d+$/.test(name) || /^\d+$/.test(base.trim())) return true;
  if (/^[0-9a-f]{8,}$/i.test(name) && /\d/.test(name)) return true;
  return /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(name);
}

/** A folder's name as a title, the same way, except that a dot is no extension (`Vol. 2`). */
export function titleFromFolderName(path: string): string {
  return titleFromName(path.replace(/[\\/]+$/, '').split(/[\\/]/).pop()!);
}

function titleFromName(base: string): string {
  // An ordering prefix (`03_`, `12 - `; not a year) goes when a name with letters is left after it.
  const unprefixed = base.replace(/^\d{1,3}[\s._-]+/, '');
  const words = (/\p{L}/u.test(unprefixed) ? unprefixed : base).replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim() || base;
  return words === words.toLowerCase() && /[a-z]/.test(words) && !/\d/.test(words)
    ? words.replace(/(^|\s)(\p{Ll})/gu, (_, space: string, letter: string) => space + letter.toUpperCase())
    : words;
}
