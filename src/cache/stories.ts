// Finished stories from the build cache: a story file whose bytes and settings were seen before is not read or typeset again (nor are the readers loaded).
import { resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { VFile } from 'vfile';
import { treeShowsPictures, type Story } from '../story.ts';
import type { StoryOptions } from '../load-story.ts';
import type { ImageSource } from '../readers/html-images.ts';
import { readInputBytes } from '../readers/formats.ts';
import { CacheFolder } from './cache-folder.ts';

/** A story file's bytes and cache key, and its stories when `cache` holds them. */
export async function cachedStories(path: string, options: StoryOptions, cache: CacheFolder | undefined): Promise<{ bytes: Uint8Array; key?: string; stories?: Story[] }> {
  const bytes = await readInputBytes(path);
  const key = cache && (await CacheFolder.key('story', resolve(path), JSON.stringify(options), bytes));
  const cached = key && (await cache.get<CachedStory[]>('story', key));
  return { bytes, key, stories: cached ? cached.map(unpackCachedStory) : undefined };
}

/** Reads and typesets a story file's bytes in this thread; `usedImages` when it took pictures from its folder. */
export async function loadStoriesHere(bytes: Uint8Array, path: string, options: StoryOptions): Promise<{ stories: Story[]; usedImages: boolean }> {
  const [{ loadStoriesFromBytes }, { folderImageSource }] = await Promise.all([import('../load-story.ts'), import('../readers/html-images.ts')]);
  const images = watchedImages(folderImageSource(path));
  const stories = await loadStoriesFromBytes(bytes, path, options, images);
  return { stories, usedImages: images.used };
}

/**
 * Keeps finished stories under `key` for the next build. A story that takes pictures from its folder depends on
 * more than its own bytes, so the caller passes no key for it.
 */
export function keepStories(cache: CacheFolder | undefined, key: string | undefined, stories: Story[] | CachedStory[]): void {
  if (cache && key) cache.set('story', key, stories.map((story) => (story.tree instanceof Uint8Array ? story : packCachedStory(story as Story))));
}

/**
 * A story as the cache keeps it and a story worker sends it: its tree serialized on its own, so a build that needs
 * only the metadata and the diagnostics (an unchanged project, or stories whose laid-out documents are cached too)
 * never rebuilds the tree, and the thread receiving a story does not rebuild it before a writer reads it.
 */
export interface CachedStory extends Omit<PackedStory, 'tree'> {
  tree: Uint8Array;
  pictures: boolean;
}

export function packCachedStory(story: Story): CachedStory {
  return { ...packStory(story), tree: serialize(story.tree), pictures: treeShowsPictures(story.tree) };
}

/** The story, its tree made from the entry's bytes the first time something reads it. */
export function unpackCachedStory(cached: CachedStory): Story {
  const { tree: treeBytes, pictures, ...rest } = cached;
  const story = unpackStory({ ...rest, tree: undefined as unknown as Story['tree'] });
  let tree: Story['tree'] | undefined;
  Object.defineProperty(story, 'tree', {
    enumerable: true,
    configurable: true,
    get: () => (tree ??= deserialize(treeBytes) as Story['tree']),
    set: (value: Story['tree']) => {
      tree = value;
      story.pictures = undefined;
    },
  });
  story.pictures = pictures;
  return story;
}

interface PackedMessage {
  reason: string;
  place: unknown;
  ruleId?: string;
  source?: string;
  fatal?: boolean | null;
  actual?: string;
  expected?: string[];
  note?: string;
  url?: string;
}

export interface PackedStory {
  meta: Story['meta'];
  tree: Story['tree'];
  path: string;
  value: string;
  data: Record<string, unknown>;
  messages: PackedMessage[];
}

export function packStory(story: Story): PackedStory {
  const { file } = story;
  return {
    meta: story.meta,
    tree: story.tree,
    path: file.path,
    value: String(file.value),
    data: { ...file.data },
    messages: file.messages.map((message) => ({
      reason: message.reason,
      place: message.place,
      ruleId: message.ruleId,
      source: message.source,
      fatal: message.fatal,
      actual: message.actual,
      expected: message.expected,
      note: message.note,
      url: message.url,
    })),
  };
}

export function unpackStory(packed: PackedStory): Story {
  const file = new VFile({ path: packed.path, value: packed.value, data: packed.data });
  for (const saved of packed.messages) {
    const message = file.message(saved.reason, { place: saved.place as never, ruleId: saved.ruleId, source: saved.source });
    message.fatal = saved.fatal;
    if (saved.actual !== undefined) message.actual = saved.actual;
    if (saved.expected !== undefined) message.expected = saved.expected;
    if (saved.note !== undefined) message.note = saved.note;
    if (saved.url !== undefined) message.url = saved.url;
  }
  return { meta: packed.meta, tree: packed.tree, file };
}

/**
 * The same image source, noting whether any picture was looked up: a story that takes pictures from its folder
 * depends on more than its own bytes, so it is not cached.
 */
export function watchedImages(source: ImageSource): ImageSource & { used: boolean } {
  const watched = {
    used: false,
    load(src: string) {
      watched.used = true;
      return source.load(src);
    },
  };
  return watched;
}
