// `encoding:` in anthology.yaml (checked by src/schema/anthology.ts): one encoding for every story, or a mapping of story file to encoding, made absolute.
import { resolve } from 'node:path';

/** Encodings the user named: `all` for every story, `files` per absolute story path (which wins). */
export interface StoryEncodings {
  all?: string;
  files: Record<string, string>;
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
