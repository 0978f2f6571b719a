// The block that opens each story: its title, authors and whatever metadata the story has.
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { StoryMeta } from '../../story.ts';
import { storyDetails } from '../story-details.ts';

/** The title to show for a story, never empty (nav labels must have text). */
export function storyTitle(meta: StoryMeta, number: number): string {
  return meta.title.trim() || `Story ${number}`;
}

/** `<header class="story-opener">`: h1 title, byline, a list of the metadata present, and the summary. */
export function storyOpener(meta: StoryMeta, number: number): Element {
  const children: ElementContent[] = [h('h1.story-title', storyTitle(meta, number))];
  if (meta.authors.length > 0) children.push(h('p.story-authors', `by ${joinNames(meta.authors)}`));
  const details = metadataDetails(meta);
  if (details.length > 0) children.push(h('dl.story-meta', onSeparateLines(details)));
  return h('header.story-opener', onSeparateLines(children));
}

/** Puts a line break between blocks so the unpacked XHTML reads well; it changes nothing on the page. */
export function onSeparateLines(blocks: readonly ElementContent[]): ElementContent[] {
  return [{ type: 'text', value: '\n' }, ...blocks.flatMap((block): ElementContent[] => [block, { type: 'text', value: '\n' }])];
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function metadataDetails(meta: StoryMeta): ElementContent[] {
  const details: ElementContent[] = [];
  const add = (label: string, value: ElementContent | ElementContent[] | string) => {
    details.push(h('dt', label), h('dd', value));
  };
  for (const { label, value } of storyDetails(meta)) add(label, value);
  if (meta.source?.trim()) add('Source', sourceContent(meta.source));
  if (meta.summary?.trim()) add('Summary', summaryParagraphs(meta.summary));
  return details;
}

function sourceContent(source: string): ElementContent | string {
  return /^https?:\/\/\S+$/i.test(source.trim()) ? h('a', { href: source.trim() }, source.trim()) : source;
}

/** A summary's blank-line-separated paragraphs as `<p>`s. */
function summaryParagraphs(summary: string): Element[] {
  return summary
    .trim()
    .split(/\n[ \t]*\n/)
    .map((paragraph) => h('p', paragraph.trim().replace(/\s*\n\s*/g, ' ')));
}
