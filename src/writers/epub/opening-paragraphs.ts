// Marks the paragraphs that open a story or chapter (`p.opening`, and `p.drop-cap` for a drop cap), so themes style them by class.
import type { Element, Root as HastRoot, RootContent } from 'hast';
import { toText } from 'hast-util-to-text';
import { takesDropCap } from '../drop-cap.ts';

/**
 * Classes instead of structural selectors (`body > p:first-of-type`): Kobo wraps every body in
 * `div#book-columns > div#book-inner`, where child selectors no longer match, and a class holds in both.
 * The first paragraph of the story (after its opener and any notes) and the first after each chapter heading
 * get `opening`; a paragraph of pictures only is passed over, as the PDF does. With `dropCap`, the story's first
 * opening paragraph also gets `drop-cap` when the shared rule (`takesDropCap`) allows one.
 */
export function markOpeningParagraphs(tree: HastRoot, options: { storyStart: boolean; dropCap: boolean }): void {
  let opening = options.storyStart;
  let firstOfStory = options.storyStart;
  for (const node of tree.children) {
    if (node.type !== 'element') continue;
    if (isChapterHeading(node)) {
      opening = true;
      continue;
    }
    if (!opening || node.tagName !== 'p' || hasClass(node, 'illustration')) continue;
    const classes = ['opening'];
    if (options.dropCap && firstOfStory && takesDropCap({ leadingText: leadingText(node), text: toText(node) })) classes.push('drop-cap');
    node.properties.className = [...classNames(node), ...classes];
    opening = false;
    firstOfStory = false;
  }
}

function leadingText(paragraph: Element): string | undefined {
  const first = paragraph.children.find((child: RootContent) => !(child.type === 'text' && child.value.trim() === ''));
  return first?.type === 'text' ? first.value.trimStart() : undefined;
}

function isChapterHeading(element: Element): boolean {
  return element.tagName === 'h2' && hasClass(element, 'chapter-title');
}

function hasClass(element: Element, name: string): boolean {
  return classNames(element).includes(name);
}

function classNames(element: Element): string[] {
  const value = element.properties.className;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? String(value).split(' ') : [];
}
