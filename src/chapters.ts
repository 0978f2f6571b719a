// Splits a story tree into its chapters: the blocks before the first chapter heading, then one per heading.
import type { Root, RootContent, Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';

export interface Chapter {
  /** The chapter's heading; absent for the part of a story before its first heading. */
  heading?: Heading;
  title?: string;
  children: RootContent[];
}

/** The depth that marks chapters: the shallowest heading depth the story uses. */
export function chapterDepth(tree: Root): number | undefined {
  let depth: number | undefined;
  for (const node of tree.children) {
    if (node.type === 'heading' && (depth === undefined || node.depth < depth)) depth = node.depth;
  }
  return depth;
}

export function splitChapters(tree: Root): Chapter[] {
  const depth = chapterDepth(tree);
  const chapters: Chapter[] = [{ children: [] }];
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth === depth) {
      chapters.push({ heading: node, title: toString(node), children: [] });
    } else {
      chapters[chapters.length - 1].children.push(node);
    }
  }
  // Keep a leading part only when it holds something (notes before chapter one, say).
  if (chapters.length > 1 && chapters[0].children.length === 0) chapters.shift();
  return chapters;
}
