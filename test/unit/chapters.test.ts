// Chapters in plain text: golden fixtures, the headings in the tree, and the contents they make.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { fixText, fixtureTests, fixturesRoot } from '../helpers/fixtures.ts';
import { outlinesOfTwoPasses } from '../helpers/story-outline.ts';
import { isChapterHeading } from '../../src/transforms/chapters.ts';
import { splitChapters } from '../../src/chapters.ts';

fixtureTests('chapters');

function treeOf(caseName: string) {
  const dir = join(fixturesRoot, 'chapters', caseName);
  const inputName = existsSync(join(dir, 'input.md')) ? 'input.md' : 'input.txt';
  return fixText(readFileSync(join(dir, inputName), 'utf8'), inputName).story;
}

const headings = (tree: Root) =>
  tree.children.flatMap((node) => (node.type === 'heading' ? [{ depth: node.depth, text: toString(node) }] : []));

test('heading lines the issue lists are chapter headings', () => {
  const lines = [
    'Chapter 1', 'Chapter Two: The Road', 'CHAPTER III', 'Prologue', 'Epilogue', 'Part Two', 'Ch. 3', 'Chapter 4.',
    'Chapter Twenty-One – The Long Night', 'Interlude: The Cat', 'Book IV', 'Prologue - Ten Years Earlier', '**Chapter 5**',
    'Chapter 7 — Lost', 'Chapter 7—Lost', 'Chapter 5: What Now?', 'chapter 9', 'Book One: Winter', 'Chapter 2: the road',
  ];
  for (const line of lines) assert.equal(isChapterHeading(line), true, line);
});

test('prose that begins like a heading is not one', () => {
  const lines = [
    'Chapter by chapter, she read the whole thing aloud.', 'Part one of the plan failed at once.', 'Book 2 was better than the first.',
    'Part two. She ran.', 'Chapter one—and she had already cried twice.', 'Prologue and epilogue were written last.',
    'Part I think so.', 'Partition', 'Chapter', 'Chapters 1 and 2 were hard', 'Epilogues are hard.',
    'Chapter 1 - the road', 'Chapter 1: and then, on a morning nobody would forget, the whole town woke up to find the river gone',
  ];
  for (const line of lines) assert.equal(isChapterHeading(line), false, line);
});

test('heading paragraphs become depth-2 headings, and the contents list them', () => {
  const { tree } = treeOf('own-paragraph');
  const expected = ['Prologue', 'Chapter 1', 'Chapter Two: The Road', 'CHAPTER III', 'Part Two', 'Epilogue'];
  assert.deepEqual(headings(tree), expected.map((text) => ({ depth: 2, text })));
  assert.deepEqual(splitChapters(tree).map((chapter) => chapter.title), expected);
  assert.ok(splitChapters(tree).every((chapter) => chapter.children.length === 1 && chapter.children[0].type === 'paragraph'));
});

test('a heading on the first line of a paragraph is split off, with true positions', () => {
  const { tree, file } = treeOf('first-line-of-paragraph');
  assert.deepEqual(tree.children.map((node) => node.type), ['heading', 'paragraph', 'paragraph', 'heading', 'paragraph']);
  const [heading, paragraph] = tree.children;
  assert.deepEqual([heading.position?.start.line, heading.position?.end.line, heading.position?.end.column], [1, 1, 10]);
  assert.deepEqual([paragraph.position?.start.line, paragraph.position?.start.column], [2, 1]);
  assert.equal(toString(paragraph), 'The kettle sang in the empty kitchen.');
  assert.deepEqual(file.messages.map((message) => [message.line, message.ruleId, message.fatal]), [[2, 'chapters', undefined], [7, 'chapters', undefined]]);
});

test('variants: abbreviations, a closing period, Roman numerals, and bold dropped from the heading', () => {
  const { tree, file } = treeOf('heading-variants');
  // Compared as typed: later rules may still change a heading's dashes.
  const typed = tree.children.flatMap((node) =>
    node.type === 'heading' ? [String(file.value).slice(node.position?.start.offset, node.position?.end.offset)] : [],
  );
  assert.deepEqual(typed, ['Ch. 3', 'Chapter 4.', '**Chapter 5**', 'Chapter Twenty-One – The Long Night', 'Interlude: The Cat', 'Book IV', 'Prologue - Ten Years Earlier']);
  assert.ok(tree.children.every((node) => node.type !== 'heading' || node.depth === 2));
  const bold = tree.children.find((node) => node.type === 'heading' && toString(node) === 'Chapter 5');
  assert.ok(bold && bold.type === 'heading' && bold.children.every((child) => child.type === 'text'));
});

test('prose starting with Chapter, Part or Book stays prose', () => {
  const { tree, file } = treeOf('not-headings');
  assert.deepEqual(headings(tree), []);
  assert.equal(file.messages.filter((message) => message.ruleId === 'chapters').length, 0);
});

test('only plain text: in Markdown a `Chapter 1` paragraph is the author’s choice', () => {
  const { tree } = treeOf('markdown-is-left-alone');
  assert.deepEqual(headings(tree), []);
});

test('fixing the output again finds the same breaks, headings and notes', () => {
  for (const { name, markdown, first, second } of outlinesOfTwoPasses('chapters')) {
    // Read back as plain text, a Markdown story's `Chapter 1` paragraph is a heading line: that is the point of that case.
    if (!markdown) assert.deepEqual(second, first, name);
  }
});
