// What people expect of a command-line tool: one named output file, --quiet, safe file names in any script, retries on a locked book, the entry point found on every platform.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../src/cli/main.ts';
import type { CliIO } from '../src/cli/io.ts';
import { fileNameFor } from '../src/output-names.ts';
import { renameRetrying } from '../src/atomic-write.ts';

const root = new URL('..', import.meta.url).pathname;

function captureIO(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (line) => out.push(line), err: (line) => err.push(line), errRaw: () => {}, isTTY: false, env: { SOURCE_DATE_EPOCH: '0' }, cwd, now: () => 0 };
  return { io, out, err };
}

async function storyFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'ficbind-conventions-'));
  await mkdir(join(folder, 'stories'));
  await writeFile(join(folder, 'stories', 'tide.txt'), '"Come in," she said -- and the tide did.\n');
  return folder;
}

test('--out book.epub writes that one file (and its cover beside it), not a folder', async () => {
  const folder = await storyFolder();
  const { io } = captureIO(folder);
  assert.equal(await runCli(['build', '--input', 'stories', '--out', 'shelf/my-book.epub'], io), 0);
  assert.deepEqual((await readdir(join(folder, 'shelf'))).sort(), ['.ficbind-cache', 'my-book.epub', 'my-book.jpg']);
});

test('--out book.kepub.epub builds the Kobo format the name asks for', async () => {
  const folder = await storyFolder();
  const { io } = captureIO(folder);
  assert.equal(await runCli(['build', '--input', 'stories', '--out', 'kobo.kepub.epub'], io), 0);
  assert.ok(existsSync(join(folder, 'kobo.kepub.epub')));
  assert.ok(!existsSync(join(folder, 'kobo.epub')), 'no plain EPUB made');
});

test('--quiet builds and prints nothing at all', async () => {
  const folder = await storyFolder();
  const { io, out, err } = captureIO(folder);
  assert.equal(await runCli(['build', '--quiet', '--input', 'stories'], io), 0);
  assert.deepEqual([...out, ...err], []);
  assert.ok(existsSync(join(folder, 'out', 'stories.epub')));
});

test('book file names: other scripts transliterated, pictographs dropped, Windows device names avoided', () => {
  assert.equal(fileNameFor('Сборник рассказов'), 'sbornik-rasskazov');
  assert.equal(fileNameFor('ありがとう'), 'arigatou');
  assert.equal(fileNameFor('Ελληνικά διηγήματα'), 'ellinika-diigimata');
  assert.equal(fileNameFor('Café Zoë — “Stories”'), 'cafe-zoe-stories');
  assert.equal(fileNameFor('😊 Summer 😊'), 'summer');
  assert.equal(fileNameFor('CON'), 'con-book');
  assert.equal(fileNameFor('Lpt1'), 'lpt1-book');
  assert.equal(fileNameFor('😊 … !!'), 'anthology');
});

test('a rename refused for a moment (a reader app holding the old book on Windows) is tried again', async () => {
  let calls = 0;
  const busyTwice = async () => {
    calls += 1;
    if (calls <= 2) throw Object.assign(new Error('resource busy or locked'), { code: 'EBUSY' });
  };
  await renameRetrying('a', 'b', 12, busyTwice);
  assert.equal(calls, 3);
  const missing = async () => {
    calls += 1;
    throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
  };
  calls = 0;
  await assert.rejects(renameRetrying('a', 'b', 12, missing), /no such file/);
  assert.equal(calls, 1, 'other errors are not retried');
});

test('the compiled CLI knows it is the program however its path is written', async () => {
  const main = join(root, 'dist', 'cli.js');
  if (!existsSync(main)) throw new Error('dist/ is missing: npm test compiles it first (npm run compile)');
  const roundabout = relative(tmpdir(), main).replace(/^/, './');
  const { stdout } = await promisify(execFile)(process.execPath, [roundabout, '--version'], { cwd: tmpdir() });
  assert.match(stdout, /^\d+\.\d+\.\d+\n$/);
});
