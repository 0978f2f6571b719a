// anthology.yaml is validated with errors that name the file, the line and what was expected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../src/config.ts';
import { ConfigError } from '../src/errors.ts';

const describeError = (source: string) => {
  try {
    parseConfig(source, 'anthology.yaml');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.describe();
  }
  assert.fail('expected a ConfigError');
};

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

test('an unknown key names its line and the keys there are', () => {
  assert.match(describeError('title: X\n\nlanguge: en\n'), /^anthology\.yaml:3: unknown key "languge"; expected one of title, subtitle, .*language/);
});

test('a language that is not BCP 47 is refused', () => {
  assert.match(describeError('language: english please\n'), /^anthology\.yaml:1: "language" must be a BCP 47 language tag .*got "english please"/);
});

test('an unknown output format is refused', () => {
  assert.match(describeError('formats: [epub, mobi]\n'), /^anthology\.yaml:1: unknown format "mobi"; expected one of epub/);
});

test('wrong shapes say what was expected', () => {
  assert.match(describeError('title: [a, b]\n'), /"title" must be text, got \["a","b"\]/);
  assert.match(describeError('stories: {a: 1}\n'), /"stories" must be text or a list of text/);
  assert.match(describeError('typography: {quotes: 3}\n'), /"typography\.quotes" must be true, false or a mapping of options/);
});

test('YAML syntax errors carry the line', () => {
  assert.match(describeError('title: ok\nstories: [a.txt\n'), /^anthology\.yaml:\d+: not valid YAML/);
});

test('an empty config is allowed (defaults apply)', () => {
  assert.deepEqual(parseConfig('', 'a.yaml'), { path: 'a.yaml' });
});
