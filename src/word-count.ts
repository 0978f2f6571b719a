// Counts the words of a story's own text: author's notes and disclaimers do not count.
import type { Nodes } from 'mdast';

const wordPattern = /[\p{L}\p{N}]+(?:['’\u2011-][\p{L}\p{N}]+)*/gu;

export function countWords(text: string): number {
  return text.match(wordPattern)?.length ?? 0;
}

export function countStoryWords(node: Nodes): number {
  if (node.type === 'authorNote') return 0;
  if (node.type === 'text') return countWords(node.value);
  if (!('children' in node)) return 0;
  let words = 0;
  let pending = '';
  // Words split by emphasis (`un*believ*able`) count once: join adjacent inline text first.
  for (const child of node.children as Nodes[]) {
    if (child.type === 'text') pending += child.value;
    else if (isInlineWrapper(child)) pending += inlineText(child);
    else {
      words += countWords(pending) + countStoryWords(child);
      pending = '';
    }
  }
  return words + countWords(pending);
}

function isInlineWrapper(node: Nodes): boolean {
  return node.type === 'emphasis' || node.type === 'strong' || node.type === 'delete' || node.type === 'link' || node.type === 'inlineCode' || node.type === 'break';
}

function inlineText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'break') return ' ';
  return 'children' in node ? (node.children as Nodes[]).map(inlineText).join('') : '';
}
