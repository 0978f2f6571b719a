// Finished stories as cache entries: metadata, tree and diagnostics packed for v8.serialize, and unpacked into a story that is the same as a fresh one.
import { VFile } from 'vfile';
import type { Story } from '../story.ts';
import type { ImageSource } from '../readers/html-images.ts';

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
