// Per-story entries of anthology.yaml (metadata a user gives over what a story says) and titles for stories nothing names.
import { basename } from 'node:path';
import type { StoryEntryData } from './schema/anthology.ts';
import type { Story, StoryMeta } from './story.ts';

/** The metadata fields a `stories:` entry may give; each replaces what the story file says. */
export type StoryOverrides = Partial<Pick<StoryMeta, 'title' | 'authors' | 'fandoms' | 'relationships' | 'characters' | 'rating' | 'summary' | 'tags' | 'language' | 'source' | 'series'>>;

/** The overrides of one validated entry (`file` left out). */
export function overridesFromEntry(entry: StoryEntryData): StoryOverrides {
  const { file: _file, series, ...fields } = entry;
  const overrides: StoryOverrides = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  if (series !== undefined) overrides.series = typeof series === 'string' ? { name: series } : series;
  return overrides;
}

/** `meta` with the entry's fields over it; the title and summary go through `typeset` (curly quotes, dashes) as the story's own do. */
export function applyOverrides(meta: StoryMeta, overrides: StoryOverrides, typeset: (text: string, language: string | undefined) => string): StoryMeta {
  const result: StoryMeta = { ...meta, ...overrides };
  if (overrides.title !== undefined) result.title = typeset(overrides.title, result.language);
  if (overrides.summary !== undefined) result.summary = typeset(overrides.summary, result.language);
  return result;
}

/**
 * The stories nothing names (their file name looked machine-made, so the readers gave no title): each is called
 * `nameFor(N)`, N its number in the book ("Untitled N" in English: the book's `untitled-story` label), and `warn`
 * is told the file and how to name it.
 */
export function nameUntitledStories(stories: { story: Story; path: string }[], nameFor: (number: number) => string, warn: (message: string, file: string) => void): void {
  for (const [index, { story, path }] of stories.entries()) {
    if (story.meta.title.trim() !== '') continue;
    story.meta.title = nameFor(index + 1);
    warn(
      `no title (the story names none and its file name looks machine-made), so it is called "${story.meta.title}"; name it in anthology.yaml: stories: [{ file: ${basename(path)}, title: … }]`,
      path,
    );
  }
}
