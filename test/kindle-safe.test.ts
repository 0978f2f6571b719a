// Kindle: EPUBs Send to Kindle accepts (each rule guaranteed by the writer, and caught when broken), AZW3 through Calibre, Apple's display options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import sharp from 'sharp';
import { checkKindleSafe, kindleSizeLimit, type KindleProblem } from '../src/writers/kindle/check.ts';
import { kindleCssProblems } from '../src/writers/kindle/css-rules.ts';
import { calibreMissingMessage, convertToAzw3 } from '../src/writers/kindle/azw3.ts';
import { writers } from '../src/writers/index.ts';
import { buildAnthology } from '../src/build.ts';
import { listThemes, loadTheme } from '../src/themes/index.ts';
import { CommandFailed, CommandNotFound, type CommandRunner } from '../src/run-command.ts';
import { OutputError } from '../src/errors.ts';
import { runCli } from '../src/cli/main.ts';
import type { CliIO } from '../src/cli/io.ts';
import { calibreMissing, ebookMeta } from './helpers/calibre.ts';
import { toolAvailable } from './helpers/external-tools.ts';
import { unzipEpub } from './helpers/unzip.ts';
import { buildSharedSeeds, sharedSeeds, sharedSeedsAvailable, epoch } from './helpers/shared-seeds.ts';
import { longStory, oneShot, paragraph, story } from './helpers/story-trees.ts';
import { h } from 'hastscript';
import { contentDocument } from '../src/writers/epub/content-document.ts';
import { planBook } from '../src/writers/epub/book-plan.ts';
import { declaresUtf8, factsOfXml } from '../src/writers/kindle/document-facts.ts';
import { parseXml } from '../src/xml.ts';

const anthology = { meta: { title: 'Roads', editors: ['E'], language: 'en' }, stories: [longStory, oneShot], modified: new Date('2024-03-01T00:00:00Z') };
let coverJpeg: Uint8Array | undefined;

/** A ficbind EPUB of two stories, with a cover unless asked not to. */
async function ficbindEpub(cover = true): Promise<Uint8Array> {
  coverJpeg ??= new Uint8Array(await sharp({ create: { width: 60, height: 90, channels: 3, background: '#334455' } }).jpeg().toBuffer());
  return writers.epub.write(anthology, { generator: 'ficbind test', cover: cover ? coverJpeg : undefined });
}

/** The EPUB with some entries' text rewritten, or added. */
async function edited(epub: Uint8Array, edits: Record<string, (text: string) => string>, added: Record<string, Uint8Array> = {}): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(epub);
  for (const [name, edit] of Object.entries(edits)) {
    const text = await zip.file(name)!.async('string');
    const changed = edit(text);
    assert.notEqual(changed, text, `the edit of ${name} changed nothing`);
    zip.file(name, changed);
  }
  for (const [name, bytes] of Object.entries(added)) zip.file(name, bytes, { compression: 'STORE' });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** `severity rule-id` of each rule broken, each once. */
const rules = (problems: KindleProblem[]) => [...new Set(problems.map((problem) => `${problem.severity} ${problem.ruleId}`))];

test('the writer’s EPUB breaks no Send to Kindle rule: UTF-8 declared, valid language, cover JPEG with both markers, contents in spine order', async () => {
  const epub = await ficbindEpub();
  assert.deepEqual(await checkKindleSafe(epub), []);
  const book = await unzipEpub(epub);
  for (const [name, text] of await book.xhtmlDocuments()) {
    assert.ok(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'), `${name} starts by declaring UTF-8`);
    assert.doesNotMatch(text, /<body[^>]*\bid=/, `${name}: the body has no id a link could target`);
  }
  const opf = await book.text('OEBPS/content.opf');
  assert.match(opf, /<item id="(res-\d+)" href="images\/cover\.jpg" media-type="image\/jpeg" properties="cover-image"\/>/);
  assert.match(opf, new RegExp(`<meta name="cover" content="${/<item id="(res-\d+)" href="images\/cover\.jpg"/.exec(opf)![1]}"/>`));
});

test('a book without a cover gets a warning, not an error', async () => {
  assert.deepEqual(rules(await checkKindleSafe(await ficbindEpub(false))), ['warning kindle-cover']);
});

test('each rule catches the book that breaks it', async () => {
  const epub = await ficbindEpub();
  const cases: [string, Promise<Uint8Array>, string[]][] = [
    ['language', edited(epub, { 'OEBPS/content.opf': (opf) => opf.replace('<dc:language>en</dc:language>', '<dc:language>english</dc:language>') }), ['error kindle-language']],
    ['no UTF-8 declaration', edited(epub, { 'OEBPS/story-02.xhtml': (text) => text.replace('<?xml version="1.0" encoding="UTF-8"?>\n', '') }), ['error kindle-encoding']],
    [
      'spine order',
      edited(epub, { 'OEBPS/content.opf': (opf) => opf.replace(/(<itemref idref="story-01-01"\/>)([\s\S]*?)(<itemref idref="story-02"\/>)/, '$3$2$1') }),
      ['error kindle-spine-order'],
    ],
    ['cover PNG', edited(epub, { 'OEBPS/content.opf': (opf) => opf.replace('media-type="image/jpeg" properties="cover-image"', 'media-type="image/png" properties="cover-image"') }), ['error kindle-cover']],
    ['one cover marker', edited(epub, { 'OEBPS/content.opf': (opf) => opf.replace(/\s*<meta name="cover" content="[^"]+"\/>/, '') }), ['error kindle-cover']],
    [
      'CSS custom property and a comment holding --',
      edited(epub, { 'OEBPS/style.css': (css) => `${css}\n/* accent -- red */\n@supports (color: red) { :root { --accent: red; } p { color: var(--accent); } }\n` }),
      ['error kindle-css'],
    ],
    [
      'link to a body id',
      edited(epub, { 'OEBPS/story-02.xhtml': (text) => text.replace('<body class="story', '<body id="top" class="story'), 'OEBPS/toc.xhtml': (text) => text.replace('href="story-02.xhtml"', 'href="story-02.xhtml#top"') }),
      ['error kindle-body-link'],
    ],
  ];
  for (const [name, book, expected] of cases) assert.deepEqual(rules(await checkKindleSafe(await book)), expected, name);
});

test('a book over 50 MB gets a warning', async () => {
  const big = await edited(await ficbindEpub(), {}, { 'OEBPS/images/huge.bin': new Uint8Array(kindleSizeLimit + 1) });
  const problems = await checkKindleSafe(big);
  assert.deepEqual(rules(problems), ['warning kindle-size']);
  assert.match(problems[0].message, /expected at most 50 MB/);
});

test('no theme’s stylesheet has CSS custom properties or comments holding --', async () => {
  for (const theme of listThemes()) {
    const css = await readFile(loadTheme(theme.name).epub.stylesheet, 'utf8');
    assert.deepEqual(kindleCssProblems(css), [], theme.name);
  }
});

test('the shared stories, in every theme: no Kindle warning, and Apple Books is told to use the embedded fonts', async (t) => {
  if (!sharedSeedsAvailable(t)) return;
  for (const theme of listThemes()) {
    const build = await buildSharedSeeds(['epub'], theme.name);
    const epub = await build.bytes('epub');
    assert.deepEqual(await checkKindleSafe(epub), [], theme.name);
    assert.deepEqual(build.warnings.filter((warning) => /Kindle/.test(warning)), [], theme.name);
    const book = await unzipEpub(epub);
    assert.match(await book.text('META-INF/com.apple.ibooks.display-options.xml'), /<platform name="\*">\s*<option name="specified-fonts">true<\/option>\s*<\/platform>/);
  }
});

test('--format azw3: Calibre converts the shared stories’ EPUB into an AZW3 Calibre reads back', async (t) => {
  if (!sharedSeedsAvailable(t) || !toolAvailable(t, await calibreMissing())) return;
  const build = await buildSharedSeeds(['epub', 'azw3']);
  assert.match(build.paths.azw3, /\/seeds\.azw3$/);
  const azw3 = await build.bytes('azw3');
  assert.equal(new TextDecoder().decode(azw3.subarray(60, 68)), 'BOOKMOBI', 'a Mobipocket database, as AZW3 is');
  const meta = await ebookMeta(build.paths.azw3);
  assert.equal(meta.title, build.result.anthology.meta.title);
});

test('without Calibre, AZW3 fails saying how to install it; a failing Calibre is quoted', async () => {
  const epub = await ficbindEpub();
  const missing: CommandRunner = async (command) => {
    throw new CommandNotFound(command);
  };
  await assert.rejects(convertToAzw3(epub, { runCommand: missing }), (error: Error) => error instanceof OutputError && error.message === calibreMissingMessage);
  assert.match(calibreMissingMessage, /apt-get install calibre.*https:\/\/calibre-ebook\.com\/download/);
  const failing: CommandRunner = async (command) => {
    throw new CommandFailed(command, 'Traceback…\nValueError: bad book', `${command} failed: ValueError: bad book`);
  };
  await assert.rejects(convertToAzw3(epub, { runCommand: failing }), /Calibre could not convert the book to AZW3: ebook-convert failed: ValueError: bad book/);

  const calls: string[][] = [];
  const fake: CommandRunner = async (command, args) => {
    calls.push([command, ...args.map((arg) => arg.split('/').pop()!)]);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(args[1], 'AZW3 bytes');
    return { stdout: '', stderr: '' };
  };
  assert.equal(new TextDecoder().decode(await convertToAzw3(epub, { runCommand: fake })), 'AZW3 bytes');
  // --no-inline-toc: the book's own contents page is the only one (Calibre would add a second at the end).
  assert.deepEqual(calls, [['ebook-convert', 'book.epub', 'book.azw3', '--no-inline-toc']]);
});

test('ficbind build -f azw3 with no ebook-convert on PATH exits 1 with the install hint', async (t) => {
  if (!sharedSeedsAvailable(t)) return;
  const out = await mkdtemp(join(tmpdir(), 'ficbind-azw3-'));
  const lines: string[] = [];
  const io: CliIO = { out: (line) => lines.push(line), err: (line) => lines.push(line), errRaw: () => {}, isTTY: false, env: { SOURCE_DATE_EPOCH: String(epoch) }, cwd: out, now: () => 0 };
  const path = process.env.PATH;
  process.env.PATH = join(out, 'no-programs-here');
  try {
    assert.equal(await runCli(['build', '--input', sharedSeeds, '--out', out, '--format', 'azw3'], io), 1);
  } finally {
    process.env.PATH = path;
  }
  // The shared seeds' hash file names are warned about (they become "Untitled N"); the error is the one line that is not a warning.
  assert.deepEqual(lines.filter((line) => !/^warning: .*looks machine-made/.test(line)), [`ficbind: ${calibreMissingMessage}`]);
  await assert.rejects(buildAnthology({ input: sharedSeeds, out, sourceDateEpoch: epoch, formats: ['azw3'], runCommand: async (command) => { throw new CommandNotFound(command); } }), OutputError);
});

test('the Kindle facts the EPUB writer takes from its own trees are the ones the check would read from the documents it wrote', () => {
  const parsedFacts = (xhtml: string) => factsOfXml(parseXml(xhtml), declaresUtf8(xhtml));
  // Attribute values as an XML parser reads them back: tabs and line ends as spaces, characters XML forbids gone.
  const awkward = contentDocument({ title: 'Odd\u0001 one', language: 'pt-BR', bodyClass: 'story' }, [
    h('section', { id: 'top', style: 'margin:\t0;\r\npadding: 1em\u0007' }, [
      h('style', 'p { color: red }\r\np { margin: 0 }'),
      h('p', [h('a', { href: 'story-02.xhtml#s2-note\u0000' }, 'a link'), ' and ', h('a', { name: 'no-href' }, 'an anchor')]),
      h('map', [h('area', { href: 'colophon.xhtml', alt: 'Colophon' })]),
    ]),
  ]);
  assert.deepEqual(awkward.facts, parsedFacts(awkward.xhtml));
  assert.deepEqual(awkward.facts.styleAttributes, ['margin: 0; padding: 1em'], 'the check sees what a reader would');
  assert.equal(awkward.facts.links.length, 2);

  const plan = planBook(
    { meta: { title: 'Facts', editors: [], language: 'en' }, stories: [longStory, oneShot, story({ title: 'Em Português', language: 'pt' }, [paragraph('Olá, mundo.')])], modified: new Date(0) },
    { generator: 'ficbind test', colophon: ['Set in a test.'], dropCap: true, ornament: '❦' },
  );
  assert.ok(plan.documents.length >= 6);
  for (const document of plan.documents) assert.deepEqual(document.facts, parsedFacts(document.xhtml), document.filename);
});
