// Hand-built story trees for writer tests: builders for mdast nodes, and a few stories that exercise them.
import type { Root, RootContent, PhrasingContent, BlockContent } from 'mdast';
import { VFile } from 'vfile';
import { emptyMeta, type Story, type StoryMeta } from '../../src/story.ts';

export const text = (value: string): PhrasingContent => ({ type: 'text', value });
export const em = (value: string): PhrasingContent => ({ type: 'emphasis', children: [text(value)] });
export const paragraph = (...children: (string | PhrasingContent)[]): BlockContent => ({
  type: 'paragraph',
  children: children.map((child) => (typeof child === 'string' ? text(child) : child)),
});
export const chapter = (title: string): RootContent => ({ type: 'heading', depth: 2, children: [text(title)] });
export const sceneBreak = (): RootContent => ({ type: 'sceneBreak', marker: '* * *' });
export const note = (kind: 'note' | 'disclaimer', ...lines: string[]): RootContent => ({
  type: 'authorNote',
  kind,
  children: lines.map((line) => paragraph(line)),
});

export function story(meta: Partial<StoryMeta> & { title: string }, children: RootContent[]): Story {
  const tree: Root = { type: 'root', children };
  return { meta: { ...emptyMeta(meta.title), ...meta }, tree, file: new VFile({ path: `${meta.title}.md` }) };
}

/** Three chapters, notes before and inside them, scene breaks, emphasis, and text that needs escaping. */
export const longStory = story(
  {
    title: 'The Long Way Round',
    authors: ['Alice Quill', 'Bob Ink'],
    fandoms: ['Harry Potter'],
    relationships: ['Hermione Granger/Ron Weasley'],
    characters: ['Hermione Granger', 'Ron Weasley'],
    rating: 'Teen And Up Audiences',
    warnings: ['No Archive Warnings Apply'],
    tags: ['Road Trip', 'Fluff'],
    words: 12345,
    summary: 'Two friends, one map.\n\nNo sense of direction.',
    source: 'https://archiveofourown.org/works/1',
  },
  [
    note('disclaimer', 'I own nothing; it all belongs to JKR.'),
    chapter('Chapter 1: “Départ”'),
    paragraph('“Café au lait,” she said — ', em('naïvely'), '. Is 3 < 4 & 5 > 4? Yes.'),
    sceneBreak(),
    paragraph('Later that night…'),
    chapter('Chapter 2: Détour'),
    note('note', 'Thanks for the kudos!'),
    paragraph('They took the ', em('long'), ' way.'),
    sceneBreak(),
    paragraph('The end of the detour.'),
    chapter('Chapter 3: Home & Dry'),
    paragraph('Home at last.'),
  ],
);

export const oneShot = story(
  { title: 'Tom & Jerry’s Bad Day', authors: ['Alice Quill'], words: 900 },
  [paragraph('A one-shot with ', em('emphasis'), ' and a straight-forward ending.'), sceneBreak(), paragraph('Fin.')],
);

export const frenchStory = story(
  { title: 'Un été à Paris', authors: ['Claire Plume'], language: 'fr', words: 10 },
  [paragraph('« Bonjour », dit-elle.')],
);

/** Markdown-ish extras a reader may pass through: footnotes shared across chapters, tables, lists, code, dead links. */
export const footnote = (label: string): PhrasingContent => ({ type: 'footnoteReference', identifier: label, label });
export const link = (url: string, label: string): PhrasingContent => ({ type: 'link', url, children: [text(label)] });
export const cell = (value: string) => ({ type: 'tableCell' as const, children: [text(value)] });
export const oddStory = story({ title: '', language: 'de', series: { name: 'Roads', position: 2 }, source: 'a forum post' }, [
  paragraph('Before any chapter', footnote('my note')),
  { type: 'heading', depth: 1, children: [text('Part One')] },
  { type: 'heading', depth: 3, children: [text('A sub-heading')] },
  { type: 'list', ordered: true, start: 3, spread: false, children: [{ type: 'listItem', spread: false, checked: true, children: [paragraph('done')] }] },
  { type: 'table', align: ['left', 'center'], children: [{ type: 'tableRow', children: [cell('a'), cell('b')] }, { type: 'tableRow', children: [cell('1'), cell('2')] }] },
  { type: 'code', lang: 'js', value: 'if (a < b && c) {}' },
  { type: 'blockquote', children: [paragraph('quoted ', { type: 'inlineCode', value: '<x>' }, { type: 'break' }, 'next')] },
  paragraph(link('#chapter-2', 'on to part two'), ' ', link('javascript:alert(1)', 'script'), ' ', link('notes.html', 'file'), ' ', link('#nowhere', 'nowhere')),
  { type: 'thematicBreak' },
  { type: 'html', value: '<div onclick="x()">raw</div>' },
  { type: 'heading', depth: 1, children: [] },
  paragraph('Part two', footnote('my note'), footnote('undefined')),
  { type: 'footnoteDefinition', identifier: 'my note', label: 'my note', children: [paragraph('A note shared by both parts.')] },
]);
