// Rebuild times inside one process, as `ficbind watch` and the studio rebuild: the compiled library builds a project once, then again after each one-story change and unchanged. Prints JSON.
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { input: { type: 'string' }, out: { type: 'string' }, changing: { type: 'string' }, runs: { type: 'string', default: '5' } } });
const { buildAnthology } = (await import(new URL('../dist/index.js', import.meta.url).href)) as typeof import('../src/index.ts');
const options = { input: values.input!, out: values.out!, sourceDateEpoch: 0 };
const original = await readFile(values.changing!);
const timed = async () => {
  const started = performance.now();
  await buildAnthology(options);
  return (performance.now() - started) / 1000;
};

await timed();
const oneChanged: number[] = [];
const unchanged: number[] = [];
for (let run = 1; run <= Number(values.runs); run++) {
  await appendFile(values.changing!, `\n\nOne more line, run ${run}.\n`);
  oneChanged.push(await timed());
  await writeFile(values.changing!, original);
  await timed();
  unchanged.push(await timed());
}
process.stdout.write(JSON.stringify({ oneChanged, unchanged }));
