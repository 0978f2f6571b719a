// The block that opens each story: its title, authors and whatever metadata the story has, in the book's language.
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { StoryMeta } from '../../story.ts';
import type { BookLabels } from '../../labels/index.ts';
import { storyDetails } from '../story-details.ts';

/** The title to show for a story, never empty (nav labels must have text). */
export function storyTitle(meta: StoryMeta, number: number, labels: BookLabels): string {
  return meta.title.trim() || labels.text('untitled-story', { number });
}

/**
 * `<header class="story-opener">`: h1 title, byline, then the metadata present. Several details make a list
 * (`dl.story-meta`, each `dt` classed with its label key so a book read back finds its fields in any language);
 * a word count alone is a quiet line (`p.story-length`), never a one-row form; the summary closes the list.
 */
export function storyOpener(meta: StoryMeta, number: number, labels: BookLabels): Element {
  // The labels are in the book's language; a story in another one says so on each, for screen readers.
  const labelLanguage: Record<string, string> = meta.language && meta.language !== labels.language ? { lang: labels.language, 'xml:lang': labels.language } : {};
  const children: ElementContent[] = [h('h1.story-title', storyTitle(meta, number, labels))];
  if (meta.authors.length > 0) children.push(withProperties(byline(meta.authors, labels), labelLanguage));
  const details = storyDetails(meta, labels);
  const source = meta.source?.trim();
  const summary = meta.summary?.trim();
  if (details.length === 1 && details[0].key === 'words' && !source && !summary) {
    children.push(h('p.story-length', labelLanguage, labels.text('word-count', { count: details[0].value })));
  } else {
    const list: ElementContent[] = [];
    const add = (key: string, label: string, value: ElementContent | ElementContent[] | string) => list.push(h('dt', { className: [key], ...labelLanguage }, label), h('dd', value));
    for (const detail of details) add(detail.key, detail.label, detail.value);
    if (source) add('source', labels.text('source'), sourceContent(source));
    if (summary) add('summary', labels.text('summary'), summaryParagraphs(summary));
    if (list.length > 0) children.push(h('dl.story-meta', onSeparateLines(list)));
  }
  return h('header.story-opener', onSeparateLines(children));
}

/** `by A and B`, each name in a `span.author` so a book read back finds the names in any language. */
export function byline(authors: readonly string[], labels: BookLabels, className = 'story-authors'): Element {
  return h(`p.${className}`, namesWithin(labels.text('by', { names: '\u0000' }), authors, labels));
}

/** `template` (holding one U+0000 where the names go) with each name marked `span.author`, joined in the language's way. */
export function namesWithin(template: string, names: readonly string[], labels: BookLabels): ElementContent[] {
  const [before, after = ''] = template.split('\u0000');
  const marker = names.map((_, index) => `\u0001${index}\u0001`);
  const joined = labels.names(marker);
  const content: ElementContent[] = [];
  if (before) content.push({ type: 'text', value: before });
  for (const piece of joined.split(/(\u0001\d+\u0001)/)) {
    if (!piece) continue;
    const index = /^\u0001(\d+)\u0001$/.exec(piece);
    content.push(index ? h('span.author', names[Number(index[1])]) : { type: 'text', value: piece });
  }
  if (after) content.push({ type: 'text', value: after });
  return content;
}

function withProperties(element: Element, properties: Record<string, string>): Element {
  Object.assign(element.properties, properties);
  return element;
}

/** Puts a line break between blocks so the unpacked XHTML reads well; it changes nothing on the page. */
export function onSeparateLines(blocks: readonly ElementContent[]): ElementContent[] {
  return [{ type: 'text', value: '\n' }, ...blocks.flatMap((block): ElementContent[] => [block, { type: 'text', value: '\n' }])];
}

function sourceContent(source: string): ElementContent | string {
  return /^https?:\/\/\S+$/i.test(source) ? h('a', { href: source }, source) : source;
}

/** A summary's blank-line-separated paragraphs as `<p>`s. */
function summaryParagraphs(summary: string): Element[] {
  return summary
    .split(/\n[ \t]*\n/)
    .map((paragraph) => h('p', paragraph.trim().replace(/\s*\n\s*/g, ' ')));
}
