// What a build's progress says on a terminal: every phase that takes time, with a count and the time left or spent; nothing off a terminal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAnthology, type BuildProgress } from '../../src/build.ts';
import { createProgressBar, describe } from '../../src/cli/progress.ts';
import type { CliIO } from '../../src/cli/io.ts';

const seeds = new URL('../../seeds/', import.meta.url).pathname;

test('a build reports reading each story, rendering each format, then writing the files', async () => {
  const events: BuildProgress[] = [];
  await buildAnthology({ input: seeds, out: await mkdtemp(join(tmpdir(), 'ficbind-progress-')), formats: ['epub', 'kepub'], sourceDateEpoch: 0, cache: false, onProgress: (event) => events.push({ ...event }) });
  const phases = events.map((event) => (event.phase === 'render' ? `render ${event.format} ${event.done}/${event.total}` : `${event.phase} ${event.done}/${event.total}`));
  assert.deepEqual(phases, ['read 1/5', 'read 2/5', 'read 3/5', 'read 4/5', 'read 5/5', 'render epub 0/2', 'render kepub 1/2', 'check 0/2', 'check 1/2', 'write 0/3', 'write 3/3']);
  assert.deepEqual(events.filter((event) => event.phase === 'check').map((event) => event.format), ['epub', 'kepub']);
  assert.ok(events.every((event) => event.expectedMs === undefined), 'no estimate without the cache');
});

test('a build after one that rendered the same formats estimates each format’s time from it, scaled by the words', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'ficbind-progress-'));
  await cp(seeds, folder, { recursive: true });
  const renders = async () => {
    const events: BuildProgress[] = [];
    await buildAnthology({ cwd: folder, out: join(folder, 'out'), formats: ['epub', 'kepub'], sourceDateEpoch: 0, onProgress: (event) => events.push({ ...event }) });
    return events.filter((event) => event.phase === 'render');
  };
  assert.deepEqual((await renders()).map((event) => event.expectedMs), [undefined, undefined], 'the first build has nothing to go by');
  // More words than before: the books are made anew, and expected to take longer in proportion.
  const story = join(folder, '01-comin-home.txt');
  await writeFile(story, (await readFile(story, 'utf8')) + '\n' + 'And the tide came in again. '.repeat(2000) + '\n');
  const estimates = (await renders()).map((event) => event.expectedMs);
  assert.equal(estimates.length, 2);
  for (const estimate of estimates) assert.ok(estimate !== undefined && estimate > 0, `an estimate: ${estimate}`);
});

test('each phase in words: a bar and the time left while reading, the format and the time left or spent while rendering, each book checked', () => {
  assert.equal(describe({ phase: 'read', done: 100, total: 300 }, 2000), 'Reading [########----------------] 100/300 stories, about 4 s left');
  assert.equal(describe({ phase: 'render', done: 1, total: 3, format: 'pdf' }, 3400), 'Rendering PDF (2/3 formats) 3 s');
  assert.equal(describe({ phase: 'render', done: 1, total: 3, format: 'pdf', expectedMs: 8000 }, 3400), 'Rendering PDF (2/3 formats), about 5 s left');
  assert.equal(describe({ phase: 'render', done: 1, total: 3, format: 'pdf', expectedMs: 3000 }, 3400), 'Rendering PDF (2/3 formats) 3 s', 'past the estimate: the time spent');
  assert.equal(describe({ phase: 'check', done: 1, total: 2, format: 'kepub' }, 1200), 'Checking KEPUB (2/2 books) 1 s');
  assert.equal(describe({ phase: 'render', done: 0, total: 1, format: 'azw3' }, 0), 'Rendering AZW3 (Calibre) (1/1 format) 0 s');
  assert.equal(describe({ phase: 'write', done: 0, total: 3 }, 0), 'Writing 3 files');
});

test('on a terminal the progress shows after half a second and is wiped at the end; off a terminal nothing is drawn', () => {
  for (const isTTY of [true, false]) {
    let now = 0;
    const drawn: string[] = [];
    const io: CliIO = { out: () => {}, err: () => {}, errRaw: (text) => drawn.push(text), isTTY, env: {}, cwd: '/', now: () => now };
    const bar = createProgressBar(io);
    bar.update({ phase: 'read', done: 1, total: 2 });
    now = 600;
    bar.update({ phase: 'read', done: 2, total: 2 });
    bar.done();
    assert.deepEqual(drawn, isTTY ? ['\r\x1b[KReading [########################] 2/2 stories', '\r\x1b[K'] : []);
  }
});
