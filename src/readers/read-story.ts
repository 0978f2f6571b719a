// What reading a story file gives and takes, shared by the readers and their registry (src/readers/index.ts).
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { StoryMeta } from '../story.ts';
import type { ImageSource } from './html-images.ts';

export interface ReadStory {
  meta: StoryMeta;
  tree: Root;
  /** `file.value` is the decoded text; `file.data.format` the input format. */
  file: VFile;
}

export interface ReadOptions {
  /** Where the images an HTML story refers to come from. Default: nowhere (each is dropped with a warning). */
  images?: ImageSource;
  /** The story's text encoding (`encoding:` in anthology.yaml). Default: a byte-order mark, UTF-8, else detected. */
  encoding?: string;
}
