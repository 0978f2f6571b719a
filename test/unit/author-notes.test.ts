// Author's notes and disclaimers: golden fixtures, the note nodes behind them, and the three shared real stories.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Paragraph, Root, RootContent } from 'mdast';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import { fixText, fixtureTests, fixturesRoot } from '../helpers/fixtures.ts';
import { outlinesOfTwoPasses } from '../helpers/story-outline.ts';
import { authorNotes, classifyParagraph } from '../../src/transforms/author-notes.ts';
import { loadStoryFromBytes, type StoryOptions } from '../../src/load-story.ts';
import { ConfigError } from '../../src/errors.ts';
import type { AuthorNote } from '../../src/story.ts';
import { sharedSeeds, sharedSeedsAvailable } from '../helpers/shared-seeds.ts';

fixtureTests('author-notes');

function treeOf(caseName: string, options?: Partial<StoryOptions>) {
  const dir = join(fixturesRoot, 'author-notes', caseName);
  const inputName = existsSync(join(dir, 'input.md')) ? 'input.md' : 'input.txt';
  const configPath = join(dir, 'config.json');
  const config = existsSync(configPath) ? (JSON.parse(readFileSync(configPath, 'utf8')) as Partial<StoryOptions>) : {};
  return fixText(readFileSync(join(dir, inputName), 'utf8'), inputName, options ?? config).story;
}

/** The tree in short: `note(A/N: …)`, `disclaimer(…)`, `p`, `h:Chapter 1`, `break`. Notes list their paragraphs' first words. */
function outline(tree: Root): string[] {
  const first = (node: RootContent) => toString(node).split(' ').slice(0, 2).join(' ');
  return tree.children.map((node) => {
    if (node.type === 'authorNote') return `${node.kind}(${node.children.map(first).join(' + ')})`;
    if (node.type === 'heading') return `h:${toString(node)}`;
    if (node.type === 'sceneBreak') return 'break';
    return node.type === 'paragraph' ? 'p' : node.type;
  });
}

test('labels, ownership phrases and closers are notes; dialogue never is', () => {
  const cases: [string, string][] = [
    ['A/N: hello', 'labelled note'], ['AN: hi', 'labelled note'], ['ANote: hi', 'labelled note'], ['Author’s Note: hi', 'labelled note'],
    ["Author's note: hi", 'labelled note'], ['Authors note- hi', 'labelled note'], ['(A/N) hi', 'labelled note'], ['**A/N:** hi', 'labelled note'],
    ['A/N - hi', 'labelled note'], ['A/N – hi', 'labelled note'], ['AN - hi', 'labelled note'], ['[AN: hi]', 'labelled note'],
    ['Disclaimer: I own nothing.', 'labelled disclaimer'], ['A/N: Disclaimer: not mine.', 'labelled disclaimer'],
    ['I don’t own the castle.', 'unlabelled disclaimer'], ['I do not own these characters.', 'unlabelled disclaimer'],
    ['I own nothing.', 'unlabelled disclaimer'], ['Don’t own it.', 'unlabelled disclaimer'], ['None of this is mine.', 'unlabelled disclaimer'],
    ['The castle and all its characters belong to their creators.', 'unlabelled disclaimer'],
    ['Beta’d by my sister.', 'unlabelled note'], ['Thanks for reading!', 'unlabelled note'], ['Please review!', 'unlabelled note'],
    ['R&R', 'unlabelled note'], ['Enjoy!', 'unlabelled note'], ['Rating: T', 'unlabelled note'],
    ['I hope you like this chapter, it took me ages.', 'follow-up note'],
    ['"Thank you," she whispered.', 'story note'], ['“Thank you,” she whispered.', 'story note'],
    ['"Disclaimer: I\'m not responsible," he joked.', 'story note'],
    // Single quotes are not stripped as speech: only the opening quotation mark tells these are dialogue.
    ["'Please review the file,' he said.", 'story note'], ['‘I don’t own a car,’ she said.', 'story note'],
    ['She handed him the box. “I hope you enjoy it. Thanks for reading it to me.”', 'story note'],
    ['The knife belongs to Daryl.', 'story note'], ['She walked home.', 'story note'], ['Anne: hello', 'story note'],
    // A narrator owning or not owning something indefinite, or words quoted with a speech tag, is story.
    ['I don’t own a car, so I took the bus.', 'story note'], ['I didn’t own the house; Dad did.', 'story note'],
    ['I don’t own anything but the plot.', 'unlabelled disclaimer'],
    ['Let me know what you think, it said, in her shaky hand.', 'story note'], ['Thanks for reading, the sign said.', 'story note'],
  ];
  for (const [text, expected] of cases) {
    const verdict = classifyParagraph(text);
    assert.equal(`${verdict.role} ${verdict.kind}`, expected, text);
  }
});

test('a leading note and a trailing closer become authorNote nodes around the story', () => {
  assert.deepEqual(outline(treeOf('leading-and-trailing').tree), ['note(A/N: This)', 'p', 'p', 'note(Thanks for)']);
});

test('every label spelling starts a note of its own; `Disclaimer` makes a disclaimer', () => {
  const notes = outline(treeOf('label-variants').tree);
  assert.equal(notes.filter((entry) => entry.startsWith('note(')).length, 10);
  assert.deepEqual(notes.slice(-3), ['disclaimer(Disclaimer: An)', 'p', 'p']);
});

test('ownership statements are disclaimers, at the start and at the end', () => {
  assert.deepEqual(outline(treeOf('disclaimer-variants').tree), ['disclaimer(I don’t)', 'p', 'p', 'disclaimer(None of)']);
  assert.deepEqual(outline(treeOf('disclaimer-variants-2').tree), ['disclaimer(I do + I own)', 'p', 'p']);
  assert.deepEqual(outline(treeOf('disclaimer-variants-3').tree), ['disclaimer(Don’t own)', 'p', 'p', 'disclaimer(The castle)']);
});

test('closing paragraphs (beta credit, thanks, review requests) form one note', () => {
  assert.deepEqual(outline(treeOf('closers').tree), ['p', 'p', 'note(Beta’d by + Thanks for + Please review! + R&R)']);
});

test('dialogue is story, even when it says Disclaimer or Thank you', () => {
  for (const name of ['dialogue-is-story', 'curly-dialogue-is-story']) {
    const { tree, file } = treeOf(name);
    assert.deepEqual(outline(tree), ['p', 'p', 'p', 'p'], name);
    assert.equal(file.messages.filter((message) => message.ruleId === 'author-notes').length, 0, name);
  }
});

test('a note inside a paragraph or in the middle of a chapter stays story text and is reported where it starts', () => {
  const inside = treeOf('note-inside-paragraph');
  assert.deepEqual(outline(inside.tree), ['p', 'p', 'p']);
  assert.deepEqual(inside.file.messages.map((message) => [message.line, message.column, message.ruleId]), [[3, 24, 'author-notes']]);
  const middle = treeOf('note-mid-chapter');
  assert.deepEqual(outline(middle.tree), ['p', 'p', 'p', 'p', 'p']);
  assert.deepEqual(middle.file.messages.map((message) => [message.line, message.column, message.ruleId]), [[5, 1, 'author-notes']]);
});

test('a follow-up paragraph joins the note before it; a label or a change of kind starts a new one', () => {
  assert.deepEqual(outline(treeOf('note-follow-up').tree), [
    'note(A/N: My + I hope)',
    'disclaimer(Disclaimer: Not)',
    'p',
    'p',
    'note(A/N: That + I will)',
  ]);
  // Author-talk right after the story, before any note, is the story's last paragraph.
  assert.deepEqual(outline(treeOf('follow-up-before-note-is-story').tree), ['p', 'p', 'note(A/N: The)']);
});

test('each chapter has its own notes at its start and end', () => {
  assert.deepEqual(outline(treeOf('multi-chapter').tree), [
    'disclaimer(Disclaimer: I)',
    'h:Chapter 1', 'note(A/N: Here)', 'p', 'p', 'note(Thanks for)',
    'h:Chapter 2', 'note(AN: Sorry)', 'p', 'p', 'note(A/N: One)',
    'h:Chapter 3', 'p', 'note(Please review!)',
  ]);
});

test('a scene break between a note and the story is removed: the note is set apart already', () => {
  const { tree, file } = treeOf('note-then-break');
  assert.deepEqual(outline(tree), ['note(A/N: A)', 'p', 'p', 'note(Thanks for)']);
  assert.deepEqual(file.messages.map((message) => [message.line, message.ruleId]), [[3, 'scene-breaks'], [9, 'scene-breaks']]);
});

test('placement `end` moves the notes after the story, `drop` removes them and says so', () => {
  // Moved together, the closer joins the note before it, as it would if typed there.
  assert.deepEqual(outline(treeOf('placement-end').tree), ['p', 'p', 'disclaimer(Disclaimer: I)', 'note(A/N: Hello + Thanks for)']);
  const dropped = treeOf('placement-drop');
  assert.deepEqual(outline(dropped.tree), ['p', 'p']);
  const removals = dropped.file.messages.filter((message) => message.ruleId === 'author-notes');
  assert.deepEqual(removals.map((message) => [message.line, message.reason, message.fatal]), [
    [1, 'Removed disclaimer (placement: drop)', undefined],
    [3, "Removed author's note (placement: drop)", undefined],
    [11, "Removed author's note (placement: drop)", undefined],
  ]);
  assert.equal(dropped.meta.words, 15);
});

test('an unknown placement is a config error', () => {
  assert.throws(() => treeOf('no-notes', { typography: { 'author-notes': { placement: 'margin' } } }), ConfigError);
});

test('Markdown notes in bold or italics are notes too', () => {
  assert.deepEqual(outline(treeOf('markdown-notes').tree), ['note(A/N: Written)', 'disclaimer(Disclaimer: the)', 'p', 'p', 'note(Thank you)']);
});

test('notes do not count as story words', () => {
  // Two story sentences of 7 and 8 words; the note and the closer around them count for nothing.
  const { meta } = treeOf('leading-and-trailing');
  assert.equal(meta.words, 15);
});

/** The shared real stories: what each one's edges are, checked against its own text (never copied here). */
const seeds = [
  { file: '000_ada8c86d2f6148f8.txt', leading: [{ kind: 'note', label: /^ANote:/ }], trailing: [{ kind: 'note', label: /^Thank you for reading!/ }] },
  { file: '001_6ea037628a43a12a.txt', leading: [{ kind: 'disclaimer', label: /none of these are mine/ }], trailing: [] },
  { file: '002_05a363b7eb1d963c.txt', leading: [{ kind: 'note', label: /^A\/N –/ }], trailing: [] },
];

/** Source offsets of each blank-line-separated block of a text. */
function blocksOf(text: string): { start: number; end: number }[] {
  const blocks: { start: number; end: number }[] = [];
  let offset = 0;
  let current: { start: number; end: number } | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '') current = undefined;
    else if (current) current.end = offset + line.length;
    else blocks.push((current = { start: offset, end: offset + line.length }));
    offset += line.length + 1;
  }
  return blocks;
}

for (const seed of seeds) {
  test(`shared story ${seed.file}: its notes are authorNote nodes, its first and last real paragraphs are story`, (t) => {
    if (!sharedSeedsAvailable(t)) return;
    const story = loadStoryFromBytes(readFileSync(sharedSeeds + seed.file), seed.file, { language: 'en' });
    const nodes = story.tree.children;
    const blocks = blocksOf(String(story.file.value));
    const notes = nodes.filter((node): node is AuthorNote => node.type === 'authorNote');
    assert.equal(notes.length, seed.leading.length + seed.trailing.length);
    const expectedNotes = [...seed.leading, ...seed.trailing];
    notes.forEach((note, index) => {
      assert.equal(note.kind, expectedNotes[index].kind);
      // As typed: later rules change the note's dashes and quotes like any text.
      const typed = String(story.file.value).slice(note.position?.start.offset, note.position?.end.offset);
      assert.match(typed, expectedNotes[index].label);
    });
    // The leading notes open the tree, the trailing ones close it; nothing else is a note.
    assert.deepEqual(nodes.slice(0, seed.leading.length).map((node) => node.type), seed.leading.map(() => 'authorNote'));
    assert.deepEqual(nodes.slice(nodes.length - seed.trailing.length).map((node) => node.type), seed.trailing.map(() => 'authorNote'));
    const storyNodes = nodes.slice(seed.leading.length, nodes.length - seed.trailing.length);
    assert.ok(storyNodes.every((node) => node.type === 'paragraph'), 'the story between the notes is all paragraphs');
    // The first and last real paragraphs of the file are story, where the file has them.
    const firstStory = blocks[seed.leading.length];
    const lastStory = blocks[blocks.length - 1 - seed.trailing.length];
    assert.equal(storyNodes[0].position?.start.offset, firstStory.start);
    assert.equal(storyNodes[storyNodes.length - 1].position?.end.offset, lastStory.end);
    assert.equal(storyNodes.length, blocks.length - notes.length);
    assert.equal(story.file.messages.filter((message) => message.ruleId === 'author-notes').length, 0);
  });
}

test('fixing the output again finds the same breaks, headings and notes', () => {
  for (const { name, first, second } of outlinesOfTwoPasses('author-notes')) assert.deepEqual(second, first, name);
});

test('notes a reader already made (AO3’s notes blocks) count as notes: the scan goes past them, and placement moves them too', () => {
  const paragraph = (text: string): Paragraph => ({ type: 'paragraph', children: [{ type: 'text', value: text }] });
  const archiveNote: AuthorNote = { type: 'authorNote', kind: 'note', children: [paragraph('Written for the winter exchange.')] };
  const tree: Root = {
    type: 'root',
    children: [archiveNote, paragraph('A/N: Posted late, sorry.'), paragraph('The kettle sang.'), paragraph('Thanks for reading!')],
  };
  const file = new VFile({ path: 'story.html', value: '', data: { format: 'html' } });
  unified().use(authorNotes.plugin, { language: 'en', dashStyle: 'closed-em', options: { placement: 'end' } }).runSync(tree, file);
  assert.deepEqual(outline(tree), ['p', 'note(Written for)', 'note(A/N: Posted + Thanks for)']);
  assert.equal(tree.children[1], archiveNote);
});
