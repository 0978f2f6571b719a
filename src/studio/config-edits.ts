// Edits of anthology.yaml made by the studio (story order, story metadata, book settings, typography rules), spliced into the text as written so comments, key order and spacing stay.
import { isMap, isScalar, isSeq, parseDocument, stringify, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { dirname, relative, resolve, sep } from 'node:path';
import { ConfigError } from '../errors.ts';
import { parseConfig } from '../config.ts';

/** A value the studio writes: text, a list of texts, a flag, or nothing (the key is taken out). */
export type ConfigValue = string | string[] | boolean | undefined;

/** The story metadata the studio edits, as anthology.yaml's per-story entries name them. */
export const storyFieldNames = ['title', 'authors', 'fandoms', 'relationships', 'rating', 'summary'] as const;
export type StoryFields = Partial<Record<(typeof storyFieldNames)[number], ConfigValue>>;

type Range = [number, number, number];

function parse(source: string, path: string): Document.Parsed {
  const document = parseDocument(source);
  if (document.errors.length > 0 || (document.contents !== null && !isMap(document.contents))) {
    throw new ConfigError('expected a mapping of keys (title:, stories: …)', { file: path, line: 1 });
  }
  return document;
}

/** The text after an edit, refused (a ConfigError naming the line) unless the CLI reads it. */
function checked(source: string, path: string): string {
  parseConfig(source, path);
  return source;
}

/** A YAML value on one line: plain where YAML reads it back as the same text, else quoted; lists in brackets. */
export function inlineValue(value: Exclude<ConfigValue, undefined>): string {
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((item) => inlineScalar(item, true)).join(', ')}]`;
  return inlineScalar(value, false);
}

function inlineScalar(text: string, inFlow: boolean): string {
  const plain = stringify(text).trimEnd();
  const safe = !plain.includes('\n') && !/^["'|>]/.test(plain) && !(inFlow && /[,[\]{}]/.test(plain));
  return safe ? plain : JSON.stringify(text);
}

function lineStart(source: string, at: number): number {
  return source.lastIndexOf('\n', at - 1) + 1;
}

function lineEnd(source: string, at: number): number {
  const end = source.indexOf('\n', at);
  return end < 0 ? source.length : end + 1;
}

/** Where the `-` of a block sequence item stands (the item's node starts after it). */
function dashOf(source: string, item: Node): number {
  let at = item.range![0] - 1;
  while (at > 0 && source[at] !== '-') at--;
  return at;
}

/** The block sequence of `stories:`, or undefined when the list is written in brackets, as one file, or not at all. */
function storiesSeq(document: Document.Parsed): YAMLSeq<Node> | undefined {
  const stories = document.get('stories', true);
  return isSeq(stories) ? (stories as YAMLSeq<Node>) : undefined;
}

/** The file an entry names (`a.txt` or `{ file: a.txt, … }`), absolute, as the CLI resolves it. */
function entryFile(item: Node, path: string): string | undefined {
  const named = isScalar(item) ? String(item.value) : isMap(item) ? String(item.get('file') ?? '') : undefined;
  return named === undefined ? undefined : resolve(dirname(resolve(path)), named);
}

/** `file` (absolute) as anthology.yaml names it: relative to it, `/`-separated. */
export function listedName(path: string, file: string): string {
  return relative(dirname(resolve(path)), file).split(sep).join('/');
}

/** anthology.yaml with `file` (absolute) added at the end of `stories:`; without a list nothing changes, since every story in the folder is read. */
export function appendStory(source: string, path: string, file: string): string {
  const document = parse(source, path);
  const stories = document.get('stories', true);
  const name = listedName(path, file);
  if (isScalar(stories) && stories.range) {
    return checked(source.slice(0, stories.range[0]) + `[${inlineScalar(String(stories.value), true)}, ${inlineScalar(name, true)}]` + source.slice(stories.range[1]), path);
  }
  if (!isSeq(stories)) return source;
  if (stories.flow) {
    const close = source.lastIndexOf(']', stories.range![1]);
    return checked(source.slice(0, close) + (stories.items.length > 0 ? ', ' : '') + inlineScalar(name, true) + source.slice(close), path);
  }
  const last = stories.items.at(-1) as Node;
  const dash = dashOf(source, last);
  const indent = source.slice(lineStart(source, dash), dash);
  const at = lineEnd(source, (last.range as Range)[1] - 1);
  const lead = at > 0 && source[at - 1] !== '\n' ? '\n' : '';
  return checked(source.slice(0, at) + lead + `${indent}- ${inlineScalar(name, false)}\n` + source.slice(at), path);
}

/**
 * anthology.yaml with `stories:` in the order `files` (each as the list names it, relative to anthology.yaml) gives;
 * every item keeps its own text (metadata, comments after it) and nothing else changes. Without a list, one is added.
 * Files are absolute.
 */
export function reorderStories(source: string, path: string, files: string[]): string {
  const document = parse(source, path);
  const seq = storiesSeq(document);
  if (!seq) {
    if (document.has('stories')) throw new ConfigError('write "stories:" as a list to reorder it', { file: path });
    const lead = source === '' || source.endsWith('\n') ? '' : '\n';
    return checked(source + lead + 'stories:\n' + files.map((file) => `  - ${inlineScalar(listedName(path, file), false)}\n`).join(''), path);
  }
  const items = seq.items;
  const byFile = new Map(items.map((item) => [entryFile(item, path), item]));
  if (files.length !== items.length || new Set(files).size !== files.length || files.some((file) => !byFile.has(file))) {
    throw new ConfigError('the new order must name each story of "stories:" once', { file: path });
  }
  if (seq.flow) {
    const open = source.indexOf('[', seq.range![0]);
    const close = source.lastIndexOf(']', seq.range![1]);
    const texts = files.map((file) => source.slice(byFile.get(file)!.range![0], byFile.get(file)!.range![1]));
    return checked(source.slice(0, open + 1) + texts.join(', ') + source.slice(close), path);
  }
  // Each item's text runs from its line to the next item's; the last one's to the end of its last line.
  const starts = items.map((item) => lineStart(source, dashOf(source, item)));
  const end = lineEnd(source, (items.at(-1)!.range as Range)[1] - 1);
  const chunks = new Map(items.map((item, index) => {
    const text = source.slice(starts[index], index + 1 < items.length ? starts[index + 1] : end);
    return [entryFile(item, path), text.endsWith('\n') ? text : text + '\n'];
  }));
  let reordered = files.map((file) => chunks.get(file)!).join('');
  if (!source.slice(starts[0], end).endsWith('\n')) reordered = reordered.slice(0, -1);
  return checked(source.slice(0, starts[0]) + reordered + source.slice(end), path);
}

/** anthology.yaml without the entry for `file` (the story file itself stays on disk). */
export function removeStory(source: string, path: string, file: string): string {
  const document = parse(source, path);
  const seq = storiesSeq(document);
  const item = seq?.items.find((candidate) => entryFile(candidate, path) === file);
  if (!seq || !item) throw new ConfigError(`"stories:" does not list ${listedName(path, file)}`, { file: path });
  if (seq.items.length === 1) throw new ConfigError('an anthology needs at least one story; add another before removing this one', { file: path });
  if (seq.flow) return reorderFlowWithout(source, path, seq, item);
  const index = seq.items.indexOf(item);
  const start = lineStart(source, dashOf(source, item));
  const end = index + 1 < seq.items.length ? lineStart(source, dashOf(source, seq.items[index + 1])) : lineEnd(source, (item.range as Range)[1] - 1);
  return checked(source.slice(0, start) + source.slice(end), path);
}

function reorderFlowWithout(source: string, path: string, seq: YAMLSeq<Node>, removed: Node): string {
  const open = source.indexOf('[', seq.range![0]);
  const close = source.lastIndexOf(']', seq.range![1]);
  const texts = seq.items.filter((item) => item !== removed).map((item) => source.slice(item.range![0], item.range![1]));
  return checked(source.slice(0, open + 1) + texts.join(', ') + source.slice(close), path);
}

/**
 * anthology.yaml with the entry for `file` carrying `fields` (an empty value takes the field out): a plain file name
 * becomes a mapping, fields the studio does not edit (source, tags…) stay, and an entry left with only its file
 * becomes a plain name again.
 */
export function setStoryFields(source: string, path: string, file: string, fields: StoryFields): string {
  const document = parse(source, path);
  const seq = storiesSeq(document);
  const item = seq?.items.find((candidate) => entryFile(candidate, path) === file);
  if (!seq || !item) throw new ConfigError(`"stories:" does not list ${listedName(path, file)}`, { file: path });
  const current: Record<string, unknown> = isMap(item) ? (item.toJSON() as Record<string, unknown>) : { file: String((item as { value?: unknown }).value) };
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(fields)) {
    if (isEmpty(value)) delete merged[key];
    else merged[key] = value;
  }
  const keys = Object.keys(merged).filter((key) => key !== 'file');
  const [start, end] = [item.range![0], (item.range as Range)[1]];
  if (seq.flow) {
    const text = keys.length === 0 ? inlineScalar(String(merged.file), true) : `{ ${['file', ...keys].map((key) => `${key}: ${anyInline(merged[key], true)}`).join(', ')} }`;
    return checked(source.slice(0, start) + text + source.slice(end), path);
  }
  const dash = dashOf(source, item);
  const indent = ' '.repeat(dash - lineStart(source, dash) + 2);
  const lines = ['file', ...keys].map((key) => `${key}: ${anyInline(merged[key], false)}`);
  const text = keys.length === 0 ? inlineScalar(String(merged.file), false) : lines.join('\n' + indent);
  // A mapping's range may take in the newline after its last value; keep it.
  const trailing = source.slice(start, end).match(/\s*$/)![0];
  return checked(source.slice(0, start) + text + trailing + source.slice(end), path);
}

function isEmpty(value: ConfigValue): boolean {
  return value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** Any value read back from a mapping (series, tags…) on one line; JSON is YAML. */
function anyInline(value: unknown, inFlow: boolean): string {
  if (typeof value === 'string') return inlineScalar(value, inFlow);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) return inlineValue(value as string[]);
  return JSON.stringify(value);
}

/**
 * anthology.yaml with `key` (a path: `['title']`, `['cover', 'template']`, `['typography', 'ellipses']`) set to
 * `value`, or taken out when it is empty. A key already there has its value replaced where it stands; a new one is
 * added at the end of its mapping (a new parent as `parent: { key: value }`).
 */
export function setConfigValue(source: string, path: string, keys: string[], value: ConfigValue): string {
  const document = parse(source, path);
  const remove = isEmpty(value) && value !== false;
  let text = remove ? '' : inlineValue(value as Exclude<ConfigValue, undefined>);
  let parent: unknown = document.contents;
  let depth = 0;
  for (; depth < keys.length - 1; depth++) {
    const next = isMap(parent) ? (parent as YAMLMap).get(keys[depth], true) : undefined;
    if (!isMap(next)) break;
    parent = next;
  }
  if (depth < keys.length - 1) {
    // The parent is missing or not a mapping (`cover: false`): it becomes `{ key: value }`.
    if (remove) return source;
    for (let level = keys.length - 1; level > depth; level--) text = `{ ${keys[level]}: ${text} }`;
  }
  const key = keys[depth];
  const map = parent as YAMLMap | null;
  const pair = map && isMap(map) ? (map.items as Pair<Node, Node | null>[]).find((candidate) => isScalar(candidate.key) && candidate.key.value === key) : undefined;
  if (pair) {
    const keyRange = (pair.key as Node).range!;
    if (remove) {
      if (map!.flow) throw new ConfigError(`take "${key}" out of the bracketed mapping by hand`, { file: path });
      const valueEnd = pair.value?.range ? pair.value.range[1] : keyRange[1];
      return checked(source.slice(0, lineStart(source, keyRange[0])) + source.slice(lineEnd(source, Math.max(valueEnd - 1, keyRange[1]))), path);
    }
    if (pair.value?.range) return checked(source.slice(0, pair.value.range[0]) + text + source.slice(pair.value.range[1]), path);
    return checked(source.slice(0, keyRange[1]) + `: ${text}` + source.slice(source.indexOf(':', keyRange[1]) + 1), path);
  }
  if (remove) return source;
  if (map === null || map === document.contents) {
    const lead = source === '' || source.endsWith('\n') ? '' : '\n';
    return checked(source + lead + `${key}: ${text}\n`, path);
  }
  if (map.flow) {
    const close = source.lastIndexOf('}', map.range![1]);
    return checked(source.slice(0, close).trimEnd() + `${map.items.length > 0 ? ',' : ''} ${key}: ${text} ` + source.slice(close), path);
  }
  const first = map.items[0] as Pair<Node, Node | null>;
  const indent = ' '.repeat(first.key!.range![0] - lineStart(source, first.key!.range![0]));
  const last = map.items.at(-1) as Pair<Node, Node | null>;
  const at = lineEnd(source, Math.max((last.value?.range?.[1] ?? last.key!.range![1]) - 1, last.key!.range![0]));
  const lead = at > 0 && source[at - 1] !== '\n' ? '\n' : '';
  return checked(source.slice(0, at) + lead + `${indent}${key}: ${text}\n` + source.slice(at), path);
}
