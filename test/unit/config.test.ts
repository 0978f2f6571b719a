// anthology.yaml is validated with errors that name the file, the line and what was expected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../src/config.ts';
import { describeConfigError as describeError } from '../helpers/config-error.ts';

test('a full config is read, paths resolved against the file', () => {
  const config = parseConfig(
    'title: Night Roads\nsubtitle: Ten Stories\neditor: Wren Hale\nlanguage: en-gb\nstories: [a.txt, sub/b.md]\nformats: [epub]\noutput: build\ndash-style: spaced-en\ntypography:\n  quotes: false\n  dashes: { style: spaced-en }\n',
    '/books/anthology.yaml',
  );
  assert.equal(config.title, 'Night Roads');
  assert.deepEqual(config.editors, ['Wren Hale']);
  assert.equal(config.language, 'en-GB');
  assert.deepEqual(config.stories, ['/books/a.txt', '/books/sub/b.md']);
  assert.equal(config.output, '/books/build');
  assert.equal(config.dashStyle, 'spaced-en');
  assert.deepEqual(config.typography, { quotes: false, dashes: { style: 'spaced-en' } });
});

test('cover: true asks for the default cover, as leaving it out does; false for none; anything else names what is expected', () => {
  assert.deepEqual(parseConfig('title: X\ncover: true\n', '/books/anthology.yaml').cover, {});
  assert.equal(parseConfig('title: X\ncover: false\n', '/books/anthology.yaml').cover, false);
  assert.equal(parseConfig('title: X\n', '/books/anthology.yaml').cover, undefined);
  assert.match(describeError('title: X\ncover: yes please\n'), /^anthology\.yaml:2: "cover" must be true, false or a mapping of template, background, colors, series/);
});

test('an unknown key names its line and the nearest key there is, else the keys there are', () => {
  assert.equal(describeError('title: X\n\nlanguge: en\n'), 'anthology.yaml:3: unknown key "languge"; did you mean "language"?');
  assert.equal(describeError('Title: X\n'), 'anthology.yaml:1: unknown key "Title"; did you mean "title"?');
  assert.match(describeError('title: X\nblurb: Y\n'), /^anthology\.yaml:2: unknown key "blurb"; expected one of title, subtitle, editor, editors, language, .*, cover, labels, series, subjects, encoding$/);
});

test('a misspelt typography rule or option is an error naming the nearest, at its own line', () => {
  assert.equal(describeError('title: X\ntypography: {quotez: false}\n'), 'anthology.yaml:2: unknown rule "typography.quotez"; did you mean "quotes"?');
  assert.equal(describeError('typography:\n  quotes: true\n  elipses: false\n'), 'anthology.yaml:3: unknown rule "typography.elipses"; did you mean "ellipses"?');
  assert.equal(describeError('typography:\n  quotes:\n    stlye: de\n'), 'anthology.yaml:3: unknown option "typography.quotes.stlye"; did you mean "style"?');
  assert.equal(describeError('typography:\n  author-notes: {placement: ende}\n'), 'anthology.yaml:2: "typography.author-notes.placement" must be one of keep, end, drop, got "ende"; did you mean "end"?');
  assert.equal(describeError('typography:\n  ellipses: {spaced: true}\n'), 'anthology.yaml:2: unknown option "typography.ellipses.spaced" (this rule takes no options)');
});

test('a misspelt choice names the nearest', () => {
  assert.equal(describeError('dash-style: closed-en\n'), 'anthology.yaml:1: "dash-style" must be closed-em or spaced-en, got "closed-en"; did you mean "closed-em"?');
  assert.equal(describeError('page-size: A5\n'), 'anthology.yaml:1: "page-size" must be one of 6x9, a5, ereader, got "A5"; did you mean "a5"?');
});

test('the first problem in the file is the one reported', () => {
  assert.match(describeError('typography: {quotez: false}\ntitle: [a]\n'), /^anthology\.yaml:1: unknown rule/);
  assert.match(describeError('title: [a]\ntypography: {quotez: false}\n'), /^anthology\.yaml:1: "title" must be text/);
});

test('a language that is not BCP 47 is refused', () => {
  assert.match(describeError('language: english please\n'), /^anthology\.yaml:1: "language" must be a BCP 47 language tag .*got "english please"/);
});

test('an unknown output format is refused', () => {
  assert.equal(describeError('formats:\n  - epub\n  - mobi\n'), 'anthology.yaml:3: "formats[1]" must be one of epub, pdf, kepub, azw3, got "mobi"');
  assert.equal(describeError('formats: epbu\n'), 'anthology.yaml:1: "formats" must be one of epub, pdf, kepub, azw3, got "epbu"; did you mean "epub"?');
});

test('wrong shapes say what was expected', () => {
  assert.match(describeError('title: [a, b]\n'), /"title" must be text, got \["a","b"\]/);
  assert.match(describeError('stories: {a: 1}\n'), /"stories" must be a story file or a list of story files/);
  assert.match(describeError('typography: {quotes: 3}\n'), /"typography\.quotes" must be true, false or a mapping of options/);
});

test('YAML syntax errors carry the line', () => {
  assert.match(describeError('title: ok\nstories: [a.txt\n'), /^anthology\.yaml:\d+: not valid YAML/);
});

test('an empty config is allowed (defaults apply), and so is one of comments only', () => {
  assert.deepEqual(parseConfig('', 'a.yaml'), { path: 'a.yaml' });
  assert.deepEqual(parseConfig('# title: Mine\n', 'a.yaml'), { path: 'a.yaml' });
});

test('editors may put a $schema key for their editor; it is ignored', () => {
  assert.equal(parseConfig('$schema: ./anthology.schema.json\ntitle: 1984\n', 'a.yaml').title, '1984');
});
