// ficbind as a user gets it: the packed tarball installed into an empty project, run with npx, imported from plain Node, type-checked by a TypeScript consumer.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { toolAvailable } from './helpers/external-tools.ts';
import { unzipEpub } from './helpers/unzip.ts';

const run = promisify(execFile);
const repo = new URL('..', import.meta.url).pathname;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
/** Children run as a user's shell would: no tsx loader inherited from the test runner. */
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_OPTIONS' && !name.startsWith('npm_')));

interface PackedFile {
  path: string;
}

let packed: { tarball: string; files: string[] };
let project: string;
/** Why the scratch install could not be done here (npm's cache lacks a package), or undefined. */
let installMissing: string | undefined;

before(async () => {
  if (!existsSync(join(repo, 'dist', 'index.js'))) throw new Error('dist/ is missing: `npm test` compiles it first (npm run compile)');
  const scratch = await mkdtemp(join(tmpdir(), 'ficbind-package-'));
  // dist/ was just compiled by `npm test`; --ignore-scripts keeps pack from compiling it a second time.
  const { stdout } = await run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { cwd: repo, env, maxBuffer: 16 * 1024 * 1024 });
  const [report] = JSON.parse(stdout) as { filename: string; files: PackedFile[] }[];
  packed = { tarball: join(scratch, report.filename), files: report.files.map((file) => file.path) };

  project = join(scratch, 'project');
  await mkdir(join(project, 'stories'), { recursive: true });
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module', dependencies: { ficbind: `file:${packed.tarball}` } }, null, 2));
  await writeFile(join(project, 'package-lock.json'), JSON.stringify(await consumerLock(packed.tarball), null, 2));
  try {
    // Offline: the packages come from npm's cache, which `npm ci` in this clone filled; tests never use the network.
    await run(npm, ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: project, env, timeout: 180_000 });
  } catch (error) {
    const message = (error as { stderr?: string }).stderr ?? (error as Error).message;
    if (!/ENOTCACHED/.test(message)) throw error;
    installMissing = `npm's cache lacks a dependency, so the tarball cannot be installed offline (run npm ci in the clone first): ${message.split('\n')[0]}`;
  }
});

/**
 * The lock file a new project gets when it installs the tarball: ficbind itself, and its runtime dependencies at the
 * versions of this clone's lock (their registry addresses written out, since npm 11 leaves them out of the lock).
 */
async function consumerLock(tarball: string) {
  const ours = JSON.parse(await readFile(join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> };
  const manifest = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')) as Record<string, unknown>;
  const packages: Record<string, Record<string, unknown>> = {
    '': { name: 'scratch', dependencies: { ficbind: `file:${tarball}` } },
    'node_modules/ficbind': { version: manifest.version, resolved: `file:${tarball}`, dependencies: manifest.dependencies, bin: manifest.bin, engines: manifest.engines },
  };
  for (const [path, entry] of Object.entries(ours.packages)) {
    if (path === '' || entry.dev || entry.link) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    packages[path] = { resolved: `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${entry.version}.tgz`, ...entry };
  }
  return { name: 'scratch', lockfileVersion: 3, requires: true, packages };
}

function installed(t: { skip(reason: string): void }): boolean {
  return toolAvailable(t as never, installMissing);
}

test('the tarball ships compiled code, types, themes, covers, README and LICENSE, and no tests or TypeScript sources', () => {
  for (const needed of ['LICENSE', 'README.md', 'package.json', 'bin/ficbind.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli.js', 'templates/classic/theme.json', 'covers/typographic.svg', 'schema/anthology.schema.json', 'schema/theme.schema.json', 'studio/index.html', 'studio/app.js']) {
    assert.ok(packed.files.includes(needed), `${needed} is in the tarball`);
  }
  const unwanted = packed.files.filter((path) => path.startsWith('test/') || path.startsWith('src/') || /\.test\.|(^|\/)fixtures\//.test(path) || (path.endsWith('.ts') && !path.endsWith('.d.ts')));
  assert.deepEqual(unwanted, []);
  assert.ok(packed.files.length < 600, `${packed.files.length} files`);
});

test('installed into an empty project, nothing in its tree is tsx or needs it', (t) => {
  if (!installed(t)) return;
  const modules = join(project, 'node_modules');
  assert.ok(existsSync(join(modules, 'ficbind', 'dist', 'index.js')));
  const names = readdirSync(modules, { recursive: true }).map(String).filter((path) => path.endsWith('package.json'));
  assert.deepEqual(names.filter((path) => /(^|\/)tsx\/package\.json$/.test(path)), []);
  const manifest = createRequire(join(modules, 'ficbind', 'package.json'))('./package.json') as { bin: Record<string, string> };
  assert.equal(manifest.bin.ficbind, 'bin/ficbind.js');
});

test('npx ficbind init, then build with no flags in the folder of stories: a valid EPUB in ./out/', async (t) => {
  if (!installed(t)) return;
  const stories = join(project, 'stories');
  await writeFile(join(stories, '01-the-ferry.txt'), 'The ferry was late again.\n\n"Don\'t wait up," she said -- and didn\'t look back...\n');
  await writeFile(join(stories, '02-harbor.md'), '---\ntitle: Harbor\nauthor: A. Writer\n---\n\nThe *harbor* lights came on, one by one.\n');
  const inFolder = { cwd: stories, env: { ...env, SOURCE_DATE_EPOCH: '0' } };
  await run(npx, ['--no-install', 'ficbind', 'init'], inFolder);
  assert.match(await readFile(join(stories, 'anthology.yaml'), 'utf8'), /^# yaml-language-server: \$schema=\S*node_modules\/ficbind\/schema\/anthology\.schema\.json\n[\s\S]*^title: Stories$[\s\S]*^ {2}- 01-the-ferry\.txt$/m);
  assert.ok(existsSync(join(project, 'node_modules', 'ficbind', 'schema', 'anthology.schema.json')), 'the schema init points at is installed');
  const { stdout } = await run(npx, ['--no-install', 'ficbind', 'build'], inFolder);
  assert.match(stdout, /^Built "Stories": 2 stories/);
  const book = join(stories, 'out', 'stories.epub');
  const epub = await unzipEpub(new Uint8Array(await readFile(book)));
  assert.match(await epub.text('OEBPS/content.opf'), /<dc:title id="title">Stories<\/dc:title>/);
  // The build checked its package before writing it (every manifest file present, every document well-formed): a theme,
  // font or cover the tarball lacks fails it. EPUBCheck's own verdict on the same code is build.test.ts's.
  assert.ok(epub.names.some((name) => name.endsWith('.woff2') || name.endsWith('.ttf') || name.endsWith('.otf')), 'the theme’s fonts are embedded');
});

test('plain Node imports the library from a .mjs file', async (t) => {
  if (!installed(t)) return;
  await writeFile(
    join(project, 'use.mjs'),
    `import { loadStoryFromBytes, typographyRules, version } from 'ficbind';
const story = loadStoryFromBytes(new TextEncoder().encode('"Well..." he said.'), 'x.txt', { language: 'en' });
console.log(JSON.stringify({ version, rules: typographyRules.length > 5, words: story.meta.words }));
`,
  );
  const { stdout } = await run(process.execPath, ['use.mjs'], { cwd: project, env });
  const manifest = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')) as { version: string };
  assert.deepEqual(JSON.parse(stdout), { version: manifest.version, rules: true, words: 3 });
});

test('the installed package serves the studio: its page, Preact, htm and foliate-js from node_modules, and a preview', async (t) => {
  if (!installed(t)) return;
  const folder = join(project, 'studio-project');
  await mkdir(folder);
  await writeFile(join(folder, 'story.txt'), 'The Lamp\n\nThe lamp turned all night.\n');
  await writeFile(
    join(project, 'studio.mjs'),
    `import { startStudio } from 'ficbind';
const studio = await startStudio({ folder: ${JSON.stringify(folder)} });
await studio.settled();
const statuses = {};
for (const path of ['/', '/app/app.js', '/app/preview.js', '/vendor/preact.mjs', '/vendor/preact-hooks.mjs', '/vendor/htm.mjs', '/foliate/view.js', '/foliate/paginator.js', '/preview.epub']) {
  statuses[path] = (await fetch('http://127.0.0.1:' + studio.port + path, { headers: { 'X-Ficbind-Token': studio.token } })).status;
}
await studio.close();
console.log(JSON.stringify(statuses));
`,
  );
  const { stdout } = await run(process.execPath, ['studio.mjs'], { cwd: project, env, timeout: 120_000 });
  const statuses = JSON.parse(stdout) as Record<string, number>;
  assert.deepEqual(Object.entries(statuses).filter(([, status]) => status !== 200), []);
});

test('a TypeScript consumer type-checks with tsc --module nodenext --strict and no errors', async (t) => {
  if (!installed(t)) return;
  await writeFile(
    join(project, 'use.ts'),
    `import { buildAnthology, loadStoryFromBytes, type BuildResult, type Story, type AnthologyConfig } from 'ficbind';
export async function wordsIn(folder: string): Promise<number> {
  const result: BuildResult = await buildAnthology({ input: folder, out: 'out', formats: ['epub'] });
  const story: Story = loadStoryFromBytes(new TextEncoder().encode('Hi.'), 'hi.txt', { language: 'en' });
  const config: AnthologyConfig | undefined = undefined;
  return result.words + story.meta.words + (config ? 1 : 0);
}
`,
  );
  const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
  const checked = await run(process.execPath, [tsc, '--module', 'nodenext', '--target', 'es2022', '--strict', '--noEmit', 'use.ts'], { cwd: project, env }).catch((error: { stdout: string }) => error);
  assert.equal(checked.stdout.trim(), '', 'tsc reports nothing');
});
