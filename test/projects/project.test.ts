// Any folder is a project: `ficbind build` with no flags, anthology.yaml found from here upwards, and check/fix set as build sets.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliIn } from '../helpers/cli-in-process.ts';
import { findConfig, openProject } from '../../src/project.ts';
import { bundledThemesFolder } from '../../src/themes/index.ts';

let scratch: string;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ficbind-project-'));
});
after(() => rm(scratch, { recursive: true, force: true }));

const ficbind = (cwd: string, ...args: string[]) => runCliIn(cwd, args);

/** A folder with the given files (name → text). */
async function folderWith(name: string, files: Record<string, string>): Promise<string> {
  const folder = join(scratch, name);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(join(folder, file, '..'), { recursive: true });
    await writeFile(join(folder, file), text);
  }
  return folder;
}

const story = (title: string) => `---\ntitle: ${title}\nauthor: Ann Lee\n---\n"Come home," she said. It was late--too late.\n`;

test('`ficbind build` with no flags builds the folder it runs in into ./out/, twice alike (out/ and README.md are never stories)', async () => {
  const project = await folderWith('Night Roads', { '10-last.txt': story('Last'), '2-second.txt': story('Second'), '1-first.md': story('First'), 'README.md': '# Notes\n' });
  const first = await ficbind(project, 'build');
  assert.equal(first.status, 0, first.out);
  assert.match(first.out, /^Built "Night Roads": 3 stories, /);
  assert.match(first.out, /^ {2}out\/night-roads\.epub {2}/m);
  const second = await ficbind(project, 'build');
  assert.match(second.out, /^Built "Night Roads": 3 stories, /);
  const opened = await openProject({ cwd: project });
  assert.deepEqual(
    opened.stories.map((path) => path.slice(project.length + 1)),
    ['1-first.md', '2-second.txt', '10-last.txt'],
  );
});

test('anthology.yaml is found in the current folder or the nearest above it; its input defaults to its own folder', async () => {
  const project = await folderWith('harbor', {
    'anthology.yaml': 'title: Harbor Lights\nlanguage: en-GB\n',
    'one.txt': story('One'),
    'two.txt': story('Two'),
    'drafts/notes.txt': 'not in the book\n',
  });
  assert.equal(findConfig(join(project, 'drafts')), join(project, 'anthology.yaml'));
  const fromSubfolder = await openProject({ cwd: join(project, 'drafts') });
  assert.equal(fromSubfolder.config.title, 'Harbor Lights');
  assert.equal(fromSubfolder.input, project);
  assert.deepEqual(fromSubfolder.stories, [join(project, 'one.txt'), join(project, 'two.txt')]);

  // --config without input: reads the config's folder, never seeds/ or the current folder.
  const elsewhere = await folderWith('elsewhere', {});
  const built = await ficbind(elsewhere, 'build', '--config', join(project, 'anthology.yaml'));
  assert.equal(built.status, 0, built.out);
  assert.match(built.out, /^Built "Harbor Lights": 2 stories, /);
  assert.deepEqual((await readdir(join(elsewhere, 'out'))).sort(), ['.ficbind-cache', 'harbor-lights.epub', 'harbor-lights.jpg']);
});

test('a folder with neither stories nor anthology.yaml says so, naming the folder; nothing is written', async () => {
  const empty = await folderWith('empty', { 'notes.docx': '' });
  const result = await ficbind(empty, 'build');
  assert.equal(result.status, 1);
  assert.match(result.out, /^ficbind: \.: no stories here \(expected files ending \.txt, .*, or an anthology\.yaml listing them\)$/);
  assert.deepEqual(await readdir(empty), ['notes.docx']);
});

test('check and fix read the project’s anthology.yaml: French rules in a `language: fr` project, typography rules turned off', async () => {
  const french = await folderWith('recueil', { 'anthology.yaml': 'language: fr\n', 'histoire.txt': 'Il a dit "bonjour" -- puis il est parti.\n' });
  const fixed = await ficbind(scratch, 'fix', join(french, 'histoire.txt'));
  assert.equal(fixed.out, 'Il a dit «\u202fbonjour\u202f»\u00a0\u2013 puis il est parti.', 'guillemets, narrow no-break spaces, a spaced en dash');
  const english = await ficbind(scratch, 'fix', '--language', 'en', join(french, 'histoire.txt'));
  assert.equal(english.out, 'Il a dit “bonjour”—puis il est parti.', 'a flag wins over the config');

  const plain = await folderWith('plain', { 'anthology.yaml': 'typography:\n  quotes: false\n', 'story.txt': 'She said "no."\n' });
  assert.equal((await ficbind(scratch, 'fix', join(plain, 'story.txt'))).out, 'She said "no."');
  assert.equal((await ficbind(scratch, 'fix', '--config', join(french, 'anthology.yaml'), join(plain, 'story.txt'))).out, 'She said «\u202fno.\u202f»');
});

test('`ficbind check` with no paths checks the stories build would read, shown relative to the current folder', async () => {
  const project = await folderWith('checked', { 'anthology.yaml': 'stories: [b.txt]\n', 'a.txt': 'Fine.\n', 'b.txt': 'He said , "hi" .\n' });
  const result = await ficbind(project, 'check');
  assert.equal(result.status, 0, result.out);
  assert.match(result.out, /^b\.txt:1:8 {2}warning {2}Unexpected space before `,`/m);
  assert.doesNotMatch(result.out, /^a\.txt/m);
});

test('`ficbind themes` in a subfolder lists the themes of the project it belongs to', async () => {
  const project = await folderWith('themed', { 'anthology.yaml': 'theme: zine\n', 'one.txt': story('One'), 'drafts/.keep': '' });
  const classic = join(bundledThemesFolder, 'classic');
  await cp(classic, join(project, 'templates', 'zine'), { recursive: true });
  const manifest = JSON.parse(await readFile(join(classic, 'theme.json'), 'utf8'));
  await writeFile(join(project, 'templates', 'zine', 'theme.json'), JSON.stringify({ ...manifest, name: 'zine', description: 'Photocopied.' }));
  const listed = await ficbind(join(project, 'drafts'), 'themes');
  assert.match(listed.out, /^zine +Photocopied\. {2}\(\.\.\/templates\/zine\)$/m);
});

test('books built into the folder of stories (`--out .`) are not read back as stories by the next build', async () => {
  const project = await folderWith('same-folder', { 'one.txt': story('One'), 'two.txt': story('Two') });
  for (let run = 0; run < 2; run++) {
    const built = await ficbind(project, 'build', '--out', '.', '--format', 'epub,kepub');
    assert.equal(built.status, 0, built.out);
    assert.match(built.out, /^Built "Same Folder": 2 stories, /);
  }
  assert.deepEqual((await readdir(project)).sort(), ['.ficbind-cache', 'one.txt', 'same-folder.epub', 'same-folder.jpg', 'same-folder.kepub.epub', 'two.txt']);
});
