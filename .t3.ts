import { mkdtemp, writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildAnthology } from './src/build.ts';
const folder = await mkdtemp('/tmp/scr/p-');
await writeFile(join(folder,'anthology.yaml'), 'title: T\neditor: E\nlanguage: en\nstories: [story.md]\nformats: [pdf]\ncover: false\n');
await writeFile(join(folder,'story.md'), '---\ntitle: S\n---\n\nShe wrote مرحبا بالعالم on the first page. And بب and ب and שלום עולם.\n');
const r = await buildAnthology({ cwd: folder, out: join(folder,'out'), sourceDateEpoch: 1e9, cache: false });
console.log(r.files[0].path);
