// anthology.yaml edits the studio makes: each changes what it must, in the text as written, and the CLI reads the result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendStory, removeStory, reorderStories, setConfigValue, setStoryFields } from '../../src/studio/config-edits.ts';
import { parseConfig } from '../../src/config.ts';

const path = '/project/anthology.yaml';
const at = (file: string) => `/project/${file}`;

const commented = `# Our book
title: Harbor Lights # working title
stories:
  # the opener
  - a.txt
  - file: b.md
    title: Bee   # keep
  - c.html
formats: [epub]
`;

test('reordering moves each entry with its text and leaves the rest as it was', () => {
  const moved = reorderStories(commented, path, [at('c.html'), at('a.txt'), at('b.md')]);
  assert.equal(moved, `# Our book
title: Harbor Lights # working title
stories:
  # the opener
  - c.html
  - a.txt
  - file: b.md
    title: Bee   # keep
formats: [epub]
`);
  assert.deepEqual(parseConfig(moved, path).stories, [at('c.html'), at('a.txt'), at('b.md')]);
  assert.throws(() => reorderStories(commented, path, [at('a.txt'), at('b.md')]), /each story of "stories:" once/);
  assert.throws(() => reorderStories(commented, path, [at('a.txt'), at('b.md'), at('x.txt')]), /each story of "stories:" once/);
});

test('lists in brackets, lists that end the file without a newline, and projects without a list', () => {
  assert.equal(reorderStories('stories: [a.txt, "b c.md"]\n', path, [at('b c.md'), at('a.txt')]), 'stories: ["b c.md", a.txt]\n');
  assert.equal(reorderStories('stories:\n  - a.txt\n  - b.txt', path, [at('b.txt'), at('a.txt')]), 'stories:\n  - b.txt\n  - a.txt');
  assert.equal(reorderStories('title: T\n', path, [at('b.txt'), at('a.txt')]), 'title: T\nstories:\n  - b.txt\n  - a.txt\n');
  assert.equal(appendStory('stories: [a.txt]\n', path, at('new.txt')), 'stories: [a.txt, new.txt]\n');
  assert.equal(appendStory('stories: a.txt\n', path, at('new.txt')), 'stories: [a.txt, new.txt]\n');
  assert.equal(appendStory('title: T\n', path, at('new.txt')), 'title: T\n');
});

test('story metadata: a plain entry becomes a mapping, other keys stay, an empty field goes, an entry with only its file is plain again', () => {
  const titled = setStoryFields(commented, path, at('a.txt'), { title: 'Ay: "quoted"', authors: ['One, Two', 'Three'] });
  assert.match(titled, /\n  # the opener\n  - file: a\.txt\n    title: "Ay: \\"quoted\\""\n    authors: \["One, Two", Three\]\n  - file: b\.md\n/);
  const config = parseConfig(titled, path);
  assert.deepEqual(config.storyMeta?.get(at('a.txt')), { title: 'Ay: "quoted"', authors: ['One, Two', 'Three'] });
  const cleared = setStoryFields(titled, path, at('a.txt'), { title: '', authors: [] });
  assert.equal(cleared, commented);
  const summary = setStoryFields('stories:\n  - file: x.txt\n    source: https://archiveofourown.org/works/1\n', path, at('x.txt'), { summary: 'Two\nlines' });
  assert.equal(summary, 'stories:\n  - file: x.txt\n    source: https://archiveofourown.org/works/1\n    summary: "Two\\nlines"\n');
  assert.equal(setStoryFields('stories: [x.txt, y.txt]\n', path, at('y.txt'), { rating: 'Teen And Up Audiences' }), 'stories: [x.txt, { file: y.txt, rating: Teen And Up Audiences }]\n');
});

test('removing a story takes out its entry and nothing else; the last one stays', () => {
  assert.equal(removeStory(commented, path, at('b.md')), commented.replace('  - file: b.md\n    title: Bee   # keep\n', ''));
  assert.throws(() => removeStory('stories: [a.txt]\n', path, at('a.txt')), /at least one story/);
});

test('settings: a key is replaced where it stands, added at the end of its mapping, or taken out; a bad value is refused', () => {
  assert.equal(setConfigValue(commented, path, ['title'], 'Lights'), commented.replace('title: Harbor Lights #', 'title: Lights #'));
  assert.equal(setConfigValue(commented, path, ['formats'], ['epub', 'pdf']), commented.replace('[epub]', '[epub, pdf]'));
  assert.equal(setConfigValue(commented, path, ['title'], undefined), commented.replace('title: Harbor Lights # working title\n', ''));
  assert.equal(setConfigValue('title: T\ntypography:\n  dashes: false\n', path, ['typography', 'ellipses'], false), 'title: T\ntypography:\n  dashes: false\n  ellipses: false\n');
  assert.equal(setConfigValue('cover: false\n', path, ['cover', 'template'], 'band'), 'cover: { template: band }\n');
  assert.equal(setConfigValue('title: T\n', path, ['typography', 'ellipses'], undefined), 'title: T\n');
  assert.throws(() => setConfigValue(commented, path, ['language'], 'not a language!'), /language/);
});
