// Story-level commands of the library: fix one story into text, Markdown or XHTML; check stories for diagnostics.
import { stat } from 'node:fs/promises';
import type { VFile } from 'vfile';
import { toMarkdown } from 'mdast-util-to-markdown';
import { gfmToMarkdown } from 'mdast-util-gfm';
import type { Root, Nodes } from 'mdast';
import { listStories, storyOptionsLookup, type StoryLookup } from './project.ts';
import { loadStories, loadStory } from './load-story.ts';
import { storyToText } from './writers/text.ts';
import { storyToXhtmlBody } from './writers/epub/index.ts';
import type { Story } from './story.ts';
import type { FixTarget } from './fix-targets.ts';

export { fixTargets, fixExtensions, type FixTarget } from './fix-targets.ts';

/**
 * The normalized story as text, Markdown, or the XHTML body the EPUB gets; set as its project's anthology.yaml says
 * (the nearest one above it) where `options` leave language, dash style and typography open.
 */
export async function fixStoryFile(path: string, to: FixTarget, options: StoryLookup = {}): Promise<{ output: string; story: Story }> {
  const story = await loadStory(path, await storyOptionsLookup(options)(path));
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

/** Every story under the given files and folders, read and fixed as `build` would (see fixStoryFile), with its diagnostics. */
export async function checkStoryFiles(paths: string[], options: StoryLookup = {}): Promise<VFile[]> {
  const optionsFor = storyOptionsLookup(options);
  const files: string[] = [];
  for (const path of paths) {
    const isFolder = (await stat(path).catch(() => undefined))?.isDirectory();
    files.push(...(isFolder ? await listStories(path) : [path]));
  }
  const checked: VFile[] = [];
  for (const path of files) checked.push(...(await loadStories(path, await optionsFor(path))).map((story) => story.file));
  return checked;
}
