// The catalogue of hostile and huge inputs from issue 11: each case's exit status, one-line message naming the file, old book intact, time limit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import JSZip from 'jszip';
import sharp from 'sharp';
import { runCli } from '../src/cli/main.ts';
import { makeEpub } from './helpers/make-epub.ts';
import type { CliIO } from '../src/cli/io.ts';

/** Each case's limit is what it takes on an idle machine, times this: the suite shares two cores with other work. */
const hangAllowance = 4;

interface Case {
  name: string;
  /** Writes the case's files into a copy of a project that already built its book. */
  setup: (project: string) => Promise<void>;
  /** `build` (the default) rebuilds the project; `fix` reads one file of it. */
  command?: 'build' | 'fix';
  file?: string;
  status: 0 | 1;
  /** The one line printed for a failure; it must name `names`. */
  message?: RegExp;
  names?: string;
  /** Milliseconds: linear work at these sizes takes a fraction of it; quadratic work takes minutes. */
  limit: number;
  /** What else must hold afterwards: the book's contents, the output. */
  check?: (project: string, out: string) => Promise<void>;
}

const story = (name: string, text: string | Buffer) => async (project: string) => writeFile(join(project, name), text);
const fifo = (name: string) => async (project: string) => void execFileSync('mkfifo', [join(project, name)]);
const lines = (count: number, make: (index: number) => string) => Array.from({ length: count }, (_, index) => make(index)).join('\n');
const htmlWithPicture = (src: string) => `<html><head><title>Pictured</title></head><body><h1>Pictured</h1><p>Look at this.</p>\n<p><img src="${src}" alt="a picture"></p></body></html>`;

/** A PNG chunk: length, type, data, CRC-32 of type and data. */
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A black, one-bit greyscale PNG of any size, made in a fraction of a second (the pixels deflate to almost nothing). */
function blackPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8);
  const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * height);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', zlib.deflateSync(rows)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** The book's files, to look inside. */
async function unpacked(out: string): Promise<JSZip> {
  const name = (await readdir(out)).find((file) => file.endsWith('.epub'))!;
  return JSZip.loadAsync(await readFile(join(out, name)));
}

const cases: Case[] = [
  { name: 'unclosed * emphasis, 20,000 openers', setup: story('stars.txt', '*a '.repeat(20_000)), command: 'fix', file: 'stars.txt', status: 0, limit: 3000 },
  { name: "a' repeated 100,000 times in one paragraph", setup: story('apostrophes.txt', "a'".repeat(100_000)), command: 'fix', file: 'apostrophes.txt', status: 0, limit: 4000 },
  { name: "'a...' repeated 50,000 times", setup: story('dots.txt', 'a...'.repeat(50_000)), command: 'fix', file: 'dots.txt', status: 0, limit: 3000 },
  // 3.2 MB through every rule: the defect here was a stack overflow; the limit only catches a hang, on a machine under load.
  { name: '50,000 lines with no blank line', setup: story('lines.txt', lines(50_000, () => 'A line of text.')), command: 'fix', file: 'lines.txt', status: 0, limit: 20_000 },
  { name: '2,000 nested Markdown lists', setup: story('lists.md', lines(2000, (i) => '  '.repeat(i) + '- a')), status: 1, message: /nested more than 200 levels/, names: 'lists.md', limit: 3000 },
  { name: '10,000 nested block quotes', setup: story('quotes.md', '>'.repeat(10_000) + ' a\n'), status: 1, message: /nested more than 200 levels/, names: 'quotes.md', limit: 3000 },
  { name: '10,000 nested <div>', setup: story('divs.html', '<div>'.repeat(10_000) + 'a' + '</div>'.repeat(10_000)), status: 1, message: /nested more than 200 elements/, names: 'divs.html', limit: 3000 },
  { name: '5,000 nested <b><i>', setup: story('bi.html', '<p>' + '<b><i>'.repeat(5000) + 'a' + '</i></b>'.repeat(5000) + '</p>'), status: 1, message: /nested more than 200 elements/, names: 'bi.html', limit: 3000 },
  { name: 'a FIFO among the stories', setup: fifo('waiting.txt'), status: 1, message: /not a regular file/, names: 'waiting.txt', limit: 3000 },
  { name: 'a link to /dev/zero among the stories', setup: async (project) => symlink('/dev/zero', join(project, 'zero.txt')), status: 1, message: /not a regular file/, names: 'zero.txt', limit: 3000 },
  {
    name: 'a FIFO as cover.background',
    setup: async (project) => {
      execFileSync('mkfifo', [join(project, 'photo.jpg')]);
      await writeFile(join(project, 'anthology.yaml'), 'title: Catalogue\ncover:\n  template: photograph\n  background: photo.jpg\n');
    },
    status: 1, message: /not a regular file/, names: 'photo.jpg', limit: 5000,
  },
  {
    name: 'a YAML alias bomb in anthology.yaml',
    setup: story('anthology.yaml', 'title: T\ncover: false\n' + ['a: &a [x,x,x,x,x,x,x,x,x]', ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill('*' + 'abcdefghi'[i]).join(',')}]`)].join('\n') + '\n'),
    status: 1, message: /YAML aliases/, names: 'anthology.yaml', limit: 3000,
  },
  { name: 'a 0-byte story', setup: story('empty.txt', ''), status: 1, message: /no text/, names: 'empty.txt', limit: 3000 },
  { name: 'a whitespace-only story', setup: story('blank.md', ' \n\n\t\n'), status: 1, message: /no text/, names: 'blank.md', limit: 3000 },
  { name: '64 KB of random bytes named .txt', setup: story('noise.txt', Buffer.from(Array.from({ length: 65_536 }, (_, i) => ((i * 2654435761) >>> 13) & 0xff))), status: 1, message: /binary file/, names: 'noise.txt', limit: 3000 },
  { name: 'an author’s note between --- lines is kept as text', setup: story('note.txt', '---\nA/N: written for the winter prompt.\n---\n\nThe story.\n'), command: 'fix', file: 'note.txt', status: 0, limit: 3000 },
  {
    name: 'a truncated PNG in an HTML story',
    setup: async (project) => {
      await writeFile(join(project, 'cut.png'), blackPng(300, 200).subarray(0, 60));
      await writeFile(join(project, 'cut.html'), htmlWithPicture('cut.png'));
    },
    status: 1, message: /`cut\.png` cannot be embedded: .*re-save the picture or remove it/, names: 'cut.html:2', limit: 3000,
  },
  {
    name: 'a 20000×20000 PNG is scaled down to 3200 px, in bounded memory',
    setup: async (project) => {
      await writeFile(join(project, 'huge.png'), blackPng(20_000, 20_000));
      await writeFile(join(project, 'huge.html'), htmlWithPicture('huge.png'));
    },
    status: 0, limit: 30_000,
    check: async (project, out) => {
      const book = await unpacked(out);
      const picture = Object.keys(book.files).find((name) => /images\/img-.*\.png$/.test(name))!;
      const { width, height } = await sharp(await book.file(picture)!.async('nodebuffer')).metadata();
      assert.deepEqual([width, height], [3200, 3200]);
      // Decoded whole it would take 400 MB as 8-bit grey (1.5 GB before, as RGBA); sharp streams it through the resize.
      // Measured in a process of its own: this test process's peak also holds the other cases'.
      const dist = new URL('../dist/index.js', import.meta.url).href;
      const build = `const { buildAnthology } = await import(${JSON.stringify(dist)}); await buildAnthology({ input: ${JSON.stringify(project)}, out: ${JSON.stringify(join(project, 'measured'))}, sourceDateEpoch: 0, cache: false }); console.log(process.resourceUsage().maxRSS);`;
      const peakKb = Number(execFileSync(process.execPath, ['--input-type=module', '-e', build], { encoding: 'utf8' }).trim().split('\n').at(-1));
      assert.ok(peakKb < 1_000_000, `peak memory ${Math.round(peakKb / 1024)} MB`);
    },
  },
  {
    name: 'a 10,000-character title on the cover is shortened with a warning',
    setup: story('anthology.yaml', `title: "${'Long '.repeat(2000).trim()}"\n`),
    status: 0, limit: 20_000,
    check: async (_project, out) => assert.ok((await readdir(out)).some((name) => name.endsWith('.jpg')), 'the cover is written'),
  },
  {
    name: 'a story named `...txt` is read',
    setup: story('...txt', 'Three dots began this story.\n'),
    status: 0, limit: 5000,
    check: async (_project, out) => {
      const book = await unpacked(out);
      const texts = await Promise.all(Object.values(book.files).filter((file) => file.name.endsWith('.xhtml')).map((file) => file.async('string')));
      assert.ok(texts.some((text) => text.includes('Three dots began this story.')));
    },
  },
  {
    name: 'an EPUB with an empty spine',
    setup: async (project) => writeFile(join(project, 'hollow.epub'), await makeEpub({ metadata: '<dc:title>Hollow</dc:title><dc:language>en</dc:language>', documents: [] })),
    status: 1, message: /spine lists no XHTML document, so it holds no story to read/, names: 'hollow.epub', limit: 3000,
  },
];

let base: string;
let oldBook: Buffer;
const bookName = 'out/catalogue.epub';

before(async () => {
  base = await mkdtemp(join(tmpdir(), 'ficbind-catalogue-'));
  await writeFile(join(base, 'anthology.yaml'), 'title: Catalogue\ncover: false\n');
  await writeFile(join(base, '01-good.txt'), '“A good story,” she said.\n');
  const built = await cli(['build', '--input', base, '--out', join(base, 'out')], base);
  assert.equal(built.status, 0, built.out);
  oldBook = await readFile(join(base, bookName));
});

after(async () => {
  if (base) await rm(base, { recursive: true, force: true });
});

async function cli(args: string[], cwd: string): Promise<{ out: string; status: number }> {
  const printed: string[] = [];
  const io: CliIO = { out: (line) => printed.push(line), err: (line) => printed.push(line), errRaw: () => {}, isTTY: false, env: { SOURCE_DATE_EPOCH: '1700000000' }, cwd, now: () => 0 };
  const status = await runCli(args, io);
  return { out: printed.join('\n'), status };
}

for (const entry of cases) {
  test(`catalogue: ${entry.name}`, async () => {
    const project = await mkdtemp(join(tmpdir(), 'ficbind-case-'));
    await cp(base, project, { recursive: true });
    await entry.setup(project);
    const args = entry.command === 'fix' ? ['fix', join(project, entry.file!), '--to', 'text'] : ['build', '--input', project, '--out', join(project, 'out')];
    const started = performance.now();
    const { out, status } = await cli(args, project);
    const elapsed = performance.now() - started;
    try {
      assert.equal(status, entry.status, out.slice(0, 400));
      if (entry.message) {
        const lastLine = out.split('\n').filter(Boolean).at(-1) ?? '';
        assert.match(lastLine, entry.message);
        assert.ok(lastLine.includes(entry.names!), `names ${entry.names}: ${lastLine}`);
        assert.doesNotMatch(out, /internal error|\n\s+at /, 'no stack trace');
        assert.ok((await readFile(join(project, bookName))).equals(oldBook), 'the earlier book is intact');
        assert.deepEqual((await readdir(join(project, 'out'))).filter((name) => name.includes('.tmp')), [], 'no temp file left');
      }
      if (entry.name.includes('author’s note')) assert.match(out, /A\/N: written for the winter prompt\./);
      if (entry.name.includes('title on the cover')) assert.match(out, /warning: "Long Long .*… \(9,999 characters\)" does not fit its cover text box/);
      await entry.check?.(project, join(project, 'out'));
      // A limit catches a hang or a quadratic blow-up (minutes), not slowness: it is stretched for a machine under load.
      const limit = entry.limit * hangAllowance;
      assert.ok(elapsed < limit, `took ${Math.round(elapsed)} ms, over the ${limit} ms limit`);
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });
}
