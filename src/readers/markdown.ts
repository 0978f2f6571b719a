// Reads Markdown with remark-parse: full CommonMark, because the author chose it; thematic breaks are scene breaks.
import type { Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { SceneBreak } from '../story.ts';
import { checkMarkdownNesting, checkTreeDepth } from './nesting.ts';

const parser = unified().use(remarkParse);

export function readMarkdown(file: VFile): Root {
  checkMarkdownNesting(String(file.value), file.path);
  const tree = parser.parse(file);
  checkTreeDepth(tree, file.path);
  tree.children = tree.children.map((node) => (node.type === 'thematicBreak' ? toSceneBreak(node, file) : node));
  return tree;
}

function toSceneBreak(node: RootContent, file: VFile): SceneBreak {
  const { start, end } = node.position!;
  const marker = String(file.value).slice(start.offset, end.offset).trim();
  return { type: 'sceneBreak', marker, position: node.position };
}
