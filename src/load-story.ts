// Reads a story file and applies the typography rules: the whole path from bytes to a finished story tree.
import { treeShowsPictures, type Story } from './story.ts';
import { readInputBytes, readStoriesFromBytes, readStoryBytes, readStoryFile, type ReadStory } from './readers/index.ts';
import { folderImageSource, type ImageSource } from './readers/html-images.ts';
import { applyTypography, typesetLine, type TypographyOptions } from './transforms/index.ts';
import { countStoryWords } from './word-count.ts';
import { InputError } from './errors.ts';
import { checkStoryPictures } from './readers/story-pictures.ts';
import { toString } from 'mdast-util-to-string';

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
  const story = await readStoryFile(path);
  await checkStoryPictures(story.tree, story.file);
  return finishStory(story, options);
}

/** Every story in a file: one, or several for an anthology EPUB ficbind made. */
export async function loadStories(path: string, options: StoryOptions): Promise<Story[]> {
  return loadStoriesFromBytes(await readInputBytes(path), path, options, folderImageSource(path));
}

/** Every story in a file's bytes, their pictures checked; an HTML story's pictures come from `images` (default: none). */
export async function loadStoriesFromBytes(bytes: Uint8Array, path: string, options: StoryOptions, images?: ImageSource): Promise<Story[]> {
  const stories = await readStoriesFromBytes(bytes, path, { images, encoding: options.encoding });
  for (const story of stories) await checkStoryPictures(story.tree, story.file);
  return stories.map((story) => finishStory(story, options));
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
  if (!/[\p{L}\p{N}]/u.test(toString(tree)) && !treeShowsPictures(tree)) {
    throw new InputError('this story has no text (the file is empty, only whitespace, or its chapters are empty)', { file: file.path });
  }
  return { meta, tree, file };
}
