// Interrupted builds: temp files have a recognizable name and the next build removes a killed build's; --out naming a file says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAnthology } from '../src/build.ts';
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
