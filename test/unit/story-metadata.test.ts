// Titles and summaries are set like the story text, and only with the character rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadStoryFromBytes } from '../../src/load-story.ts';
import { parseConfig } from '../../src/config.ts';

const load = (text: string, name = 'story.txt', language = 'en') =>
  loadStoryFromBytes(new TextEncoder().encode(text), name, { language });

test('a front-matter title gets curly apostrophes and quotes, a summary too', () => {
  const { meta } = load('---\ntitle: "Comin\' Home -- or \\"Not\\""\nsummary: "\'Cause she said so..."\n---\nStory.\n');
  assert.equal(meta.title, 'Comin’ Home—or “Not”');
  assert.equal(meta.summary, '’Cause she said so\u2060…');
});

test('a title that looks like a chapter line or a note stays a title', () => {
  assert.equal(load('---\ntitle: Epilogue\n---\nStory.\n').meta.title, 'Epilogue');
  assert.equal(load('---\ntitle: "A/N: Thanks for reading!"\n---\nStory.\n').meta.title, 'A/N: Thanks for reading!');
  assert.equal(load('---\ntitle: "* * *"\n---\nStory.\n').meta.title, '* * *');
});

test('a title from the file name is typeset in the story’s language', () => {
  assert.equal(load('Story.\n', "07_l'ami.txt", 'fr').meta.title, 'L’ami');
});

test('a language that is well-formed but no language code is refused', () => {
  assert.throws(() => parseConfig('language: english\n', 'a.yaml'), /"language" must be a BCP 47 language tag/);
  assert.equal(parseConfig('language: pt-br\n', 'a.yaml').language, 'pt-BR');
});
