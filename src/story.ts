// The story model every reader produces and every writer consumes: metadata plus an mdast tree.
import type { Root, Node, Parent, BlockContent } from 'mdast';
import type { VFile } from 'vfile';
import type { LabelOverrides } from './labels/index.ts';

/** A scene break: a paragraph that was only a break marker (`* * *`, `xXx`, `<hr>`, a thematic break). */
export interface SceneBreak extends Node {
  type: 'sceneBreak';
  /** The marker as the author typed it, kept for diagnostics and round trips. */
  marker: string;
}

/** An author's note or disclaimer, kept apart from the story's own text. */
export interface AuthorNote extends Parent {
  type: 'authorNote';
  kind: 'note' | 'disclaimer';
  children: BlockContent[];
}

/** An image a story embeds (read from HTML or EPUB input): bytes checked to be JPEG, PNG or GIF. */
export interface StoryAsset {
  /** Content-derived file name (`img-<sha256 prefix>.png`), never taken from the input; also the image node's `url`. */
  id: string;
  mediaType: 'image/jpeg' | 'image/png' | 'image/gif';
  bytes: Uint8Array;
}

/** What a `StoryAsset` id may be: a plain file name, safe in any folder (the readers give `img-<hash>.<ext>`). */
export const assetIdPattern = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

declare module 'mdast' {
  /** An `image` node whose picture is embedded carries it here; `url` is then the asset's id. */
  interface ImageData {
    asset?: StoryAsset;
    /** The picture's reference as the story wrote it (`art/map.png`), for messages. */
    source?: string;
  }
  interface RootContentMap {
    sceneBreak: SceneBreak;
    authorNote: AuthorNote;
  }
  interface BlockContentMap {
    sceneBreak: SceneBreak;
    authorNote: AuthorNote;
  }
}

export interface StoryMeta {
  /** `''` when nothing names the story (its file name looked machine-made); a build calls it "Untitled N". */
  title: string;
  authors: string[];
  fandoms: string[];
  relationships: string[];
  characters: string[];
  rating?: string;
  warnings: string[];
  tags: string[];
  summary?: string;
  /** BCP 47 tag; falls back to the anthology's language. */
  language?: string;
  /** Where the story came from (URL or description). */
  source?: string;
  series?: { name: string; position?: number };
  /** AO3's categories (`F/M`, `Gen`…), when the source names them. */
  categories?: string[];
  /** Collections or challenges the story was posted to. */
  collections?: string[];
  /** First publication and last update, as the source printed them (`2021-03-04`). */
  published?: string;
  updated?: string;
  /** Whether the source calls the story finished; absent when it does not say. */
  complete?: boolean;
  /** Words of story text (author's notes excluded). */
  words: number;
}

/**
 * One story: `tree` holds paragraphs, emphasis, `heading` nodes (depth 2) that start chapters,
 * `sceneBreak` and `authorNote` nodes, all with source positions. `file` carries the decoded
 * source text, its path and the diagnostics every transform reported.
 */
export interface Story {
  meta: StoryMeta;
  tree: Root;
  file: VFile;
  /**
   * Whether the tree shows a picture, when that is known without walking it: a story from the build cache, whose tree
   * is read from its entry only when a writer needs it. Default: walk the tree (`showsPictures`).
   */
  pictures?: boolean;
}

/** Whether a tree shows a picture anywhere (a comic, a piece of fan art with no words is still a story). */
export function treeShowsPictures(tree: Node): boolean {
  const stack: Node[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Node & { children?: Node[] };
    if (node.type === 'image') return true;
    for (const child of node.children ?? []) stack.push(child);
  }
  return false;
}

/** Whether a story shows a picture anywhere. */
export function showsPictures(story: Story): boolean {
  return story.pictures ?? treeShowsPictures(story.tree);
}

export interface AnthologyMeta {
  title: string;
  subtitle?: string;
  /** The anthology's editor(s): the book's `dc:creator`. */
  editors: string[];
  /** BCP 47 tag, validated. */
  language: string;
  description?: string;
  rights?: string;
  /** The book's dc:identifier: anthology.yaml's `identifier:`, else one derived from the project. Default (a book made without a build): derived from the metadata and story list. */
  identifier?: string;
  /** anthology.yaml's `labels:`, over the language's table (src/labels). Default: the table alone. */
  labels?: LabelOverrides;
  /** The series the anthology belongs to: `belongs-to-collection` and Calibre's series in the EPUB. */
  series?: { name: string; position?: number };
  /** Fandoms and tags for the book's `dc:subject`s, in addition to the stories' own. Default: the stories'. */
  subjects?: string[];
}

export interface Anthology {
  meta: AnthologyMeta;
  stories: Story[];
  /** The moment the book claims to be modified: SOURCE_DATE_EPOCH, else the newest input's mtime. */
  modified: Date;
}

export function emptyMeta(title: string): StoryMeta {
  return { title, authors: [], fandoms: [], relationships: [], characters: [], warnings: [], tags: [], words: 0 };
}
