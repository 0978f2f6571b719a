// Reads a story file and applies the typography rules: the whole path from bytes to a finished story tree.
import type { Story } from './story.ts';
import { resolve } from 'node:path';
import { readInputBytes, readStoriesFromBytes, readStoryBytes, readStoryFile, type ReadStory } from './readers/index.ts';
import { folderImageSource } from './readers/html-images.ts';
import { CacheFolder } from './cache/cache-folder.ts';
import { packStory, unpackStory, watchedImages, type PackedStory } from './cache/stories.ts';
import { applyTypography, typesetLine, type TypographyOptions } from './transforms/index.ts';
import { countStoryWords } from './word-count.ts';
import { InputError } from './errors.ts';
import { toString } from 'mdast-util-to-string';

/** Whether a story holds a picture (a comic, a piece of fan art with no words is still a story). */
function hasPictures(node: { type: string; children?: unknown[] }): boolean {
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === 'image') return true;
    for (const child of current.children ?? []) stack.push(child as typeof node);
  }
  return false;
}

export interface StoryOptions {
  /** The anthology's language, used when the story does not name its own. */
  language: string;
  dashStyle?: TypographyOptions['dashStyle'];
  defaultDashStyle?: TypographyOptions['defaultDashStyle'];
  typography?: TypographyOptions['rules'];
  /** The story file's text encoding when the user named one (`encoding:`); default detected. */
  encoding?: string;
}

export async function loadStory(path: string, options: StoryOptions): Promise<Story> {
  return finishStory(await readStoryFile(path), options);
}

/**
 * Every story in a file: one, or several for an anthology EPUB ficbind made. With a cache, a file whose bytes and
 * settings were seen before is not read or typeset again (one that takes pictures from its folder always is).
 */
export async function loadStories(path: string, options: StoryOptions, cache?: CacheFolder): Promise<Story[]> {
  const bytes = await readInputBytes(path);
  const key = cache && (await CacheFolder.key('story', resolve(path), JSON.stringify(options), bytes));
  const cached = key && (await cache.get<PackedStory[]>('story', key));
  if (cached) return cached.map(unpackStory);
  const images = watchedImages(folderImageSource(path));
  const stories = (await readStoriesFromBytes(bytes, path, { images, encoding: options.encoding })).map((story) => finishStory(story, options));
  if (key && !images.used) cache.set('story', key, stories.map(packStory));
  return stories;
}

export function loadStoryFromBytes(bytes: Uint8Array, path: string, options: StoryOptions): Story {
  return finishStory(readStoryBytes(bytes, path), options);
}

function finishStory({ meta, tree, file }: ReadStory, options: StoryOptions): Story {
  const language = meta.language ?? options.language;
  const typography = { language, dashStyle: options.dashStyle, defaultDashStyle: options.defaultDashStyle, rules: options.typography };
  applyTypography(tree, file, typography);
  meta.title = typesetLine(meta.title, typography);
  if (meta.summary) meta.summary = typesetLine(meta.summary, typography);
  meta.words = countStoryWords(tree);
  if (!/[\p{L}\p{N}]/u.test(toString(tree)) && !hasPictures(tree)) {
    throw new InputError('this story has no text (the file is empty, only whitespace, or its chapters are empty)', { file: file.path });
  }
  return { meta, tree, file };
}
