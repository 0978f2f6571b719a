// `encoding:` in anthology.yaml: one encoding for every story, or a mapping of story file to encoding, checked and made absolute.
import { resolve } from 'node:path';
import { isKnownEncoding } from './readers/decode.ts';

/** Encodings the user named: `all` for every story, `files` per absolute story path (which wins). */
export interface StoryEncodings {
  all?: string;
  files: Record<string, string>;
}

/** Thrown for a value of the wrong shape; config.ts adds the file and line. */
export type InvalidEncodings = (message: string) => Error;

export function validateStoryEncodings(value: unknown, key: string, invalid: InvalidEncodings): StoryEncodings {
  const checked = (name: unknown, where: string): string => {
    if (typeof name === 'string' && isKnownEncoding(name.trim())) return name.trim().toLowerCase();
    throw invalid(`"${where}" must name a text encoding such as utf-8, windows-1252, windows-1251, iso-8859-2, shift_jis, gb18030 or utf-16le, got ${JSON.stringify(name)}`);
  };
  if (typeof value === 'string') return { all: checked(value, key), files: {} };
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid(`"${key}" must be an encoding name or a mapping of story file to encoding`);
  return { files: Object.fromEntries(Object.entries(value).map(([file, name]) => [file, checked(name, `${key}.${file}`)])) };
}

/** The same settings with story paths resolved against the config's folder. */
export function resolveStoryEncodings(encodings: StoryEncodings | undefined, base: string): StoryEncodings | undefined {
  if (!encodings) return undefined;
  return { all: encodings.all, files: Object.fromEntries(Object.entries(encodings.files).map(([file, name]) => [resolve(base, file), name])) };
}

/** The encoding the user named for one story, if any. */
export function encodingFor(encodings: StoryEncodings | undefined, storyPath: string): string | undefined {
  return encodings?.files[resolve(storyPath)] ?? encodings?.all;
}
