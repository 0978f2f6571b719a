// Writes a story tree back as plain text: one blank line between paragraphs, *emphasis* kept, notes as typed, list items numbered or bulleted.
import type { List, Root, RootContent, PhrasingContent, Nodes } from 'mdast';

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
      case 'list':
        return listToText(node);
      case 'authorNote':
      case 'blockquote':
      case 'listItem':
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

/**
 * Each item as a paragraph of its own, opening with its number (`3. `, counted from the list's `start`) or `- `;
 * the item's further lines are indented under its first.
 */
function listToText(list: List): string[] {
  const start = list.start ?? 1;
  return list.children.map((item, index) => {
    const marker = list.ordered ? `${start + index}. ` : '- ';
    const text = blocksToText(item.children as RootContent[]).join('\n\n');
    return marker + text.replace(/\n(?=[^\n])/g, '\n' + ' '.repeat(marker.length));
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
