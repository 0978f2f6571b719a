// Story-level commands of the library: fix one story into text, Markdown or XHTML; check stories for diagnostics.
import { stat } from 'node:fs/promises';
import type { VFile } from 'vfile';
import { toMarkdown } from 'mdast-util-to-markdown';
import { gfmToMarkdown } from 'mdast-util-gfm';
import type { Root, Nodes } from 'mdast';
import { listStories } from './build.ts';
import { loadStories, loadStory, type StoryOptions } from './load-story.ts';
import { storyToText } from './writers/text.ts';
import { storyToXhtmlBody } from './writers/epub/index.ts';
import type { Story } from './story.ts';
import type { FixTarget } from './fix-targets.ts';

export { fixTargets, fixExtensions, type FixTarget } from './fix-targets.ts';

/** The normalized story as text, Markdown, or the XHTML body the EPUB gets. */
export async function fixStoryFile(path: string, to: FixTarget, options: StoryOptions): Promise<{ output: string; story: Story }> {
  const story = await loadStory(path, options);
  return { output: renderStory(story, to), story };
}

export function renderStory(story: Story, to: FixTarget): string {
  if (to === 'md') return storyToMarkdown(story.tree);
  if (to === 'html') return storyToXhtmlBody(story);
  return storyToText(story.tree);
}

function storyToMarkdown(tree: Root): string {
  return toMarkdown(tree as never, {
    // HTML input brings strike-through and tables, which only GitHub-flavoured Markdown can write.
    extensions: [gfmToMarkdown()],
    handlers: {
      sceneBreak: () => '* * *',
      authorNote: (node: Nodes & { children: Nodes[] }, _parent: unknown, state: { containerFlow: (node: unknown, info: unknown) => string }, info: unknown) =>
        state.containerFlow(node, info),
    } as never,
  });
}

/** Every story under the given files and folders, read and fixed, with its diagnostics. */
export async function checkStoryFiles(paths: string[], options: StoryOptions): Promise<VFile[]> {
  const files: string[] = [];
  for (const path of paths) {
    files.push(...((await stat(path).catch(() => undefined))?.isDirectory() ? await listStories(path) : [path]));
  }
  const checked: VFile[] = [];
  for (const path of files) checked.push(...(await loadStories(path, options)).map((story) => story.file));
  return checked;
}
