// ficbind studio over HTTP: the token, Host and Origin checks, paths kept inside the project, uploads checked, anthology.yaml edits; and ficbind watch rebuilding on a change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readFile, symlink, writeFile, appendFile, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { startStudio, watchProject, type Studio } from '../src/studio/index.ts';
import { eventually, seedsProject } from './helpers/studio.ts';
import { unzipEpub } from './helpers/unzip.ts';
import { startFakeArchive, type FakeArchive } from './helpers/fake-archive.ts';

let studio: Studio;
let folder: string;
/** The injected clock for adding from the archive: time moves only when the client pauses. */
const clock = { time: 0, now: () => clock.time, sleep: async (ms: number) => void (clock.time += ms) };
let archive: FakeArchive;

before(async () => {
  folder = await seedsProject();
  archive = await startFakeArchive(clock);
  studio = await startStudio({ folder, archive: { clock } });
});
after(async () => {
  await studio.close();
  await archive.close();
});

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A raw request, so Host and Origin can be anything. */
function call(path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array; token?: string | null } = {}): Promise<Answer> {
  const token = options.token === undefined ? studio.token : options.token;
  const headers: Record<string, string> = { Host: `127.0.0.1:${studio.port}`, ...(token ? { 'X-Ficbind-Token': token } : {}), ...options.headers };
  if (typeof options.body === 'string') headers['Content-Type'] ??= 'application/json';
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: studio.port, path, method: options.method ?? 'GET', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: Buffer.concat(chunks).toString('utf8'), headers: response.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

test('the server listens on loopback only, and the page carries a Content-Security-Policy', async () => {
  assert.match(studio.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{40,}$/);
  const page = await call('/');
  assert.equal(page.status, 200);
  assert.match(String(page.headers['content-security-policy']), /default-src 'none'; script-src 'self' 'sha256-/);
  assert.match(String(page.headers['set-cookie']), /HttpOnly; SameSite=Strict/);
});

test('a request without the token, with a wrong one, a foreign Origin or a bad Host is refused', async () => {
  assert.equal((await call('/api/project', { token: null })).status, 403);
  assert.equal((await call('/', { token: null })).status, 403);
  assert.equal((await call('/preview.epub', { token: 'x'.repeat(43) })).status, 403);
  assert.equal((await call('/api/project', { headers: { Origin: 'http://evil.example' } })).status, 403);
  assert.equal((await call('/api/project', { headers: { Origin: `http://127.0.0.1:${studio.port}.evil.example` } })).status, 403);
  assert.equal((await call('/api/project', { headers: { Host: `evil.example:${studio.port}` } })).status, 421);
  assert.equal((await call('/api/project', { headers: { Host: `127.0.0.1:1` } })).status, 421);
  assert.equal((await call('/api/project', { headers: { Origin: `http://localhost:${studio.port}` } })).status, 200);
  assert.equal((await call(`/api/project?token=${studio.token}`, { token: null })).status, 200);
  assert.equal((await call('/api/project', { token: null, headers: { Cookie: `ficbind-studio-${studio.port}=${studio.token}` } })).status, 200);
  assert.equal((await call('/api/project', { token: null, headers: { Cookie: `ficbind-studio-1=${studio.token}` } })).status, 403);
  // A page on another port of this machine is same-site to the browser, never same-origin.
  assert.equal((await call('/preview.epub', { headers: { 'Sec-Fetch-Site': 'same-site' } })).status, 403);
  assert.equal((await call('/api/project', { headers: { 'Sec-Fetch-Site': 'cross-site' } })).status, 403);
  const before = await readFile(join(folder, 'anthology.yaml'), 'utf8');
  const csrf = await call('/api/book', { method: 'PUT', body: JSON.stringify({ settings: { title: 'Pwned' } }), headers: { Origin: 'http://evil.example' } });
  assert.equal(csrf.status, 403);
  const form = await call('/api/book', { method: 'PUT', body: 'settings=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(form.status, 415);
  assert.equal(await readFile(join(folder, 'anthology.yaml'), 'utf8'), before);
});

test('no path outside the project is read or written: .., absolute paths, encoded separators, symbolic links', async () => {
  await symlink('/etc', join(folder, 'etc-link'));
  const before = await readFile(join(folder, 'anthology.yaml'), 'utf8');
  for (const file of ['../outside.txt', '/etc/passwd', '..%2F..%2Fetc%2Fpasswd', '..\\..\\etc\\passwd', 'etc-link/passwd', 'sub/../../x.txt']) {
    const answer = await call('/api/stories/meta', { method: 'PUT', body: JSON.stringify({ file: decodeURIComponent(file), fields: { title: 'x' } }) });
    assert.ok(answer.status === 403 || answer.status === 400, `${file}: ${answer.status} ${answer.body}`);
  }
  for (const path of ['/app/..%2F..%2Fpackage.json', '/foliate/..%2F..%2Fpackage.json', '/app/%2e%2e/package.json', '/vendor/..%2fpreact.mjs', '/api/download/..%2F..%2Fanthology.yaml', '/app/../../etc/passwd']) {
    assert.equal((await call(path)).status, 404, path);
  }
  for (const name of ['../evil.txt', '/tmp/evil.txt', '..%2Fevil.txt', '.hidden.txt', 'etc-link/evil.txt', 'evil.sh']) {
    const answer = await call(`/api/stories/upload?name=${encodeURIComponent(name)}`, { method: 'POST', body: new TextEncoder().encode('Text.\n') });
    assert.equal(answer.status, 400, `${name}: ${answer.body}`);
  }
  assert.equal(await readFile(join(folder, 'anthology.yaml'), 'utf8'), before);
});

test('uploads are type-checked and size-limited; a good one joins the end of the list', async () => {
  const binary = await call('/api/stories/upload?name=binary.txt', { method: 'POST', body: new Uint8Array([0x41, 0, 0x42, 0]) });
  assert.equal(binary.status, 400);
  const fakeEpub = await call('/api/stories/upload?name=fake.epub', { method: 'POST', body: new TextEncoder().encode('not a zip') });
  assert.equal(fakeEpub.status, 400);
  const huge = await call('/api/stories/upload?name=huge.txt', { method: 'POST', body: new Uint8Array(33 * 1024 * 1024).fill(0x61) });
  assert.equal(huge.status, 413);
  assert.deepEqual((await readdir(folder)).filter((name) => /binary|fake|huge/.test(name)), []);
  const good = await call('/api/stories/upload?name=06-new-story.txt', { method: 'POST', body: new TextEncoder().encode('A New Story\n\nBy Someone\n\nShe came home.\n') });
  assert.equal(good.status, 200, good.body);
  assert.match(await readFile(join(folder, 'anthology.yaml'), 'utf8'), /  - 05-quiet-hours\.txt\n  - 06-new-story\.txt\n/);
  const again = await call('/api/stories/upload?name=06-new-story.txt', { method: 'POST', body: new TextEncoder().encode('Other.\n') });
  assert.equal(again.status, 400);
  const removed = await call('/api/stories/remove', { method: 'POST', body: JSON.stringify({ file: '06-new-story.txt' }) });
  assert.equal(removed.status, 200);
  assert.doesNotMatch(await readFile(join(folder, 'anthology.yaml'), 'utf8'), /06-new-story/);
});

test('book settings and typography rules are written into anthology.yaml, comments and the rest kept', async () => {
  const path = join(folder, 'anthology.yaml');
  await writeFile(path, '# My anthology\n' + (await readFile(path, 'utf8')).replace('language: en\n', 'language: en # British spelling\n'));
  const book = await call('/api/book', { method: 'PUT', body: JSON.stringify({ settings: { title: 'Harbor: "Lights"', theme: 'modern', subtitle: '' } }) });
  assert.equal(book.status, 200, book.body);
  const rule = await call('/api/typography/rule', { method: 'PUT', body: JSON.stringify({ rule: 'ellipses', on: false }) });
  assert.equal(rule.status, 200, rule.body);
  const text = await readFile(path, 'utf8');
  assert.match(text, /^# My anthology\ntitle: "Harbor: \\"Lights\\""\n/);
  assert.match(text, /language: en # British spelling\n/);
  assert.doesNotMatch(text, /subtitle/);
  assert.match(text, /\ntheme: modern\ntypography: \{ ellipses: false \}\n$/);
  const bad = await call('/api/book', { method: 'PUT', body: JSON.stringify({ settings: { language: 'not a language!' } }) });
  assert.equal(bad.status, 400);
  assert.equal(await readFile(path, 'utf8'), text);
  const state = JSON.parse((await call('/api/project')).body);
  assert.deepEqual(state.typographyOff, ['ellipses']);
});

test('ficbind watch rebuilds when a story changes, in place or replaced as editors save, and the new text is in the EPUB', async () => {
  const project = await seedsProject();
  const builds: number[] = [];
  const watcher = await watchProject({ folder: project, onBuilt: (rebuild) => builds.push(rebuild.error ? -rebuild.number : rebuild.number) });
  const bookText = async () => {
    const epubName = (await readdir(join(project, 'out'))).find((name) => name.endsWith('.epub'))!;
    const book = await unzipEpub(await readFile(join(project, 'out', epubName)));
    return [...(await book.xhtmlDocuments()).values()].join('\n');
  };
  try {
    await eventually(() => builds.length >= 1, 'the first build', 60_000);
    assert.deepEqual(builds, [1]);
    const story = join(project, '05-quiet-hours.txt');
    await appendFile(story, '\nThe kettle whistled at the lighthouse on Tuesday.\n');
    await eventually(() => builds.length >= 2, 'a rebuild after the change', 20_000);
    await watcher.settled();
    assert.match(await bookText(), /The kettle whistled at the lighthouse on Tuesday\./);
    // Saved the way editors (and ficbind) save: a new copy renamed over the old one, twice.
    for (const day of ['Wednesday', 'Thursday']) {
      const count = builds.length;
      await writeFile(join(project, '.05-quiet-hours.txt.swp'), 'scratch');
      await writeFile(story + '.new', (await readFile(story, 'utf8')).replace(/on \w+day\./, `on ${day}.`));
      await rename(story + '.new', story);
      await eventually(() => builds.length > count, `a rebuild after saving ${day}`, 20_000);
      await watcher.settled();
      assert.match(await bookText(), new RegExp(`The kettle whistled at the lighthouse on ${day}\\.`));
    }
    assert.ok(builds.every((number) => number > 0), `builds: ${builds}`);
  } finally {
    await watcher.close();
  }
});

test("accepting a typography suggestion changes the story file there, and only there; accepting a rule changes every place", async () => {
  const story = join(folder, '07-quotes.txt');
  const text = "Quotes\n\nBy Someone\n\n'Hello,\" she said , and waited .\n\n\"Fine ,\" he said.\n";
  await writeFile(story, text);
  const listed = await call('/api/stories/order', { method: 'PUT', body: JSON.stringify({ files: ['01-comin-home.txt', '02-the-long-watch.md', '03-salt-and-static.txt', '04-lantern-letters.txt', '05-quiet-hours.txt'] }) });
  assert.equal(listed.status, 200);
  const path = join(folder, 'anthology.yaml');
  await writeFile(path, (await readFile(path, 'utf8')).replace('  - 05-quiet-hours.txt\n', '  - 05-quiet-hours.txt\n  - 07-quotes.txt\n'));
  const { diagnostics } = JSON.parse((await call('/api/typography')).body) as { diagnostics: { file: string; line: number; column: number; message: string; rule: string; suggestion?: { from: string; to: string } }[] };
  const mine = diagnostics.filter((diagnostic) => diagnostic.file === '07-quotes.txt' && diagnostic.suggestion);
  const quote = mine.find((diagnostic) => diagnostic.rule === 'quotes')!;
  assert.deepEqual(quote.suggestion, { from: "'", to: '“' });
  const accepted = await call('/api/typography/accept', { method: 'POST', body: JSON.stringify({ file: quote.file, line: quote.line, column: quote.column, message: quote.message }) });
  assert.equal(accepted.status, 200, accepted.body);
  assert.equal(await readFile(story, 'utf8'), text.replace("'Hello", '“Hello'));
  const again = await call('/api/typography/accept', { method: 'POST', body: JSON.stringify({ file: quote.file, line: quote.line, column: quote.column, message: quote.message }) });
  assert.equal(again.status, 400);
  const spacing = mine.filter((diagnostic) => diagnostic.rule === 'punctuation-spacing');
  assert.equal(spacing.length, 3);
  const all = await call('/api/typography/accept', { method: 'POST', body: JSON.stringify({ rule: 'punctuation-spacing' }) });
  assert.equal(all.status, 200, all.body);
  assert.equal(await readFile(story, 'utf8'), 'Quotes\n\nBy Someone\n\n“Hello," she said, and waited.\n\n"Fine," he said.\n');
});

test('pasting an archive address adds the work through ficbind add: saved in the project, listed with its source', async () => {
  archive.works.set('4242', { title: 'Fog Signal', author: 'keeperofthelight', chapters: ['The horn sounded twice.'], updated: '2024-03-01' });
  const answer = await call('/api/stories/archive', { method: 'POST', body: JSON.stringify({ address: `${archive.origin}/works/4242` }) });
  assert.equal(answer.status, 200, answer.body);
  const { stories } = JSON.parse(answer.body) as { stories: { file: string; title: string }[] };
  assert.equal(stories[0].title, 'Fog Signal');
  const config = await readFile(join(folder, 'anthology.yaml'), 'utf8');
  assert.match(config, new RegExp(`  - file: ${stories[0].file.replace('.', '\\.')}\n    source: ${archive.origin}/works/4242\n`));
  assert.match(await readFile(join(folder, stories[0].file), 'utf8'), /The horn sounded twice\./);
  const missing = await call('/api/stories/archive', { method: 'POST', body: JSON.stringify({ address: 'not an address' }) });
  assert.equal(missing.status, 400);
});

test("cover thumbnails are drawn from the book's own title for each template; nothing else is a cover", async () => {
  await studio.settled();
  const { choices } = JSON.parse((await call('/api/project')).body) as { choices: { covers: { name: string }[] } };
  assert.ok(choices.covers.length >= 2);
  const thumbnail = await call(`/api/cover/${choices.covers[0].name}.jpg`);
  assert.equal(thumbnail.status, 200);
  assert.equal(thumbnail.headers['content-type'], 'image/jpeg');
  assert.equal((await call('/api/cover/no-such-template.jpg')).status, 400);
  assert.equal((await call('/api/cover/..%2F..%2Fanthology.jpg')).status, 404);
});

test('the PDF preview is laid out on request and served as a PDF', async () => {
  const none = await call('/preview.pdf');
  assert.equal(none.status, 404);
  assert.match(none.body, /no preview PDF yet/);
  const made = await call('/api/preview-pdf', { method: 'POST', body: '{}' });
  assert.equal(made.status, 200, made.body);
  const pdf = await call('/preview.pdf');
  assert.equal(pdf.status, 200, pdf.body);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.match(pdf.body.slice(0, 5), /^%PDF-/);
});
