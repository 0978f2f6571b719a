// Writes a story tree back as plain text: one blank line between paragraphs, *emphasis* kept, notes as typed.
import type { Root, RootContent, PhrasingContent, Nodes } from 'mdast';

export function storyToText(tree: Root): string {
  return blocksToText(tree.children).join('\n\n') + '\n';
}

function blocksToText(nodes: RootContent[]): string[] {
  return nodes.flatMap((node): string[] => {
    switch (node.type) {
      case 'paragraph':
      case 'heading':
        return [phrasingToText(node.children)];
      case 'sceneBreak':
        return ['* * *'];
      case 'authorNote':
      case 'blockquote':
      case 'listItem':
      case 'list':
        return blocksToText(node.children as RootContent[]);
      case 'code':
        return [node.value];
      case 'thematicBreak':
        return ['* * *'];
      default:
        return 'children' in node ? blocksToText(node.children as RootContent[]) : [];
    }
  });
}

function phrasingToText(nodes: PhrasingContent[]): string {
  return nodes.map(inlineToText).join('');
}

function inlineToText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return '\n';
    case 'emphasis':
      return `*${phrasingToText(node.children)}*`;
    case 'strong':
      return `**${phrasingToText(node.children)}**`;
    default:
      return 'children' in node ? node.children.map((child) => inlineToText(child as Nodes)).join('') : '';
  }
}
