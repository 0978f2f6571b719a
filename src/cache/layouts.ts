// Laid-out story documents from the build cache: a story whose key and place in the book are unchanged is not laid out or serialized again.
import type { Story } from '../story.ts';
import type { LaidOutStory, StoryLayoutCache } from '../writers/epub/book-plan.ts';
import { CacheFolder } from './cache-folder.ts';
import { codeFingerprint } from './code-fingerprint.ts';

/**
 * The layout cache for a build's stories, each known by its file's cache key, its place in that file and its metadata; a story
 * without a key (one that takes pictures from its folder) is always laid out anew.
 */
export async function storyLayoutCache(cache: CacheFolder, files: readonly Story[][], fileKeys: readonly (string | undefined)[]): Promise<StoryLayoutCache> {
  const fingerprint = await codeFingerprint();
  const storyKeys = new Map<Story, string>();
  files.forEach((stories, fileIndex) => {
    const fileKey = fileKeys[fileIndex];
    if (fileKey) stories.forEach((story, index) => storyKeys.set(story, `${fileKey}#${index}`));
  });
  const keyOf = (story: Story, settings: string) => {
    const storyKey = storyKeys.get(story);
    // The metadata goes in as well: anthology.yaml may name or retitle a story without touching its file.
    return storyKey && CacheFolder.keyFor(fingerprint, 'layout', storyKey, JSON.stringify(story.meta), settings);
  };
  return {
    get(story, settings) {
      const key = keyOf(story, settings);
      return key ? cache.getSync<LaidOutStory>('layout', key) : undefined;
    },
    set(story, settings, layout) {
      const key = keyOf(story, settings);
      if (key) cache.set('layout', key, layout);
    },
  };
}
