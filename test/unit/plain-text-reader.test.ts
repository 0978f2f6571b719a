// The plain-text reader keeps pasted prose as prose: every Markdown hazard stays a paragraph of text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { readStoryBytes } from '../../src/readers/index.ts';

const read = (text: string, name = 'story.txt') => readStoryBytes(new TextEncoder().encode(text), name);
const paragraphs = (tree: Root) => tree.children.map((node) => ({ type: node.type, text: toString(node) }));
const onlyParagraphs = (tree: Root) => tree.children.every((node) => node.type === 'paragraph');

test('~~~ does not open a code block that swallows the rest of the story', () => {
  const { tree } = read('She waited.\n\n~~~\n\nThe door opened.\n\nHe came in.\n');
  assert.ok(onlyParagraphs(tree));
  assert.deepEqual(paragraphs(tree).map((p) => p.text), ['She waited.', '~~~', 'The door opened.', 'He came in.']);
});

test('an indented paragraph stays prose, not code', () => {
  const { tree } = read('First line of the story.\n\n    Indented like a tab-pasted paragraph, with *feeling*.\n');
  assert.ok(onlyParagraphs(tree));
  assert.equal(tree.children[1].type, 'paragraph');
  assert.match(toString(tree.children[1]), /Indented like a tab-pasted paragraph, with feeling\./);
});

test('"1984. That year…" is not a numbered list', () => {
  const { tree } = read('1984. That year the winter came early.\n');
  assert.deepEqual(paragraphs(tree), [{ type: 'paragraph', text: '1984. That year the winter came early.' }]);
});

test('"- Hello, she said" is not a list', () => {
  const { tree } = read('- Hello, she said.\n\n- Hi, he answered.\n');
  assert.deepEqual(paragraphs(tree).map((p) => p.text), ['- Hello, she said.', '- Hi, he answered.']);
});

test('a line followed by --- is not a heading', () => {
  const { tree } = read('It was over, he thought\n---\nor so he hoped.\n');
  assert.ok(onlyParagraphs(tree));
  assert.ok(!tree.children.some((node) => node.type === 'heading'));
  assert.match(toString(tree), /It was over, he thought.*---.*or so he hoped\./s);
});

test('a lone # is not an empty heading', () => {
  const { tree } = read('Before.\n\n#\n\nAfter.\n');
  assert.deepEqual(paragraphs(tree).map((p) => p.text), ['Before.', '#', 'After.']);
});

test('<center>…</center> keeps its text', () => {
  const { tree } = read('<center>The End</center>\n');
  assert.deepEqual(paragraphs(tree), [{ type: 'paragraph', text: '<center>The End</center>' }]);
});

test('> quote, [link](x) and `code` stay literal text', () => {
  const { tree } = read('> not a quote, [not a link](x) and `not code`\n');
  assert.equal(toString(tree), '> not a quote, [not a link](x) and `not code`');
});

test('*emphasis* and _emphasis_ are read; snake_case and * * * are not', () => {
  const { tree } = read('She was *so* tired of _waiting_ for snake_case_names * * * 2 * 3 = 6\n');
  const paragraph = tree.children[0];
  assert.equal(paragraph.type, 'paragraph');
  const kinds = paragraph.type === 'paragraph' ? paragraph.children.map((child) => child.type) : [];
  assert.deepEqual(kinds.filter((kind) => kind === 'emphasis').length, 2);
  assert.equal(toString(paragraph), 'She was so tired of waiting for snake_case_names * * * 2 * 3 = 6');
});

test('paragraphs are separated by blank lines; a single newline inside a paragraph is a line break', () => {
  const { tree } = read('Roses are red,\nviolets are blue.\n\nThe next paragraph.\n');
  assert.equal(tree.children.length, 2);
  const first = tree.children[0];
  assert.ok(first.type === 'paragraph' && first.children.some((child) => child.type === 'break'));
});

test('a hard-wrapped file is unwrapped into its paragraphs', () => {
  const line = 'word '.repeat(14).trim();
  const wrapped = [line, line, line, 'end of the first.', '', line, line, 'end of the second.'].join('\n');
  const { tree } = read(wrapped + '\n');
  assert.equal(tree.children.length, 2);
  assert.ok(tree.children.every((node) => node.type === 'paragraph' && !node.children.some((child) => child.type === 'break')));
  assert.equal(toString(tree.children[0]), `${line} ${line} ${line} end of the first.`);
});

test('a hard-wrapped line ending inside a hyphenated word joins the word without a space, positions kept', () => {
  const line = 'word '.repeat(14).trim();
  const source = [line, `${line} the well-`, `known bridge and a dash -`, line, 'end.'].join('\n');
  const { tree } = read(source + '\n');
  assert.equal(tree.children.length, 1);
  assert.match(toString(tree.children[0]), / the well-known bridge and a dash - word /);
  const paragraph = tree.children[0];
  const known = paragraph.type === 'paragraph' ? paragraph.children.find((node) => node.type === 'text' && node.value.startsWith('known')) : undefined;
  assert.equal(known?.position?.start.offset, source.indexOf('known'));
  assert.deepEqual([known?.position?.start.line, known?.position?.start.column], [3, 1]);
});

test('a file with one paragraph per line and no blank lines is one paragraph per line', () => {
  const { tree } = read('"Hi," she said.\nHe waved back.\nThen they walked on together.\n');
  assert.deepEqual(paragraphs(tree).map((p) => p.text), ['"Hi," she said.', 'He waved back.', 'Then they walked on together.']);
});

test('positions point at the source, after front matter', () => {
  const { tree, meta } = read('---\ntitle: Night Road\nauthors: [Wren, Ash]\n---\nFirst paragraph.\n\nSecond *one*.\n');
  assert.equal(meta.title, 'Night Road');
  assert.deepEqual(meta.authors, ['Wren', 'Ash']);
  assert.equal(tree.children[1].position?.start.line, 7);
  assert.equal(tree.children[1].position?.start.column, 1);
  const second = tree.children[1];
  const emphasis = second.type === 'paragraph' ? second.children[1] : undefined;
  assert.deepEqual([emphasis?.position?.start.line, emphasis?.position?.start.column], [7, 8]);
});

test('without front matter the title comes from the file name, never from the first line', () => {
  const { meta } = read('The Very First Line Looks Like A Title\n\nStory.\n', 'stories/07_the-night-road.txt');
  assert.equal(meta.title, 'The Night Road');
});

test('malformed front matter is an error naming the file and line', () => {
  assert.throws(() => read('---\ntitle: [unclosed\n---\nStory.\n', 'bad.txt'), (error: Error & { describe?: () => string }) => {
    assert.match(error.describe!(), /^bad\.txt:\d+: front matter is not valid YAML/);
    return true;
  });
});

test('a front matter value of the wrong shape is an error naming the key', () => {
  assert.throws(() => read('---\nauthors: {name: x}\n---\nStory.\n', 'bad.txt'), /front matter key "authors" must be text or a list of text/);
});

test('ordering prefixes leave file-name titles; a machine-made name (hash, UUID, only digits) gives none', async () => {
  const { titleFromFileName } = await import('../../src/readers/front-matter.ts');
  assert.equal(titleFromFileName('12 - the-harbor.md'), 'The Harbor');
  assert.equal(titleFromFileName('2001 - a space story.txt'), '2001 a space story');
  assert.equal(titleFromFileName('decade.txt'), 'Decade');
  // The build names these "Untitled N" with a warning (test/story-entries.test.ts).
  assert.equal(titleFromFileName('001_6ea037628a43a12a.txt'), '');
  assert.equal(titleFromFileName('ada8c86d2f6148f8.html'), '');
  assert.equal(titleFromFileName('3F2504E0-4F89-11D3-9A0C-0305E82C3301.md'), '');
  assert.equal(titleFromFileName('1984.txt'), '');
  assert.equal(titleFromFileName('07_48213377.html'), '');
});

test('a block between `---` lines is front matter only when every key is a metadata key; otherwise it is story text, with a warning', () => {
  const note = read('---\nNote: this was written for a prompt.\n---\nStory.\n', 'note.txt');
  assert.match(String(note.file.value), /Note: this was written for a prompt\./);
  assert.match(note.file.messages.map((message) => message.reason).join('\n'), /not front matter \("Note" is not a metadata key/);
  const markdown = read('---\n\nShe left at dawn.\n\n---\n\nHe stayed.\n', 'breaks.md');
  assert.match(String(markdown.file.value), /She left at dawn/);
  assert.equal(read('---\ntitle: Real\nwords: 1200\n---\nStory.\n', 'real.txt').meta.title, 'Real');
});

test('a YAML alias bomb in front matter is refused naming the file, not expanded', () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
  assert.throws(() => read(`---\n${bomb}\n---\nStory.\n`, 'bomb.txt'), (error: Error & { place?: { file: string } }) => /YAML aliases/.test(error.message) && error.place?.file === 'bomb.txt');
});
