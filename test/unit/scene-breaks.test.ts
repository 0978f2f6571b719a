// Scene breaks: golden fixtures, and the trees behind them (the text writer prints every break as `* * *`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'mdast';
import { fixText, fixtureTests, fixturesRoot } from '../helpers/fixtures.ts';
import { outlinesOfTwoPasses } from '../helpers/story-outline.ts';
import { isBreakMarker } from '../../src/transforms/scene-breaks.ts';
import { loadStoryFromBytes, type StoryOptions } from '../../src/load-story.ts';
import { sharedSeeds, sharedSeedsAvailable } from '../helpers/shared-seeds.ts';

fixtureTests('scene-breaks');

/** The story tree the full pipeline makes of a fixture's input. */
function treeOf(caseName: string, options: Partial<StoryOptions> = {}) {
  const dir = join(fixturesRoot, 'scene-breaks', caseName);
  const inputName = existsSync(join(dir, 'input.md')) ? 'input.md' : 'input.txt';
  return fixText(readFileSync(join(dir, inputName), 'utf8'), inputName, options).story;
}

const types = (tree: Root) => tree.children.map((node) => node.type);
const markers = (tree: Root) => tree.children.flatMap((node) => (node.type === 'sceneBreak' ? [node.marker] : []));

test('every marker the issue lists is a break', () => {
  const breaks = [
    '***', '* * *', '~~~', '#', '§', '+++', '=====', '•••', '❖', '———', '_____', '* * * * * * * * * *', '~~~~~~~~~~~~~~~~~~~~',
    'xXx', 'XxXxX', 'oOo', 'oOoOo', '-o0o-', '-x-x-', '~*~', '*~*~*',
    'Line Break', '-LB-', 'Scene Break', '<hr>', '<hr/>', '<center>* * *</center>', '<p align="center">xXx</p>',
    '  * * *  ', '**xXx**', '\\*\\*\\*', '[center]~*~[/center]', '~ line break ~', '-Break-',
  ];
  for (const marker of breaks) assert.equal(isBreakMarker(marker), true, marker);
});

test('dialogue, a lone ellipsis, numbers, emphasis and short words are not breaks', () => {
  const prose = [
    '"..."', '“…”', '…', '...', '1984', '12:30', '*sigh*', 'No.', 'Chapter by chapter, she read.',
    'xoxo', 'xxx', 'Ooo', 'O_O', '—', '--', '~', 'Break', 'Ok', '"***"', '<br>',
  ];
  for (const text of prose) assert.equal(isBreakMarker(text), false, text);
});

test('symbol rows become sceneBreak nodes that keep the marker as typed', () => {
  const tree = treeOf('symbol-rows').tree;
  assert.deepEqual(markers(tree), [
    '***', '* * *', '~~~', '#', '§', '+++', '=====', '•••', '❖', '———', '_____',
    '* * * * * * * * * * * * * * *', '~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~', '+ + +',
  ]);
  // Paragraph, break, paragraph, … : no marker is left as text.
  assert.deepEqual(types(tree), ['paragraph', ...markers(tree).flatMap(() => ['sceneBreak', 'paragraph'])]);
});

test('letter patterns and break words become sceneBreak nodes', () => {
  assert.deepEqual(markers(treeOf('letter-patterns').tree), ['xXx', 'XxXxX', 'oOo', 'oOoOo', '-o0o-', '-x-x-', '~*~', '*~*~*', 'x X x', 'o-O-o']);
  assert.deepEqual(markers(treeOf('break-words').tree), ['Line Break', '-LB-', 'Scene Break', '~*~ line break ~*~']);
});

test('Markdown: thematic breaks, HTML markers, letter patterns and an empty `#` heading are breaks', () => {
  const markdown = treeOf('markdown-breaks').tree;
  assert.deepEqual(markers(markdown), ['***', '---', '* * *', '___', 'xXx', '-o0o-', '*~*~*', '+++', '#']);
  assert.equal(markdown.children.filter((node) => node.type === 'heading').length, 0);
  assert.deepEqual(markers(treeOf('html-markers').tree), ['<hr>', '<center>* * *</center>', '<p align="center">xXx</p>', '<div style="text-align: center">~*~</div>']);
  assert.deepEqual(markers(treeOf('html-markers-in-text').tree), ['<hr />', '<center>~~~</center>']);
});

test('each example that is not a break stays a paragraph', () => {
  for (const name of ['dialogue', 'curly-dialogue', 'ellipsis', 'year', 'time', 'emphasis', 'no', 'chapter-by-chapter']) {
    const { tree, file } = treeOf(`not-a-break-${name}`);
    assert.deepEqual(types(tree), ['paragraph', 'paragraph', 'paragraph'], name);
    assert.equal(file.messages.filter((message) => message.ruleId === 'scene-breaks').length, 0, name);
  }
});

test('a marker line inside a paragraph cuts it, with true positions', () => {
  const { tree } = treeOf('marker-line-in-paragraph');
  assert.deepEqual(types(tree), ['paragraph', 'sceneBreak', 'paragraph', 'paragraph', 'sceneBreak', 'paragraph']);
  const [before, sceneBreak, after] = tree.children;
  assert.deepEqual([before.position?.start.line, before.position?.end.line], [1, 1]);
  assert.deepEqual(sceneBreak.position?.start, { line: 2, column: 1, offset: 23 });
  assert.deepEqual([after.position?.start.line, after.position?.start.column], [3, 1]);
});

test('two blank lines or more warn at the first extra blank line, and are not a break', () => {
  const { tree, file } = treeOf('blank-lines');
  assert.deepEqual(types(tree), ['paragraph', 'paragraph', 'paragraph', 'paragraph']);
  const warnings = file.messages.filter((message) => message.ruleId === 'scene-breaks');
  assert.deepEqual(
    warnings.map((message) => [message.line, message.column, message.reason, message.fatal]),
    [
      [3, 1, 'Unexpected 2 blank lines, expected 1 (possible lost text or scene break)', false],
      [6, 1, 'Unexpected 3 blank lines, expected 1 (possible lost text or scene break)', false],
    ],
  );
  // Next to a marker the extra blank lines say nothing.
  assert.equal(treeOf('blank-lines-next-to-break').file.messages.length, 0);
});

test('breaks at the start, at the end, doubled or next to a chapter heading are removed, each reported as info', () => {
  for (const name of ['pointless-breaks', 'markdown-pointless-breaks']) {
    const { tree, file } = treeOf(name);
    assert.deepEqual(types(tree), ['paragraph', 'sceneBreak', 'paragraph', 'heading', 'paragraph', 'heading', 'paragraph'], name);
    const removals = file.messages.filter((message) => message.ruleId === 'scene-breaks');
    assert.equal(removals.length, 5, name);
    assert.ok(removals.every((message) => message.fatal === undefined && message.reason.endsWith('(removed)')), name);
    assert.deepEqual(removals.map((message) => message.line).sort((a, b) => Number(a) - Number(b)), [1, 7, 13, 17, 23], name);
  }
});

test('turned off, the rule marks nothing and removes nothing', () => {
  const { tree, file } = treeOf('pointless-breaks', { typography: { 'scene-breaks': false } });
  assert.equal(markers(tree).length, 0);
  assert.equal(file.messages.filter((message) => message.ruleId === 'scene-breaks').length, 0);
});

test('shared story 002: the two blank lines where a line of dialogue was lost get the warning, and no break is invented', (t) => {
  if (!sharedSeedsAvailable(t)) return;
  const name = '002_05a363b7eb1d963c.txt';
  const story = loadStoryFromBytes(readFileSync(sharedSeeds + name), name, { language: 'en' });
  const warnings = story.file.messages.filter((message) => message.ruleId === 'scene-breaks');
  assert.deepEqual(warnings.map((message) => [message.line, message.column, message.reason]), [
    [31, 1, 'Unexpected 2 blank lines, expected 1 (possible lost text or scene break)'],
  ]);
  assert.equal(story.tree.children.filter((node) => node.type === 'sceneBreak').length, 0);
});

test('fixing the output again finds the same breaks, headings and notes', () => {
  for (const { name, first, second } of outlinesOfTwoPasses('scene-breaks')) assert.deepEqual(second, first, name);
});
