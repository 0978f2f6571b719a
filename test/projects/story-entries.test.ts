// Per-story entries in anthology.yaml, machine-made file names, books without authors, and the pinned or derived identifier.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile, mkdir, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAnthology } from '../../src/build.ts';
import { parseConfig } from '../../src/config.ts';
import { unzipEpub } from '../helpers/unzip.ts';
import { describeConfigError } from '../helpers/config-error.ts';

const scratch = () => mkdtemp(join(tmpdir(), 'ficbind-entries-'));

async function project(files: Record<string, string>): Promise<string> {
  const folder = join(await scratch(), 'night-roads');
  await mkdir(folder, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(folder, name), text);
  return folder;
}

async function build(folder: string) {
  const warnings: string[] = [];
  const result = await buildAnthology({ cwd: folder, out: join(folder, 'out'), sourceDateEpoch: 0, cache: false, onWarning: (message) => warnings.push(message) });
  const epub = await unzipEpub(await readFile(result.files[0].path));
  const documents = [...(await epub.xhtmlDocuments()).values()].join('\n');
  const opf = await epub.text('OEBPS/content.opf');
  return { result, warnings, documents, opf, identifier: /<dc:identifier id="book-id">([^<]+)</.exec(opf)?.[1] };
}

test('a stories entry written as a mapping names and credits the story over what the file says', async () => {
  const folder = await project({
    'anthology.yaml': 'title: Night Roads\nstories:\n  - file: road.txt\n    title: "The Long Road Home"\n    authors: [Wren Hale, Ash]\n    fandoms: Stargate\n    source: https://archiveofourown.org/works/123\n    series: { name: Roads, position: 2 }\n  - plain.txt\n',
    'road.txt': '---\ntitle: A Draft Name\nauthor: Nobody\n---\nThe road went on.\n',
    'plain.txt': 'A plain story.\n',
  });
  const { result, documents } = await build(folder);
  const [road, plain] = result.anthology.stories;
  assert.equal(road.meta.title, 'The Long Road Home');
  assert.deepEqual(road.meta.authors, ['Wren Hale', 'Ash']);
  assert.deepEqual(road.meta.fandoms, ['Stargate']);
  assert.equal(road.meta.source, 'https://archiveofourown.org/works/123');
  assert.deepEqual(road.meta.series, { name: 'Roads', position: 2 });
  assert.equal(plain.meta.title, 'Plain');
  assert.match(documents, /The Long Road Home/);
  assert.doesNotMatch(documents, /A Draft Name/);
});

test('a machine-made file name never becomes a title: "Untitled N" and a warning naming the file and the fix', async () => {
  const folder = await project({
    'anthology.yaml': 'title: Found Files\nstories: [first.txt, ada8c86d2f6148f8.html, 3F2504E0-4F89-11D3-9A0C-0305E82C3301.txt, 48213377.md]\n',
    'first.txt': 'One.\n',
    'ada8c86d2f6148f8.html': '<html><body><p>Two.</p></body></html>',
    '3F2504E0-4F89-11D3-9A0C-0305E82C3301.txt': 'Three.\n',
    '48213377.md': 'Four.\n',
  });
  const { result, warnings, documents } = await build(folder);
  assert.deepEqual(
    result.anthology.stories.map((story) => story.meta.title),
    ['First', 'Untitled 2', 'Untitled 3', 'Untitled 4'],
  );
  assert.equal(warnings.filter((warning) => /looks machine-made/.test(warning)).length, 3);
  assert.match(warnings.join('\n'), /^ada8c86d2f6148f8\.html: .*"Untitled 2"; name it in anthology\.yaml: stories: \[\{ file: ada8c86d2f6148f8\.html, title: … \}\]/m);
  assert.doesNotMatch(documents, /ada8c86d2f6148f8|3F2504E0|48213377/i);
});

test('a title given in the entry silences the machine-made name', async () => {
  const folder = await project({
    'anthology.yaml': 'stories:\n  - file: ada8c86d2f6148f8.txt\n    title: Harbor Lights\n',
    'ada8c86d2f6148f8.txt': 'The light turned.\n',
  });
  const { result, warnings } = await build(folder);
  assert.equal(result.anthology.stories[0].meta.title, 'Harbor Lights');
  assert.deepEqual(warnings.filter((warning) => /machine-made/.test(warning)), []);
});

test('without any author the book prints no editor line and no "Unknown", and the package keeps a dc:creator', async () => {
  const folder = await project({ 'anthology.yaml': 'title: Nobody Wrote These\n', 'a.txt': 'One.\n', 'b.txt': 'Two.\n' });
  const { result, documents, opf } = await build(folder);
  assert.deepEqual(result.anthology.meta.editors, []);
  assert.doesNotMatch(documents, /Unknown|Edited by/);
  assert.doesNotMatch(opf, /Unknown/);
  assert.match(opf, /<dc:creator id="creator">Anonymous<\/dc:creator>/);
});

test('identifier: pins dc:identifier; without it the identity comes from the project, not the story list', async () => {
  const pinned = await project({ 'anthology.yaml': 'title: Night Roads\nidentifier: urn:isbn:9780000000002\n', 'a.txt': 'One.\n' });
  assert.equal((await build(pinned)).identifier, 'urn:isbn:9780000000002');

  const folder = await project({ 'anthology.yaml': 'title: Night Roads\n', 'a.txt': 'One.\n' });
  const before = (await build(folder)).identifier;
  assert.match(before ?? '', /^urn:uuid:/);
  await writeFile(join(folder, 'b.txt'), '---\ntitle: A New Story\nauthor: Someone Else\n---\nTwo.\n');
  await writeFile(join(folder, 'a.txt'), 'Chapter 1\n\nOne.\n\nChapter 2\n\nMore.\n');
  assert.equal((await build(folder)).identifier, before);

  // Another project (folder) of the same title is another book.
  const elsewhere = join(await scratch(), 'other-roads');
  await cp(folder, elsewhere, { recursive: true });
  assert.notEqual((await build(elsewhere)).identifier, before);
});

test('a wrong stories entry is one error naming the file, line and key', () => {
  assert.match(describeConfigError('stories:\n  - a.txt\n  - file: b.txt\n    titel: B\n'), /^anthology\.yaml:4: unknown key "stories\[1\]\.titel"; did you mean "title"\?/);
  assert.match(describeConfigError('stories:\n  - title: B\n'), /^anthology\.yaml:2: "stories\[0\]\.file" must be text/);
  assert.match(describeConfigError('stories:\n  - file: b.txt\n    language: klingonese\n'), /^anthology\.yaml:3: "stories\[0\]\.language" must be a BCP 47/);
  const config = parseConfig('stories:\n  - a.txt\n  - file: b.txt\n    authors: Ann\n', '/books/anthology.yaml');
  assert.deepEqual(config.stories, ['/books/a.txt', '/books/b.txt']);
  assert.deepEqual(config.storyMeta?.get('/books/b.txt'), { authors: ['Ann'] });
});
