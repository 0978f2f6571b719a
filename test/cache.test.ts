// The build cache: the same book with and without it, a damaged entry ignored and rewritten, a changed story or cover input made anew.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile, cp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { buildAnthology } from '../src/build.ts';
import { cacheFolderName } from '../src/cache/cache-folder.ts';

const seeds = new URL('../seeds/', import.meta.url).pathname;

async function project(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'ficbind-cache-'));
  await cp(seeds, folder, { recursive: true });
  return folder;
}

async function build(folder: string, cache: boolean, warnings: string[] = [], workers?: number) {
  const result = await buildAnthology({ cwd: folder, out: join(folder, 'out'), sourceDateEpoch: 1_700_000_000, formats: ['epub'], cache, workers, onWarning: (message) => warnings.push(message) });
  return { result, epub: await readFile(result.files[0].path), cover: await readFile(result.cover!.path) };
}

async function entries(folder: string, kind: string): Promise<string[]> {
  return (await readdir(join(folder, 'out', cacheFolderName, kind))).sort();
}

test('a build from the cache gives the same bytes as one without it, and the same diagnostics', async () => {
  const folder = await project();
  const uncached = await build(folder, false);
  const cold = await build(folder, true);
  const warm = await build(folder, true);
  assert.ok(uncached.epub.equals(cold.epub) && cold.epub.equals(warm.epub), 'the EPUB is byte-identical');
  assert.ok(uncached.cover.equals(warm.cover), 'the cover is byte-identical');
  const messages = (run: typeof warm) => run.result.diagnostics.map((file) => file.messages.map((m) => `${file.path}:${m.line}:${m.column} ${m.fatal} ${m.ruleId} ${m.reason}`));
  assert.deepEqual(messages(warm), messages(uncached));
  assert.equal((await entries(folder, 'story')).length, 5, 'one entry per story');
  assert.equal((await entries(folder, 'cover')).length, 1);
});

test('a cached story gives the library its whole tree, as a story read anew does', async () => {
  const folder = await project();
  const uncached = await build(folder, false);
  await build(folder, true);
  const warm = await build(folder, true);
  assert.equal(warm.result.changedStories.length, 0);
  assert.deepEqual(
    warm.result.anthology.stories.map((story) => story.tree),
    uncached.result.anthology.stories.map((story) => story.tree),
  );
});

test('a book that already holds its new bytes is left in place, its time renewed; a changed book replaces it', async () => {
  const folder = await project();
  const first = await build(folder, true);
  const before = await stat(first.result.files[0].path);
  await new Promise((wait) => setTimeout(wait, 20));
  const again = await build(folder, true);
  const after = await stat(again.result.files[0].path);
  assert.equal(after.ino, before.ino, 'the same file, not a new one renamed over it');
  assert.ok(after.mtimeMs > before.mtimeMs, 'its modification time is the build\'s, as make-like tools expect');
  await writeFile(join(folder, '05-quiet-hours.txt'), 'A new last story.\n\nIt is short.\n');
  const changed = await build(folder, true);
  assert.notEqual((await stat(changed.result.files[0].path)).ino, before.ino);
  assert.ok(!changed.epub.equals(first.epub));
});

test('stories read by one or two worker threads make the same book, with the same diagnostics, as stories read by the main thread alone', async () => {
  const folder = await project();
  // Without the cache, so that every story is read by a thread each time (the first test compares with and without it).
  const runs = [await build(folder, false, [], 0), await build(folder, false, [], 1), await build(folder, false, [], 2)];
  const messages = (run: (typeof runs)[number]) => run.result.diagnostics.map((file) => file.messages.map((m) => `${file.path}:${m.line}:${m.column} ${m.fatal} ${m.ruleId} ${m.reason}`));
  for (const [index, run] of runs.entries()) {
    assert.ok(run.epub.equals(runs[0].epub), `run ${index}: the EPUB is byte-identical`);
    assert.deepEqual(messages(run), messages(runs[0]), `run ${index}: the same diagnostics`);
  }
  assert.ok(runs[0].result.diagnostics.some((file) => file.messages.length > 0), 'the sample stories have diagnostics to compare');
});

test('a story a worker cannot read fails the build with the same one-line error, naming the file, as without workers', async () => {
  const folder = await project();
  await writeFile(join(folder, 'zz-broken.epub'), 'not a zip at all');
  const config = join(folder, 'anthology.yaml');
  await writeFile(config, (await readFile(config, 'utf8')).replace('  - 02-the-long-watch.md\n', '  - 02-the-long-watch.md\n  - zz-broken.epub\n'));
  const failure = async (workers: number) => {
    try {
      await build(folder, false, [], workers);
    } catch (error) {
      return `${(error as Error).name}: ${(error as { describe(): string }).describe()}`;
    }
    assert.fail('the build should fail');
  };
  const alone = await failure(0);
  assert.match(alone, /^InputError: .*zz-broken\.epub: this is not an EPUB/);
  assert.equal(await failure(2), alone);
});

test('an unchanged project gets its books from the cache with the warnings told again; a change to its theme makes them anew', async () => {
  const folder = await project();
  const theme = join(folder, 'templates', 'mine');
  await cp(new URL('../templates/plain/', import.meta.url).pathname, theme, { recursive: true });
  await writeFile(join(theme, 'epub.css'), (await readFile(join(theme, 'epub.css'), 'utf8')) + '\np { --accent: red; }\n');
  await writeFile(join(theme, 'theme.json'), (await readFile(join(theme, 'theme.json'), 'utf8')).replace('"name": "plain"', '"name": "mine"'));
  const config = join(folder, 'anthology.yaml');
  await writeFile(config, (await readFile(config, 'utf8')) + 'theme: mine\n');
  const run = async () => {
    const warnings: string[] = [];
    const phases: string[] = [];
    const result = await buildAnthology({ cwd: folder, out: join(folder, 'out'), sourceDateEpoch: 1_700_000_000, formats: ['epub', 'kepub'], onWarning: (message) => warnings.push(message), onProgress: (progress) => phases.push(progress.phase) });
    return { warnings, rendered: phases.includes('render'), epub: await readFile(result.files[0].path), kepub: await readFile(result.files[1].path) };
  };
  const first = await run();
  const second = await run();
  assert.ok(first.rendered && !second.rendered, 'the second build lays nothing out');
  assert.ok(first.epub.equals(second.epub) && first.kepub.equals(second.kepub), 'the same books');
  assert.ok(first.warnings.some((warning) => warning.includes('--accent')), `the theme's custom property is warned about: ${first.warnings.join(' | ')}`);
  assert.deepEqual(second.warnings, first.warnings, 'the warnings are told again');
  assert.deepEqual(await entries(folder, 'books'), (await entries(folder, 'books')).slice(0, 1), 'one set of books is kept');

  await writeFile(join(theme, 'epub.css'), (await readFile(join(theme, 'epub.css'), 'utf8')).replace('p { --accent: red; }', 'p { color: #222; }'));
  const third = await run();
  assert.ok(third.rendered, 'a changed theme is laid out again');
  assert.ok(!third.epub.equals(first.epub), 'into another book');
  assert.ok(!third.warnings.some((warning) => warning.includes('--accent')), 'without the old warning');
});

test('a story retitled in anthology.yaml, its file unchanged, is a new book, not the cached one', async () => {
  const folder = await project();
  await build(folder, true);
  const config = join(folder, 'anthology.yaml');
  await writeFile(config, (await readFile(config, 'utf8')).replace('  - 05-quiet-hours.txt\n', '  - file: 05-quiet-hours.txt\n    title: Small Hours\n'));
  const retitled = await build(folder, true);
  assert.ok(retitled.result.anthology.stories.some((story) => story.meta.title === 'Small Hours'));
  assert.ok(retitled.epub.equals((await build(folder, false)).epub), 'the book is the one a clean build makes');
});

test('rebuilds in one process, as watch and the studio make them, give the EPUB and KEPUB a separate process gives', async () => {
  const cli = fileURLToPath(new URL('../bin/ficbind.js', import.meta.url));
  const folder = await project();
  const books = async (out: string) => {
    const result = await buildAnthology({ cwd: folder, out, sourceDateEpoch: 1_700_000_000, formats: ['epub', 'kepub'] });
    return Promise.all(result.files.map((file) => readFile(file.path)));
  };
  await books(join(folder, 'out'));
  const story = join(folder, '02-the-long-watch.md');
  await writeFile(story, (await readFile(story, 'utf8')).replace(/\n*$/, '\n\nShe said, "Not yet" -- and meant it.\n'));
  // This process has kept the parses and deflated entries of the first build; the child starts with none.
  const rebuilt = await books(join(folder, 'out'));
  await promisify(execFile)(process.execPath, [cli, 'build', '--quiet', '--no-cache', '--format', 'epub,kepub', '--out', join(folder, 'fresh')], { cwd: folder, env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' } });
  const fresh = await Promise.all((await readdir(join(folder, 'fresh'))).filter((name) => name.endsWith('.epub')).sort().map((name) => readFile(join(folder, 'fresh', name))));
  const rebuiltSorted = [...rebuilt].sort((a, b) => a.byteLength - b.byteLength);
  const freshSorted = [...fresh].sort((a, b) => a.byteLength - b.byteLength);
  assert.equal(freshSorted.length, 2);
  assert.ok(rebuiltSorted[0].equals(freshSorted[0]) && rebuiltSorted[1].equals(freshSorted[1]), 'the same EPUB and KEPUB bytes');
});

test('a damaged cache entry is not trusted: the book is the same and the entry is written again', async () => {
  const folder = await project();
  const first = await build(folder, true);
  const [name] = await entries(folder, 'story');
  const path = join(folder, 'out', cacheFolderName, 'story', name);
  const bytes = await readFile(path);
  bytes[bytes.length - 10] ^= 0xff;
  await writeFile(path, bytes);
  const second = await build(folder, true);
  assert.ok(first.epub.equals(second.epub));
  assert.notDeepEqual(await readFile(path), bytes, 'the damaged entry was replaced');
});

test('a changed story and a changed title are made anew, not taken from the cache', async () => {
  const folder = await project();
  await build(folder, true);
  const story = (await readdir(folder)).find((name) => name.endsWith('.txt'))!;
  await writeFile(join(folder, story), (await readFile(join(folder, story), 'utf8')).replace(/\n*$/, '\n\nA new last line, "quoted" -- fresh.\n'));
  const config = join(folder, 'anthology.yaml');
  await writeFile(config, (await readFile(config, 'utf8')).replace(/^title: .*$/m, 'title: A Different Book'));
  const changed = await build(folder, true);
  const fresh = await build(folder, false);
  assert.ok(changed.epub.equals(fresh.epub), 'the cached build matches a clean one');
  assert.ok(changed.cover.equals(fresh.cover));
  assert.equal(changed.result.anthology.meta.title, 'A Different Book');
  assert.equal((await entries(folder, 'cover')).length, 1, 'only the new title’s cover is kept');
});

test('one changed story is the only one laid out again; a story retitled in anthology.yaml or moved to another place is laid out anew', async () => {
  const folder = await project();
  assert.deepEqual((await build(folder, true)).result.changedStories, [], 'a first build names no story as changed');
  const laidOut = await entries(folder, 'layout');
  assert.equal(laidOut.length, 5, 'one layout per story');
  await build(folder, true);
  assert.deepEqual(await entries(folder, 'layout'), laidOut, 'an unchanged build, whose books come whole from the cache, keeps the layouts for the next change');
  const config = join(folder, 'anthology.yaml');
  await writeFile(join(folder, '03-salt-and-static.txt'), (await readFile(join(folder, '03-salt-and-static.txt'), 'utf8')).replace(/\n*$/, '\n\nOne more line -- "changed".\n'));
  const changed = await build(folder, true);
  assert.deepEqual(changed.result.changedStories, [changed.result.anthology.stories[2].meta.title], 'the summary names the one story read anew');
  const after = await entries(folder, 'layout');
  assert.equal(after.filter((entry) => !laidOut.includes(entry)).length, 1, 'only the changed story has a new layout');
  assert.ok(changed.epub.equals((await build(folder, false)).epub), 'and the book is the one a clean build makes');

  // A new title from anthology.yaml and a new order: both reach the book, as a clean build makes it.
  await writeFile(config, (await readFile(config, 'utf8')).replace('  - 01-comin-home.txt\n  - 02-the-long-watch.md\n', '  - 02-the-long-watch.md\n  - { file: 01-comin-home.txt, title: Coming Home Again }\n'));
  const moved = await build(folder, true);
  assert.ok(moved.epub.equals((await build(folder, false)).epub), 'the retitled, reordered book is the one a clean build makes');
  assert.ok(moved.result.anthology.stories.some((story) => story.meta.title === 'Coming Home Again'));
});

test('a failed build writes no cache, and the cache keeps only what the last build used', async () => {
  const folder = await project();
  const config = join(folder, 'anthology.yaml');
  const original = await readFile(config, 'utf8');
  await writeFile(config, `${original}\ncover:\n  template: no-such-template\n`);
  await assert.rejects(build(folder, true));
  assert.deepEqual(await readdir(folder).then((names) => names.filter((name) => name === 'out')), [], 'nothing written, not even the cache');
  await writeFile(config, original);
  await build(folder, true);
  const before = await entries(folder, 'story');
  const story = (await readdir(folder)).find((name) => name.endsWith('.md'))!;
  await writeFile(join(folder, story), `${await readFile(join(folder, story), 'utf8')}\nOne more paragraph.\n`);
  await build(folder, true);
  const after = await entries(folder, 'story');
  assert.equal(after.length, 5, 'still one entry per story');
  assert.equal(after.filter((name) => !before.includes(name)).length, 1, 'the changed story replaced its old entry');
});

test('a rebuild in a new process takes its unchanged documents’ zip data and checks from the cache: the books and the Kindle warnings a clean build gives', async () => {
  const cli = fileURLToPath(new URL('../bin/ficbind.js', import.meta.url));
  const folder = await project();
  // A language Send to Kindle rejects, in the first story's front matter: its document is flagged by the Kindle check.
  const first = join(folder, '01-comin-home.txt');
  await writeFile(first, (await readFile(first, 'utf8')).replace(/^author: (.*)$/m, 'author: $1\nlanguage: i-klingon'));
  const run = async (out: string, ...flags: string[]) => {
    const { stderr } = await promisify(execFile)(process.execPath, [cli, 'build', '--format', 'epub,kepub', '--out', join(folder, out), ...flags], { cwd: folder, env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' } });
    const names = (await readdir(join(folder, out))).filter((name) => name.endsWith('.epub')).sort();
    return { books: await Promise.all(names.map((name) => readFile(join(folder, out, name)))), kindle: stderr.split('\n').filter((line) => line.includes('[kindle-')) };
  };
  await run('out');
  assert.equal((await entries(folder, 'documents')).length, 1, 'one entry for the whole book');
  const story = join(folder, '03-salt-and-static.txt');
  await writeFile(story, (await readFile(story, 'utf8')).replace(/\n*$/, '\n\nOne more line -- "changed".\n'));
  const rebuilt = await run('out');
  const fresh = await run('fresh', '--no-cache');
  assert.equal(rebuilt.books.length, 2);
  assert.ok(rebuilt.books.every((bytes, index) => bytes.equals(fresh.books[index])), 'the same EPUB and KEPUB bytes');
  assert.ok(rebuilt.kindle.some((line) => line.includes('xml:lang="i-klingon"') && line.includes('story-01.xhtml')), 'the unchanged flagged document is still flagged');
  assert.deepEqual(rebuilt.kindle, fresh.kindle);
  assert.equal((await entries(folder, 'documents')).length, 1, 'the entry was replaced, not added to');
});
