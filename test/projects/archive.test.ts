// `ficbind add` and `ficbind update` against a local AO3 look-alike (test/helpers/fake-archive.ts): files, config entries, messages, exit codes, pauses on an injected clock.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/io.ts';
import { buildAnthology } from '../../src/build.ts';
import { addStories, updateStories, ArchiveError, minimumDelaySeconds } from '../../src/index.ts';
import { startFakeArchive, type FakeArchive } from '../helpers/fake-archive.ts';
import { unzipEpub } from '../helpers/unzip.ts';

/** The injected clock: time moves only when the client pauses, and every pause is recorded. */
const clock = {
  time: 1_000_000,
  pauses: [] as number[],
  now: () => clock.time,
  sleep: async (ms: number) => {
    clock.pauses.push(ms);
    clock.time += ms;
  },
};

const archive: FakeArchive = await startFakeArchive(clock);
after(() => archive.close());
let nextId = 100;

function addWork(work: Parameters<FakeArchive['works']['set']>[1]): string {
  const id = String(nextId++);
  archive.works.set(id, work);
  return id;
}

const configText = '# My summer reading.\ntitle: Summer Reading   # shown on the cover\nlanguage: en\n\n# The stories, in order.\nstories:\n  - mine.txt   # my own\n';

async function project(config = configText): Promise<string> {
  const folder = join(await mkdtemp(join(tmpdir(), 'ficbind-archive-')), 'summer');
  await mkdir(folder);
  await writeFile(join(folder, 'anthology.yaml'), config);
  await writeFile(join(folder, 'mine.txt'), 'A story I wrote.\n');
  return folder;
}

async function ficbind(cwd: string, ...args: string[]) {
  const lines: string[] = [];
  const io: CliIO = { out: (line) => lines.push(line), err: (line) => lines.push(line), errRaw: () => {}, isTTY: false, env: {}, cwd, now: () => 0, archive: { clock } };
  const status = await runCli(args, io);
  return { status, out: lines.join('\n') };
}

const config = (folder: string) => readFile(join(folder, 'anthology.yaml'), 'utf8');

test('add saves the work under a readable name, lists it with its source, keeps comments, and says what it did', async () => {
  const folder = await project();
  const id = addWork({ title: 'The Long Road Home', author: 'wren', chapters: ['They set out at dawn.'], updated: '2024-03-01' });
  const before = archive.requests.length;
  const run = await ficbind(folder, 'add', `${archive.origin}/works/${id}`);
  assert.equal(run.status, 0, run.out);
  assert.match(run.out, new RegExp(`^Fetching ${archive.origin}/works/${id} …$`, 'm'));
  assert.match(run.out, /^Added "The Long Road Home", 1 chapter: the-long-road-home\.html$/m);
  const saved = await readFile(join(folder, 'the-long-road-home.html'), 'utf8');
  assert.match(saved, /They set out at dawn\./);
  const yaml = await config(folder);
  assert.equal(yaml, `${configText}  - file: the-long-road-home.html\n    source: ${archive.origin}/works/${id}\n`);

  const requests = archive.requests.slice(before);
  assert.deepEqual(requests.map((request) => request.path.replace(/\?.*/, '')), [`/works/${id}`, `/downloads/${id}/The%20Long%20Road%20Home.html`]);
  assert.match(requests[0].path, /view_adult=true/);
  assert.match(requests[0].userAgent ?? '', /^ficbind\/\d+\.\d+\.\d+ \(\+https:\/\/[^)]+\)$/);
  assert.ok(requests[1].at - requests[0].at >= minimumDelaySeconds * 1000, 'the second request waits for the delay');

  // The same work again: nothing fetched, nothing changed.
  const again = await ficbind(folder, 'add', `${archive.origin}/works/${id}/chapters/555?view_full_work=true`);
  assert.equal(again.status, 0);
  assert.match(again.out, /^Already in the project: the-long-road-home\.html/m);
  assert.equal(await config(folder), yaml);
});

test('a project that reads its whole folder gets a stories: list of what it reads now, plus the new work', async () => {
  const folder = await project('title: Everything\n# no list: every story here\n');
  const id = addWork({ title: 'Tide & Time', author: 'gull', chapters: ['Low water.'], updated: '2024-01-01' });
  assert.equal((await ficbind(folder, 'add', `${archive.origin}/works/${id}`, '--delay', '6')).status, 0);
  assert.equal(await config(folder), `title: Everything\n# no list: every story here\nstories:\n  - mine.txt\n  - file: tide-time.html\n    source: ${archive.origin}/works/${id}\n`);
});

test('a series adds every work in order; an adult work passes the consent page with view_adult=true', async () => {
  const folder = await project();
  const first = addWork({ title: 'Part One', author: 'a', chapters: ['One.'], updated: '2024-01-01' });
  const second = addWork({ title: 'Part Two', author: 'a', chapters: ['Two.'], updated: '2024-01-02', adult: true });
  archive.series.set('7', { name: 'The Cycle', works: [first, second] });
  const run = await ficbind(folder, 'add', `${archive.origin}/series/7`);
  assert.equal(run.status, 0, run.out);
  assert.match(await config(folder), /- mine\.txt {3}# my own\n {2}- file: part-one\.html\n {4}source: .*\/works\/\d+\n {2}- file: part-two\.html\n/);
  assert.match(await readFile(join(folder, 'part-two.html'), 'utf8'), /Two\./);
});

test('a locked work asks for --cookies and writes nothing; with a logged-in cookies file it is added', async () => {
  const folder = await project();
  const id = addWork({ title: 'Members Only', author: 'm', chapters: ['Secret.'], updated: '2024-01-01', locked: true });
  const run = await ficbind(folder, 'add', `${archive.origin}/works/${id}`);
  assert.equal(run.status, 1);
  assert.match(run.out, new RegExp(`^ficbind: ${archive.origin}/works/${id}: this work is only for logged-in AO3 users: .*--cookies FILE`, 'm'));
  assert.equal(await config(folder), configText);
  assert.deepEqual(await readdir(folder), ['anthology.yaml', 'mine.txt']);

  await writeFile(join(folder, 'cookies.txt'), `# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t0\t_otwarchive_session\tlet-me-in\n`);
  const withCookies = await ficbind(folder, 'add', `${archive.origin}/works/${id}`, '--cookies', 'cookies.txt');
  assert.equal(withCookies.status, 0, withCookies.out);
  assert.match(await readFile(join(folder, 'members-only.html'), 'utf8'), /Secret\./);
  assert.equal(archive.requests.at(-1)?.cookie, '_otwarchive_session=let-me-in');
});

test('a work that gains a chapter: update re-downloads it, says 2 → 3 chapters, and the next build has the chapter in the same book', async () => {
  const folder = await project();
  const work = { title: 'Slow Burn', author: 'ember', chapters: ['First embers.', 'A spark.'], updated: '2024-02-01' };
  const id = addWork(work);
  assert.equal((await ficbind(folder, 'add', `${archive.origin}/works/${id}`)).status, 0);
  const build = async () => {
    const result = await buildAnthology({ cwd: folder, sourceDateEpoch: 0, cache: false });
    const epub = await unzipEpub(await readFile(result.files[0].path));
    const opf = await epub.text('OEBPS/content.opf');
    return { identifier: /<dc:identifier id="book-id">([^<]+)</.exec(opf)?.[1], text: [...(await epub.xhtmlDocuments()).values()].join('\n') };
  };
  const first = await build();
  assert.doesNotMatch(first.text, /The fire catches/);

  const unchanged = await ficbind(folder, 'update');
  assert.equal(unchanged.status, 0, unchanged.out);
  assert.match(unchanged.out, /^1 story from the archive: 0 updated, 1 unchanged\.$/m);

  work.chapters.push('The fire catches.');
  work.updated = '2024-03-09';
  const dry = await ficbind(folder, 'update', '--dry-run');
  assert.match(dry.out, /^Slow Burn: 2 → 3 chapters \(not downloaded: --dry-run\)$/m);
  assert.doesNotMatch(await readFile(join(folder, 'slow-burn.html'), 'utf8'), /The fire catches/);

  const before = archive.requests.length;
  const run = await ficbind(folder, 'update');
  assert.equal(run.status, 0, run.out);
  assert.match(run.out, /^Checking Slow Burn \(.*\/works\/\d+\) …$/m);
  assert.match(run.out, /^Slow Burn: 2 → 3 chapters$/m);
  assert.match(run.out, /^1 story from the archive: 1 updated, 0 unchanged\. Run `ficbind build` to rebuild the book\.$/m);
  const requests = archive.requests.slice(before);
  assert.equal(requests.length, 2);
  assert.ok(requests[1].at - requests[0].at >= minimumDelaySeconds * 1000);

  const second = await build();
  assert.match(second.text, /The fire catches/);
  assert.equal(second.identifier, first.identifier);
});

test('a deleted work is reported by update, its saved copy kept, exit 1; add of a deleted work is one error line', async () => {
  const folder = await project();
  const id = addWork({ title: 'Here Today', author: 'h', chapters: ['Still here.'], updated: '2024-01-01' });
  assert.equal((await ficbind(folder, 'add', `${archive.origin}/works/${id}`)).status, 0);
  const saved = await readFile(join(folder, 'here-today.html'));
  archive.works.get(id)!.deleted = true;
  const run = await ficbind(folder, 'update');
  assert.equal(run.status, 1);
  assert.match(run.out, /^warning: Here Today: not found on the archive \(HTTP 404\): the work was deleted, hidden or made a draft; the saved copy here-today\.html is kept$/m);
  assert.deepEqual(await readFile(join(folder, 'here-today.html')), saved);

  const missing = await ficbind(folder, 'add', `${archive.origin}/works/999999`);
  assert.equal(missing.status, 1);
  assert.equal(missing.out.split('\n').filter((line) => line.startsWith('ficbind:')).length, 1);
  assert.match(missing.out, new RegExp(`^ficbind: ${archive.origin}/works/999999: not found on the archive`, 'm'));
});

test('a download cut off mid-body never replaces the saved copy, and is never saved by add', async () => {
  const folder = await project();
  const work = { title: 'Cut Short', author: 'c', chapters: ['Whole.'], updated: '2024-01-01', truncatedDownload: false };
  const id = addWork(work);
  assert.equal((await ficbind(folder, 'add', `${archive.origin}/works/${id}`)).status, 0);
  const saved = await readFile(join(folder, 'cut-short.html'));
  work.chapters.push('More.');
  work.truncatedDownload = true;
  const run = await ficbind(folder, 'update');
  assert.equal(run.status, 1);
  assert.match(run.out, /^warning: Cut Short: the download was cut off.*; the saved copy cut-short\.html is kept$/m);
  assert.deepEqual(await readFile(join(folder, 'cut-short.html')), saved);
  assert.deepEqual((await readdir(folder)).sort(), ['anthology.yaml', 'cut-short.html', 'mine.txt']);

  const other = await project();
  const cut = addWork({ title: 'Never Whole', author: 'c', chapters: ['Half.'], updated: '2024-01-01', truncatedDownload: true });
  const add = await ficbind(other, 'add', `${archive.origin}/works/${cut}`);
  assert.equal(add.status, 1);
  assert.match(add.out, /^ficbind: .*\/works\/\d+: the download was cut off/m);
  assert.equal(await config(other), configText);
  assert.deepEqual((await readdir(other)).sort(), ['anthology.yaml', 'mine.txt']);
});

test('429 with Retry-After: the client waits as asked (on the injected clock) and tries again', async () => {
  const folder = await project();
  const id = addWork({ title: 'Busy Day', author: 'b', chapters: ['Queue.'], updated: '2024-01-01', busy: { times: 1, retryAfter: 40 } });
  const before = archive.requests.length;
  const run = await ficbind(folder, 'add', `${archive.origin}/works/${id}`);
  assert.equal(run.status, 0, run.out);
  const requests = archive.requests.slice(before);
  assert.equal(requests.length, 3);
  assert.ok(requests[1].at - requests[0].at >= 40_000, 'Retry-After honoured');
  assert.ok(clock.pauses.includes(40_000));
});

test('a slow answer hits the timeout: one error line naming the address, nothing written', async () => {
  const folder = await project();
  const id = addWork({ title: 'Molasses', author: 'm', chapters: ['Slow.'], updated: '2024-01-01', slowMs: 5_000 });
  const started = performance.now();
  const run = await ficbind(folder, 'add', `${archive.origin}/works/${id}`, '--timeout', '0.2');
  assert.ok(performance.now() - started < 3_000);
  assert.equal(run.status, 1);
  assert.match(run.out, new RegExp(`^ficbind: ${archive.origin}/works/${id}: no answer within 0\\.2 s$`, 'm'));
  assert.equal(await config(folder), configText);
});

test('usage: a delay below the minimum, an address that is no work, a project without anthology.yaml', async () => {
  const folder = await project();
  const fast = await ficbind(folder, 'add', `${archive.origin}/works/1`, '--delay', '1');
  assert.equal(fast.status, 2);
  assert.match(fast.out, /--delay must be at least 5 seconds/);
  const notWork = await ficbind(folder, 'add', 'https://archiveofourown.org/tags/Fluff/works');
  assert.equal(notWork.status, 1);
  assert.match(notWork.out, /^ficbind: https:\/\/archiveofourown\.org\/tags\/Fluff\/works: not an AO3 work or series address/m);
  const bare = await mkdtemp(join(tmpdir(), 'ficbind-bare-'));
  const none = await ficbind(bare, 'update');
  assert.equal(none.status, 1);
  assert.match(none.out, /no anthology\.yaml here or in a folder above; start a project with `ficbind init`/);
});

test('the library API takes its fetch, clock and files from the caller: no network, no pauses', async () => {
  const folder = await project();
  const served = new Map<string, string>();
  const page = (id: string, chapters: number) =>
    `<html><body><ul><li class="download"><a href="/downloads/${id}/W.html">HTML</a></li></ul><h2 class="title heading">Injected</h2><dl class="stats"><dt>Updated:</dt><dd>2024-05-0${chapters}</dd><dt>Chapters:</dt><dd>${chapters}/?</dd></dl></body></html>`;
  const download = (chapters: number) =>
    `<html><body><div id="preface"><p class="message"><b>Injected</b></p><dl class="tags"><dt>Stats:</dt><dd>Updated: 2024-05-0${chapters} Chapters: ${chapters}/?</dd></dl><h1>Injected</h1></div><div id="chapters" class="userstuff">${'<div class="userstuff"><p>Text.</p></div>'.repeat(chapters)}</div></body></html>`;
  served.set('https://archive.example/works/5?view_adult=true&view_full_work=true', page('5', 1));
  served.set('https://archive.example/downloads/5/W.html', download(1));
  const seen: string[] = [];
  const fetch = async (url: string) => {
    seen.push(url);
    const body = served.get(url);
    return new Response(body ?? 'missing', { status: body ? 200 : 404 });
  };
  const pauses: number[] = [];
  let now = 0;
  const quickClock = { now: () => now, sleep: async (ms: number) => void (pauses.push(ms), (now += ms)) };
  const added = await addStories(['https://archive.example/works/5'], { cwd: folder, fetch, clock: quickClock, delaySeconds: 7 });
  assert.equal(added.stories[0].title, 'Injected');
  assert.deepEqual(pauses, [7_000]);
  served.set('https://archive.example/works/5?view_adult=true&view_full_work=true', page('5', 2));
  served.set('https://archive.example/downloads/5/W.html', download(2));
  const updated = await updateStories({ cwd: folder, fetch, clock: quickClock });
  assert.deepEqual(updated.stories.map((story) => [story.outcome, story.before.chapters, story.after?.chapters]), [['updated', 1, 2]]);
  assert.equal(seen.length, 4);
  await assert.rejects(addStories(['https://archive.example/works/404'], { cwd: folder, fetch, clock: quickClock }), ArchiveError);
});

test('story files: one inside the project is listed as it is, one outside is copied in; lists in brackets grow in brackets', async () => {
  const folder = await project('title: Files\nstories: [mine.txt]  # the order\n');
  await writeFile(join(folder, 'inside.md'), 'Inside.\n');
  const outside = join(await mkdtemp(join(tmpdir(), 'ficbind-elsewhere-')), 'far away.txt');
  await writeFile(outside, 'Far.\n');
  const run = await ficbind(folder, 'add', 'inside.md', outside);
  assert.equal(run.status, 0, run.out);
  assert.equal(await config(folder), 'title: Files\nstories: [mine.txt, "inside.md", "far away.txt"]  # the order\n');
  assert.equal(await readFile(join(folder, 'far away.txt'), 'utf8'), 'Far.\n');
  const missing = await ficbind(folder, 'add', 'nowhere.txt');
  assert.equal(missing.status, 1);
  assert.match(missing.out, /^ficbind: nowhere\.txt: no such file$/m);
});
