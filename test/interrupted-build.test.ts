// Interrupted builds: SIGKILL while writing leaves the old set or the new; temp files are removed, a committed set finished, by the next build; --out naming a file says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildAnthology } from '../src/build.ts';
import { recoverInterruptedWrites } from '../src/atomic-write.ts';
import { OutputError } from '../src/errors.ts';

async function project() {
  const folder = await mkdtemp(join(tmpdir(), 'ficbind-interrupted-'));
  await writeFile(join(folder, 'anthology.yaml'), 'title: Kept\ncover: false\n');
  await writeFile(join(folder, 'story.txt'), 'A story.\n');
  return folder;
}

test('a killed build’s temp files (a pid no longer running) are removed by the next build; nothing else is', async () => {
  const folder = await project();
  const out = join(folder, 'out');
  await buildAnthology({ input: folder, out, sourceDateEpoch: 0 });
  // pid 2^22 + 1 is above Linux's pid_max: no process has it.
  await writeFile(join(out, `.ficbind-kept.epub.${2 ** 22 + 1}.tmp`), 'half a book');
  await writeFile(join(out, '.notes.tmp'), 'not ours');
  await buildAnthology({ input: folder, out, sourceDateEpoch: 0, formats: ['epub', 'kepub'] });
  assert.deepEqual((await readdir(out)).sort(), ['.ficbind-cache', '.notes.tmp', 'kept.epub', 'kept.kepub.epub']);
  await rm(folder, { recursive: true });
});

test('--out naming an existing file is an error about that, not about cleaning up', async () => {
  const folder = await project();
  const out = join(folder, 'a-file');
  await writeFile(out, 'I am a file');
  await assert.rejects(buildAnthology({ input: folder, out, sourceDateEpoch: 0 }), (error: Error) => {
    assert.ok(error instanceof OutputError, String(error));
    assert.match(error.message, /cannot write output: .*(EEXIST|ENOTDIR)/);
    assert.doesNotMatch(error.message, /rm|unlink/);
    return true;
  });
  await rm(folder, { recursive: true });
});

test('a killed build’s committed set is finished by the next build: its journal’s renames are done, a planted journal moves nothing', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'ficbind-journal-'));
  const dead = 2 ** 22 + 1;
  await writeFile(join(folder, 'book.epub'), 'old epub');
  await writeFile(join(folder, 'book.kepub.epub'), 'new kepub');
  await writeFile(join(folder, `.ficbind-book.epub.${dead}.tmp`), 'new epub');
  await writeFile(join(folder, 'notes.txt'), 'mine');
  const renames = [
    { from: join(folder, `.ficbind-book.epub.${dead}.tmp`), to: join(folder, 'book.epub') },
    // Renamed before the kill.
    { from: join(folder, `.ficbind-book.kepub.epub.${dead}.tmp`), to: join(folder, 'book.kepub.epub') },
    // Not a temp file of ours: left alone.
    { from: join(folder, 'notes.txt'), to: join(folder, 'book.pdf') },
  ];
  await writeFile(join(folder, `.ficbind-commit.${dead}.json`), JSON.stringify(renames));
  await recoverInterruptedWrites(folder);
  assert.deepEqual((await readdir(folder)).sort(), ['book.epub', 'book.kepub.epub', 'notes.txt']);
  assert.equal(await readFile(join(folder, 'book.epub'), 'utf8'), 'new epub');
  assert.equal(await readFile(join(folder, 'notes.txt'), 'utf8'), 'mine');
  await rm(folder, { recursive: true });
});

/** mulberry32: a small seeded generator, so a failing kill schedule can be replayed. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The compiled CLI, as a user runs it (`npm test` compiles dist/ first): no TypeScript compiled on the fly in each child.
const cliEntry = fileURLToPath(new URL('../bin/ficbind.js', import.meta.url));

/**
 * Runs `ficbind build` in a child process and, when `killAfter` is given, kills it with SIGKILL that many milliseconds
 * after its first temp file appears in `out`. Resolves with the milliseconds from that first temp file to the last
 * change in `out` (the last rename): the write phase.
 */
function childBuild(project: string, out: string, killAfter?: number): Promise<{ writeMs: number; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliEntry, 'build', '--input', project, '--out', out, '--format', 'epub,kepub', '--quiet'], {
      env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' },
      stdio: 'ignore',
    });
    let writeStarted: number | undefined;
    let lastChange = 0;
    const watcher = watch(out, (_event, name) => {
      lastChange = performance.now();
      if (writeStarted !== undefined || !name?.startsWith('.ficbind-')) return;
      writeStarted = lastChange;
      if (killAfter !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfter);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      watcher.close();
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`the build exited with ${code}`));
      resolve({ writeMs: writeStarted === undefined ? 0 : lastChange - writeStarted, killed: signal === 'SIGKILL' });
    });
  });
}

/** The books in `out` (temp files left out), name → bytes. */
async function books(out: string): Promise<Map<string, Buffer>> {
  const names = (await readdir(out)).filter((name) => !name.startsWith('.')).sort();
  return new Map(await Promise.all(names.map(async (name) => [name, await readFile(join(out, name))] as [string, Buffer])));
}

function sameSet(a: Map<string, Buffer>, b: Map<string, Buffer>): boolean {
  return a.size === b.size && [...a].every(([name, bytes]) => b.get(name)?.equals(bytes) === true);
}

test('SIGKILL at random points of the write phase leaves the old set of books or the new one, and the next build leaves no temp file', { timeout: 240_000 }, async (t) => {
  const folder = await mkdtemp(join(tmpdir(), 'ficbind-sigkill-'));
  const project = join(folder, 'project');
  await mkdir(project);
  await writeFile(join(project, 'anthology.yaml'), 'title: Killed\ncover: false\n');
  // Big enough books (about 300 KB of text) that writing and syncing them takes a while.
  const random = seeded(11);
  const words = ['harbor', 'lantern', 'salt', 'static', 'quiet', 'watch', 'letters', 'fog', 'tide', 'keeper'];
  const paragraph = () => Array.from({ length: 80 }, () => words[Math.floor(random() * words.length)]).join(' ') + '.';
  const story = (seed: string) => `${seed}\n\n` + Array.from({ length: 600 }, paragraph).join('\n\n') + '\n';
  const version = async (name: string) => writeFile(join(project, 'story.txt'), story(name));

  await version('The old book.');
  const oldOut = join(folder, 'old');
  await mkdir(oldOut);
  await childBuild(project, oldOut);
  const oldSet = await books(oldOut);
  await version('The new book.');
  const newOut = join(folder, 'new');
  await mkdir(newOut);
  const { writeMs } = await childBuild(project, newOut);
  const newSet = await books(newOut);
  assert.deepEqual([...oldSet.keys()], ['killed.epub', 'killed.kepub.epub']);
  assert.ok(!sameSet(oldSet, newSet));

  const outcomes: string[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const out = join(folder, `out-${attempt}`);
    await cp(oldOut, out, { recursive: true });
    // Past the measured phase too: the kill itself takes a moment to land.
    const delay = random() * writeMs * 2.5;
    const { killed } = await childBuild(project, out, delay);
    const left = await books(out);
    const committing = (await readdir(out)).some((name) => name.startsWith('.ficbind-commit.') && name.endsWith('.json'));
    if (!committing) assert.ok(sameSet(left, oldSet) || sameSet(left, newSet), `kill ${attempt} after ${delay.toFixed(1)} ms: a mixed set of books`);
    outcomes.push(`${delay.toFixed(1)} ms: ${!killed ? 'finished' : committing ? 'killed while renaming' : sameSet(left, oldSet) ? 'old set' : 'new set'}`);
    // What the next build does first, on its own: a committed set is finished, an uncommitted one dropped.
    await recoverInterruptedWrites(out);
    const recovered = await books(out);
    assert.ok(sameSet(recovered, committing ? newSet : left), `kill ${attempt}: recovery`);
    // The build cache (.ficbind-cache/, written by a finished build) is no temp file.
    assert.deepEqual((await readdir(out)).filter((name) => name.startsWith('.') && name !== '.ficbind-cache'), [], `kill ${attempt}: a temp file survived`);
    await buildAnthology({ input: project, out, sourceDateEpoch: 1700000000, formats: ['epub', 'kepub'] });
    assert.ok(sameSet(await books(out), newSet));
  }
  t.diagnostic(`write phase ${writeMs.toFixed(1)} ms; kills: ${outcomes.join('; ')}`);
  await rm(folder, { recursive: true });
});
