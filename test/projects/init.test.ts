// `ficbind init [DIR]`: anthology.yaml with every setting explained and the stories in build order, a README, never an overwrite.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { runCliIn } from '../helpers/cli-in-process.ts';
import { initProject, schemaReference } from '../../src/init/index.ts';
import { openProject } from '../../src/project.ts';
import { parseConfig } from '../../src/config.ts';
import { anthologySchema } from '../../src/schema/anthology.ts';
import { typographyRules } from '../../src/transforms/index.ts';
import { version } from '../../src/version.ts';
import { unzipEpub } from '../helpers/unzip.ts';

const repo = new URL('../..', import.meta.url).pathname;
let scratch: string;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ficbind-init-'));
});
after(() => rm(scratch, { recursive: true, force: true }));

const ficbind = (cwd: string, ...args: string[]) => runCliIn(cwd, args);

/** Every commented-out setting (`#key: value`, `#  nested: value`) turned on; notes (`# text`) stay notes. */
const uncommented = (yaml: string) => yaml.replace(/^#((?: {2})*)(?=[a-z$-])/gm, '$1');

test('init in a folder of stories: the stories in build order, the title from the folder, the schema on the first line', async () => {
  const folder = join(scratch, 'harbor-lights');
  await mkdir(folder);
  for (const name of ['10-last.txt', '2-second.md', '1-first.txt', 'notes.docx']) await writeFile(join(folder, name), 'A story.\n');
  const result = await initProject(folder);
  assert.deepEqual(result.files, [join(folder, 'anthology.yaml'), join(folder, 'README.md')]);
  const yaml = await readFile(join(folder, 'anthology.yaml'), 'utf8');
  assert.equal(yaml.split('\n')[0], `# yaml-language-server: $schema=https://unpkg.com/ficbind@${version}/schema/anthology.schema.json`);
  const config = parseConfig(yaml, join(folder, 'anthology.yaml'));
  assert.equal(config.title, 'Harbor Lights');
  assert.deepEqual(config.stories, (await openProject({ cwd: folder, config: false })).stories);
  assert.deepEqual(result.stories, ['1-first.txt', '2-second.md', '10-last.txt']);
  assert.match(await readFile(join(folder, 'README.md'), 'utf8'), /^# Harbor Lights\n/);
  assert.equal((await initProject(join(scratch, 'Vol. 2'))).title, 'Vol. 2', 'a dot in a folder name is no extension');
  assert.equal((await initProject(join(scratch, 'x'), { title: 'Tales: Told' })).title, 'Tales: Told');
  assert.match(await readFile(join(scratch, 'x', 'anthology.yaml'), 'utf8'), /^title: "Tales: Told"$/m);
});

test('every key of anthology.yaml and every typography rule is in the file, set or commented, and all of it is valid when turned on', async () => {
  const folder = join(scratch, 'empty');
  await initProject(folder);
  const yaml = await readFile(join(folder, 'anthology.yaml'), 'utf8');
  for (const key of Object.keys(anthologySchema.shape).filter((key) => key !== '$schema')) assert.match(yaml, new RegExp(`^#?${key}:`, 'm'), `key ${key}`);
  for (const rule of typographyRules) assert.match(yaml, new RegExp(`^#  ${rule.id}: `, 'm'), `rule ${rule.id}`);
  assert.match(yaml, /^#stories:/m, 'no stories yet: the list is an example, so every story put in the folder is read');
  for (const line of yaml.split('\n').filter((line) => line.startsWith('# '))) assert.ok(line.length <= 120, `note line too long: ${line}`);

  const everything = uncommented(yaml);
  assert.doesNotThrow(() => parseConfig(everything, join(folder, 'anthology.yaml')));
  const schema = JSON.parse(await readFile(join(repo, 'schema', 'anthology.schema.json'), 'utf8'));
  const validate = new Ajv({ strict: false }).compile(schema);
  assert.ok(validate(parse(everything)), JSON.stringify(validate.errors));
});

test('init, then stories copied in, then `ficbind build` with no flags: a book in ./out/ (README.md is not a story)', async () => {
  const folder = join(scratch, 'Night Roads');
  const init = await ficbind(scratch, 'init', 'Night Roads');
  assert.equal(init.status, 0, init.out);
  assert.equal(init.out, 'Created Night Roads/anthology.yaml and Night Roads/README.md for "Night Roads"\nNext: put your stories in the folder, then run `ficbind build` in Night Roads.');
  await cp(join(repo, 'test', 'command', 'inputs', 'porch.txt'), join(folder, 'porch.txt'));
  const build = await ficbind(folder, 'build');
  assert.equal(build.status, 0, build.out);
  assert.match(build.out, /^Built "Night Roads": 1 story, /);
  const book = await unzipEpub(await readFile(join(folder, 'out', 'night-roads.epub')));
  const text = [...(await book.xhtmlDocuments()).values()].join('\n');
  assert.match(text, /Y’all comin’ in or not\?/);
  assert.doesNotMatch(text, /put your stories in|Settings<\/strong> are in/, 'the README is not in the book');
});

test('init never overwrites: an existing anthology.yaml or README.md is named, exit 1, and nothing is written', async () => {
  const folder = join(scratch, 'taken');
  await mkdir(folder);
  await writeFile(join(folder, 'README.md'), 'mine\n');
  const refused = await ficbind(scratch, 'init', 'taken');
  assert.equal(refused.status, 1);
  assert.equal(refused.out, 'ficbind: taken/README.md: already exists; ficbind init never overwrites a file');
  assert.deepEqual(await readdir(folder), ['README.md']);
  assert.equal(await readFile(join(folder, 'README.md'), 'utf8'), 'mine\n');

  await rm(join(folder, 'README.md'));
  await writeFile(join(folder, 'anthology.yaml'), 'title: Mine\n');
  const again = await ficbind(folder, 'init');
  assert.equal(again.out, 'ficbind: anthology.yaml: already exists; ficbind init never overwrites a file');
  assert.deepEqual(await readdir(folder), ['anthology.yaml']);

  await writeFile(join(scratch, 'a-file'), '');
  assert.equal((await ficbind(scratch, 'init', 'a-file')).out, 'ficbind: a-file: not a folder');
});

test('the schema line points into node_modules when ficbind is installed in the project, else at this version online', async () => {
  const project = join(scratch, 'local', 'books', 'mine');
  await mkdir(project, { recursive: true });
  assert.equal(schemaReference(project), `https://unpkg.com/ficbind@${version}/schema/anthology.schema.json`);
  await mkdir(join(scratch, 'local', 'node_modules', 'ficbind', 'schema'), { recursive: true });
  await writeFile(join(scratch, 'local', 'node_modules', 'ficbind', 'schema', 'anthology.schema.json'), '{}');
  assert.equal(schemaReference(project), '../../node_modules/ficbind/schema/anthology.schema.json');
  assert.equal(schemaReference(join(scratch, 'local')), './node_modules/ficbind/schema/anthology.schema.json');
  assert.ok(!existsSync(join(project, 'anthology.yaml')));
});
