// The block that opens each story: its title, authors and whatever metadata the story has.
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { StoryMeta } from '../../story.ts';

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
  const addList = (singular: string, plural: string, values: readonly string[]) => {
    if (values.length > 0) add(values.length === 1 ? singular : plural, values.join(', '));
  };
  addList('Fandom', 'Fandoms', meta.fandoms);
  addList('Relationship', 'Relationships', meta.relationships);
  addList('Character', 'Characters', meta.characters);
  if (meta.rating) add('Rating', meta.rating);
  addList('Warning', 'Warnings', meta.warnings);
  addList('Tag', 'Tags', meta.tags);
  if (meta.series) {
    const { name, position } = meta.series;
    add('Series', position === undefined ? name : `${name}, part ${position}`);
  }
  if (meta.words > 0) add('Words', formatCount(meta.words));
  if (meta.source) add('Source', sourceContent(meta.source));
  if (meta.summary?.trim()) add('Summary', summaryParagraphs(meta.summary));
  return details;
}

/** Digits grouped by threes with commas, the same on every machine (no locale lookup). */
function formatCount(count: number): string {
  return String(Math.round(count)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
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
