import { loadStoryFromBytes } from './dist/index.js';
import { serialize, deserialize } from 'node:v8';
import { readFileSync, readdirSync } from 'node:fs';
const dir = process.argv[2]; const files = readdirSync(dir).sort().map((f) => [dir + '/' + f, readFileSync(dir + '/' + f)]);
const stories = files.map(([p, b]) => loadStoryFromBytes(b, p, { language: 'en' }));
for (let r = 0; r < 3; r++) {
  let t = performance.now(); const bytes = stories.map((s) => serialize(s.tree)); const ser = performance.now() - t;
  t = performance.now(); for (const b of bytes) deserialize(b); const de = performance.now() - t;
  console.log('serialize', ser.toFixed(0), 'deserialize', de.toFixed(0), 'MB', (bytes.reduce((a, b) => a + b.length, 0) / 1048576).toFixed(1));
}
