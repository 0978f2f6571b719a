// A book is valid or the build fails: every document through one XML serializer, the package checked before anything is written, `build --check` with EPUBCheck.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { x } from 'xastscript';
import { buildAnthology } from '../src/build.ts';
import { OutputError } from '../src/errors.ts';
import { CommandFailed, type CommandRunner } from '../src/run-command.ts';
import { checkEpubPackage } from '../src/writers/epub-check.ts';
import { serializeXml } from '../src/writers/xml-document.ts';
import { parseXml } from '../src/xml.ts';
import { runCliIn } from './helpers/cli-in-process.ts';
import { epubcheckMissing } from './helpers/epubcheck.ts';
import { toolAvailable } from './helpers/external-tools.ts';

let folder: string;
before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ficbind-valid-'));
});
after(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function project(name: string, files: Record<string, string>): Promise<string> {
  const root = join(folder, name);
  await mkdir(root, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(root, file), text);
  return root;
}

const cli = (args: string[], cwd: string, env: Record<string, string> = {}) => runCliIn(cwd, args, { SOURCE_DATE_EPOCH: '1700000000', ...env });

/** Every XML entry of the book, parsed: throws naming the first that is not well-formed. */
async function parseEveryDocument(epub: Uint8Array): Promise<number> {
  const zip = await JSZip.loadAsync(epub);
  let parsed = 0;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || !/\.(xhtml|opf|ncx|xml)$/.test(entry.name)) continue;
    try {
      parseXml(await entry.async('string'));
    } catch (error) {
      assert.fail(`${entry.name}: ${(error as Error).message}`);
    }
    parsed += 1;
  }
  return parsed;
}

const controlTitleStory = [
  '<html><head><title>Bell&#1; Tower</title><meta name="author" content="Ann&#2;Author"></head>',
  '<body><h1>Bell&#1; Tower</h1><p>The bell&#1; rang twice.&#xFFFE;</p></body></html>',
].join('\n');

test('a character XML forbids in an HTML story’s title gives a well-formed book (EPUBCheck reads it in the --check test below)', async () => {
  const root = await project('control', { 'bell.html': controlTitleStory, 'anthology.yaml': 'title: "Bell\\x01 Tower"\ncover: false\n' });
  const built = await cli(['build', '--input', root, '--out', join(root, 'out')], root);
  assert.equal(built.status, 0, built.out);
  const bookPath = join(root, 'out', (await readdir(join(root, 'out'))).find((name) => name.endsWith('.epub'))!);
  const epub = new Uint8Array(await readFile(bookPath));
  assert.ok((await parseEveryDocument(epub)) >= 6, 'container, OPF, NCX, nav, title page and story parsed');
  assert.deepEqual(await checkEpubPackage(epub), []);
  const zip = await JSZip.loadAsync(epub);
  for (const name of ['OEBPS/content.opf', 'OEBPS/toc.ncx', 'OEBPS/toc.xhtml']) {
    const text = await zip.file(name)!.async('string');
    assert.match(text, /Bell Tower/, `${name} keeps the title's letters`);
    assert.doesNotMatch(text, /[\x01\x02\uFFFE]|&#x?0*[12];/i, `${name} has no forbidden character`);
  }
});

test('the XML serializer drops characters XML forbids and refuses names that are not XML names', () => {
  const tree = x(null, [x('package', { title: 'a\u0001b\uFFFF\uD800c' }, [x('dc:title', 'T\u0008i\r\ntle\uDFFF')])]);
  assert.equal(serializeXml(tree), '<package title="abc"><dc:title>Ti\ntle</dc:title></package>\n');
  assert.throws(() => serializeXml(x(null, [x('bad name', 'a')])), OutputError);
  assert.throws(() => serializeXml(x(null, [x('p', { 'on"x': 'a' })])), OutputError);
});

/** A ficbind book with one file changed, added or removed. */
async function edited(epub: Uint8Array, edit: (zip: JSZip) => void | Promise<void>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(epub);
  await edit(zip);
  return zip.generateAsync({ type: 'uint8array' });
}

test('the package check finds malformed documents, missing files, unknown spine items and a missing nav', async () => {
  const root = await project('check', { 'a.txt': 'A story.\n', 'anthology.yaml': 'title: Checked\ncover: false\n' });
  const result = await buildAnthology({ cwd: root, input: root, out: join(root, 'out'), sourceDateEpoch: 1700000000 });
  const good = new Uint8Array(await readFile(result.files[0].path));
  assert.deepEqual(await checkEpubPackage(good), []);
  const replace = (name: string, from: RegExp, to: string) => async (zip: JSZip) => void zip.file(name, (await zip.file(name)!.async('string')).replace(from, to));
  const cases: [string, (zip: JSZip) => void | Promise<void>, RegExp][] = [
    ['a malformed nav', replace('OEBPS/toc.xhtml', /<\/nav>/, ''), /OEBPS\/toc\.xhtml is not well-formed XML/],
    ['a control character in the NCX', replace('OEBPS/toc.ncx', /Checked/, 'Che\u0001cked'), /OEBPS\/toc\.ncx is not well-formed XML/],
    ['a manifest item missing from the zip', (zip) => void zip.remove('OEBPS/titlepage.xhtml'), /manifest item "titlepage" names OEBPS\/titlepage\.xhtml, which is not in the book/],
    ['a spine idref not in the manifest', replace('OEBPS/content.opf', /<itemref idref="titlepage"\/>/, '<itemref idref="ghost"/>'), /the spine names "ghost"/],
    ['an empty spine', replace('OEBPS/content.opf', /<spine toc="ncx">[\s\S]*<\/spine>/, '<spine toc="ncx"></spine>'), /the spine is empty/],
    ['no nav', replace('OEBPS/content.opf', / properties="nav"/, ''), /no manifest item is the navigation document/],
    ['mimetype not first', (zip) => { zip.remove('mimetype'); zip.file('mimetype', 'application/epub+zip'); }, /first entry is not `mimetype`/],
  ];
  for (const [name, edit, expected] of cases) {
    const problems = await checkEpubPackage(await edited(good, edit));
    assert.ok(problems.some((problem) => expected.test(problem)), `${name}: ${problems.join('; ')}`);
  }
});

/** A runner standing in for Java: EPUBCheck's JSON report with one error, and exit status 1. */
const failingEpubcheck: CommandRunner = async (command, args) => {
  assert.equal(command, 'java');
  const report = args[args.indexOf('--json') + 1];
  const messages = [{ ID: 'RSC-005', severity: 'ERROR', message: 'Error while parsing file', locations: [{ path: 'book.epub/OEBPS/toc.ncx', line: 3, column: 4 }] }];
  await writeFile(report, JSON.stringify({ checker: { nFatal: 0, nError: 1, nWarning: 0 }, messages }));
  throw new CommandFailed('java', '', 'java failed: exit 1');
};

test('build --check: EPUBCheck’s errors fail the build, naming the book, and nothing is written', async () => {
  const root = await project('epubcheck-fails', { 'a.txt': 'A story.\n', 'anthology.yaml': 'title: Checked\ncover: false\nformats: [epub, kepub]\n' });
  const jar = join(root, 'epubcheck.jar');
  await writeFile(jar, '');
  const options = { cwd: root, input: root, out: join(root, 'out'), sourceDateEpoch: 1700000000, formats: ['epub', 'kepub'] };
  const old = await buildAnthology(options);
  const oldBytes = await Promise.all(old.files.map((file) => readFile(file.path)));
  await writeFile(join(root, 'b.txt'), 'Another story.\n');
  await assert.rejects(buildAnthology({ ...options, check: { epubcheckJar: jar }, runCommand: failingEpubcheck }), (error: unknown) => {
    assert.ok(error instanceof OutputError);
    assert.match(error.describe(root), /^out\/checked\.epub: EPUBCheck found an error, so nothing was written: ERROR RSC-005 OEBPS\/toc\.ncx:3:4 Error while parsing file$/);
    return true;
  });
  assert.deepEqual(await Promise.all(old.files.map((file) => readFile(file.path))), oldBytes, 'the old books are as they were');
  assert.deepEqual((await readdir(join(root, 'out'))).sort(), ['.ficbind-cache', 'checked.epub', 'checked.kepub.epub'], 'the old books and the old build’s cache, nothing new');
});

test('build --check without EPUBCheck says how to get it, exit 1', async () => {
  const root = await project('epubcheck-missing', { 'a.txt': 'A story.\n', 'anthology.yaml': 'title: Checked\ncover: false\n' });
  const built = await cli(['build', '--check', '--input', root, '--out', join(root, 'out')], root, { EPUBCHECK_JAR: join(root, 'no-such.jar') });
  assert.equal(built.status, 1);
  const errors = built.lines.filter((line) => !line.startsWith('warning:'));
  assert.equal(errors.length, 1, built.out);
  assert.match(errors[0], /--check needs EPUBCheck.*apt-get install epubcheck.*EPUBCHECK_JAR/);
  await assert.rejects(readdir(join(root, 'out')), { code: 'ENOENT' });
});

test('a book that fails the package check fails the build, naming it, and nothing is written', async () => {
  const root = await project('broken-writer', { 'a.txt': 'A story.\n', 'anthology.yaml': 'title: Broken\ncover: false\n' });
  const { writers } = await import('../src/writers/index.ts');
  const write = writers.epub.write;
  // Stands in for a writer bug: the real book with a nav that is not well-formed.
  writers.epub.write = async (anthology, context) => edited(await write(anthology, context), async (zip) => {
    zip.file('OEBPS/toc.xhtml', (await zip.file('OEBPS/toc.xhtml')!.async('string')).replace('</nav>', ''));
  });
  try {
    await assert.rejects(buildAnthology({ cwd: root, input: root, out: join(root, 'out'), sourceDateEpoch: 1700000000 }), (error: unknown) => {
      assert.ok(error instanceof OutputError);
      assert.match(error.describe(root), /^out\/broken\.epub: ficbind made a broken book, so nothing was written \(a bug in ficbind: please report it\): OEBPS\/toc\.xhtml is not well-formed XML/);
      return true;
    });
  } finally {
    writers.epub.write = write;
  }
  await assert.rejects(readdir(join(root, 'out')), { code: 'ENOENT' });
});

test('ficbind build --check runs EPUBCheck on the EPUB and the KEPUB, and says it found no errors in a good book', async (t) => {
  if (!toolAvailable(t, await epubcheckMissing())) return;
  // The story's title and the anthology's hold characters XML forbids.
  const root = await project('epubcheck-cli', { 'bell.html': controlTitleStory, 'anthology.yaml': 'title: "Checked\\x01"\ncover: false\nformats: [epub, kepub]\n' });
  const built = await cli(['build', '--check', '--input', root, '--out', join(root, 'out')], root, process.env.EPUBCHECK_JAR ? { EPUBCHECK_JAR: process.env.EPUBCHECK_JAR } : {});
  assert.equal(built.status, 0, built.out);
  assert.ok(built.lines.includes('EPUBCheck: no errors in the 2 books it checks (EPUB, KEPUB)'), built.out);
});
