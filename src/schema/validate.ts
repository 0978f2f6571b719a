// Checks a YAML or JSON document against a schema: the first problem in file order becomes one ConfigError naming file, line and key.
import { extname } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type * as z from 'zod';
import { ConfigError, lineAt } from '../errors.ts';
import { nearestName } from '../did-you-mean.ts';

export type KeyPath = readonly PropertyKey[];

export interface CheckedDocument<T> {
  data: T;
  /** The line of the key at `path`; for a key that is missing, the line of the mapping that lacks it. */
  lineOf(path: KeyPath): number | undefined;
}

export interface CheckOptions {
  /** How a value is named in errors: `"title"` for anthology.yaml, `theme key "colors.accent"` for a theme. */
  subject?: string;
  /** What the whole document should be, when it is not a mapping. */
  expected: string;
}

/** `formats[1]`, `cover.colors.accent`. */
export function keyName(path: KeyPath): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index > 0 ? '.' : ''}${String(part)}`)).join('');
}

/** Parses `source` (YAML, or JSON for a `.json` path) and checks it; throws a ConfigError for the first problem in the file. */
export function checkDocument<Schema extends z.ZodType>(schema: Schema, source: string, path: string, options: CheckOptions): CheckedDocument<z.output<Schema>> {
  const document = parseDocument(source, { prettyErrors: false });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const kind = extname(path).toLowerCase() === '.json' ? 'JSON' : 'YAML';
    throw new ConfigError(`not valid ${kind}: ${syntaxError.message.split('\n')[0]}`, { file: path, line: lineAt(source, syntaxError.pos[0]) });
  }
  const lineOf = (at: KeyPath) => lineOfKey(document, source, at);
  let raw: unknown;
  try {
    // A few aliases are fine; an alias bomb (aliases of aliases, doubling at each level) is refused.
    raw = (document.toJS({ maxAliasCount: 100 }) as unknown) ?? {};
  } catch (error) {
    throw new ConfigError(`too many YAML aliases (${(error as Error).message.split('\n')[0]}); expected a plain configuration`, { file: path, line: 1 });
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`expected ${options.expected}`, { file: path, line: lineOf([]) ?? 1 });

  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success) return { data: result.data, lineOf };
  const problems = result.error.issues.flatMap((issue) => expand(issue, []));
  const placed = problems.map((problem) => ({ ...problem, line: lineOf(problem.at) }));
  placed.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  const first = placed[0];
  throw new ConfigError(first.message(options.subject ?? ''), { file: path, line: first.line });
}

interface Problem {
  /** The key the problem is at (for an unknown key: that key). */
  at: KeyPath;
  message(subject: string): string;
}

/** An issue as problems a user can act on: a union is explained by the one branch the value's type matched. */
function expand(issue: z.core.$ZodIssue, prefix: KeyPath): Problem[] {
  const at = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    // A branch matched when the value had its type (a mapping, a list, text) and only its content was wrong.
    const matched = issue.errors.filter((branch) => branch.every(typeMatched));
    if (matched.length === 1) return matched[0].flatMap((inner) => expand(inner, at));
  }
  if (issue.code === 'unrecognized_keys') {
    // mapping() words these whole (with the nearest known key); the line is the unknown key's own.
    return [{ at: [...at, issue.keys[0]], message: () => issue.message }];
  }
  if (issue.code === 'invalid_key') {
    const inner = issue.issues[0];
    return [{ at, message: (subject) => `${subject}"${keyName(at)}" must be ${wording(inner?.message)}, got ${JSON.stringify(at[at.length - 1])}` }];
  }
  const got = issue.input;
  let hint = '';
  if (issue.code === 'invalid_value' && typeof got === 'string') {
    const near = nearestName(got, issue.values.filter((value): value is string => typeof value === 'string'));
    if (near !== undefined) hint = `; did you mean "${near}"?`;
  }
  return [{ at, message: (subject) => `${subject}"${keyName(at)}" must be ${wording(issue.message)}, got ${got === undefined ? 'nothing' : JSON.stringify(got)}${hint}` }];
}

function typeMatched(issue: z.core.$ZodIssue): boolean {
  if (issue.path.length > 0) return true;
  if (issue.code === 'invalid_type' || issue.code === 'invalid_union') return false;
  if (issue.code === 'invalid_value') return issue.values.some((value) => typeof value === typeof issue.input);
  return true;
}

/** Every schema here words its expectation; zod's own wording shows only if one was forgotten. */
function wording(message: string | undefined): string {
  if (!message || message.startsWith('Invalid')) return `valid (${message ?? 'unknown problem'})`;
  return message;
}

function lineOfKey(document: Document, source: string, path: KeyPath): number | undefined {
  let node: unknown = document.contents;
  let offset = isNode(node) ? node.range?.[0] : undefined;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
      if (!pair) break;
      offset = isScalar(pair.key) ? (pair.key.range?.[0] ?? offset) : offset;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number' && isNode(node.items[part])) {
      node = node.items[part];
      offset = (node as Node).range?.[0] ?? offset;
    } else break;
  }
  return offset === undefined ? undefined : lineAt(source, offset);
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}
