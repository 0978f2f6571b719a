import { loadStoryFromBytes } from './dist/index.js';
import { readFileSync, readdirSync } from 'node:fs';
const dir = process.argv[2]; const files = readdirSync(dir).sort().map((f) => [dir + '/' + f, readFileSync(dir + '/' + f)]);
const round = () => { const t = performance.now(); for (const [p, b] of files) loadStoryFromBytes(b, p, { language: 'en' }); return performance.now() - t; };
console.log('cold round', round().toFixed(0)); for (let i = 0; i < 3; i++) console.log('warm round', round().toFixed(0));
