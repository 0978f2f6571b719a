// The real-story cases: ../shared/seeds copied N times, built by ficbind's CLI (cold, from the cache, one story changed; EPUB, +KEPUB, PDF) and by pandoc, interleaved, with the targets.
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { median, timeProcess, type ProcessRun } from './measure.ts';

export interface RealCase {
  name: string;
  stories: number;
  seconds: number;
  peakRss?: number;
  /** Against pandoc on the same stories in the same run. */
  timesPandoc?: number;
  target?: { text: string; met: boolean };
}

export interface RealCorpusOptions {
  repoRoot: string;
  seeds: string;
  scratch: string;
  /** Copies of the seed stories for the main cases (3 seeds × 100 = 300 stories). */
  copies: number;
  /** Interleaved repetitions of the main cases. */
  runs: number;
  /** Story counts for the scaling rows (each built once, cold). */
  scaling: number[];
  log: (message: string) => void;
}

/** Writes `count` stories cycling through the seed files, named so their order is the seeds' order repeated. */
async function writeCorpus(seeds: string, folder: string, count: number): Promise<string[]> {
  const names = (await readdir(seeds)).filter((name) => name.endsWith('.txt')).sort();
  await mkdir(folder, { recursive: true });
  const written: string[] = [];
  for (let index = 0; index < count; index++) {
    const name = `${String(index + 1).padStart(5, '0')}-${names[index % names.length]}`;
    await cp(join(seeds, names[index % names.length]), join(folder, name));
    written.push(join(folder, name));
  }
  return written;
}

export async function measureRealCorpus(options: RealCorpusOptions): Promise<RealCase[]> {
  const { repoRoot, scratch, log } = options;
  const cli = join(repoRoot, 'bin', 'ficbind.js');
  const env = { ...process.env, SOURCE_DATE_EPOCH: '0' };
  const stories = join(scratch, 'real-stories');
  const files = await writeCorpus(options.seeds, stories, options.copies * 3);
  const build = (out: string, ...flags: string[]) => timeProcess(process.execPath, [cli, 'build', '--quiet', '--input', stories, '--out', join(scratch, out), ...flags], { env });
  const checked = (run: ProcessRun, what: string) => {
    if (run.exitCode !== 0) throw new Error(`${what}: exit status ${run.exitCode}: ${run.stderr.trim().split('\n').at(-1)}`);
    return run;
  };
  // pandoc reads the same files as Markdown with smart punctuation, one book, as a user would make it.
  const pandoc = () => timeProcess('pandoc', ['--from', 'markdown+smart', '--to', 'epub3', '--metadata', 'title=Stories', '--output', join(scratch, 'pandoc.epub'), ...files.map((file) => file.slice(stories.length + 1))], { cwd: stories, env });

  const series: Record<string, { seconds: number[]; rss: number[] }> = {};
  const record = (name: string, run: ProcessRun) => {
    series[name] ??= { seconds: [], rss: [] };
    series[name].seconds.push(run.seconds);
    if (run.peakRss !== undefined) series[name].rss.push(run.peakRss);
  };
  const changing = files[Math.floor(files.length / 2)];
  const original = await readFile(changing, 'utf8');
  for (let run = 1; run <= options.runs; run++) {
    await rm(join(scratch, 'cached'), { recursive: true, force: true });
    record('pandoc', checked(await pandoc(), 'pandoc'));
    record('EPUB, cold (no cache)', checked(await build('cold', '--no-cache'), 'cold build'));
    record('EPUB, cold, one worker thread (--workers 1)', checked(await build('cold-worker', '--no-cache', '--workers', '1'), 'one-worker build'));
    checked(await build('cached'), 'cache fill');
    record('EPUB, unchanged project (cache)', checked(await build('cached'), 'unchanged rebuild'));
    await writeFile(changing, `${original}\n\nOne more line, run ${run}.\n`);
    record('EPUB, one story changed (cache)', checked(await build('cached'), 'one-story rebuild'));
    await writeFile(changing, original);
    record('EPUB + KEPUB, cold', checked(await build('kepub', '--no-cache', '--format', 'epub,kepub'), 'KEPUB build'));
    record('PDF, cold', checked(await build('pdf', '--no-cache', '--format', 'pdf'), 'PDF build'));
    log(`real stories: run ${run}/${options.runs}`);
  }
  // The same changes inside one process, as `ficbind watch` and the studio rebuild: no start-up, code already compiled.
  log('real stories: rebuilds inside one process (watch, studio)…');
  const inProcess = checked(
    await timeProcess(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench', 'in-process-rebuilds.ts'), '--input', stories, '--out', join(scratch, 'in-process'), '--changing', changing, '--runs', String(Math.max(3, options.runs))], { cwd: repoRoot, env }),
    'in-process rebuilds',
  );
  const rebuilds = JSON.parse(inProcess.stdout) as { oneChanged: number[]; unchanged: number[] };
  series['EPUB, unchanged project, in one process (watch, studio)'] = { seconds: rebuilds.unchanged, rss: [] };
  series['EPUB, one story changed, in one process (watch, studio)'] = { seconds: rebuilds.oneChanged, rss: [] };
  const seconds = (name: string) => median(series[name].seconds);
  const pandocSeconds = seconds('pandoc');
  const cold = seconds('EPUB, cold (no cache)');
  const targets: Record<string, (s: number) => { text: string; met: boolean }> = {
    'EPUB, cold (no cache)': (s) => ({ text: '≤ 0.20× pandoc', met: s <= 0.2 * pandocSeconds }),
    'EPUB, unchanged project (cache)': (s) => ({ text: '< 10% of cold', met: s < 0.1 * cold }),
    'EPUB, one story changed (cache)': (s) => ({ text: '≤ 10% of cold', met: s <= 0.1 * cold }),
    'EPUB, unchanged project, in one process (watch, studio)': (s) => ({ text: '< 10% of cold', met: s < 0.1 * cold }),
    'EPUB, one story changed, in one process (watch, studio)': (s) => ({ text: '≤ 10% of cold', met: s <= 0.1 * cold }),
    'EPUB + KEPUB, cold': (s) => ({ text: '≤ 1.2× EPUB', met: s <= 1.2 * cold }),
    'PDF, cold': (s) => ({ text: '≤ 3× EPUB', met: s <= 3 * cold }),
  };
  const cases: RealCase[] = Object.keys(series).map((name) => ({
    name,
    stories: files.length,
    seconds: seconds(name),
    peakRss: series[name].rss.length ? median(series[name].rss) : undefined,
    timesPandoc: name === 'pandoc' ? undefined : seconds(name) / pandocSeconds,
    target: targets[name]?.(seconds(name)),
  }));

  for (const count of options.scaling) {
    const folder = join(scratch, `scale-${count}`);
    await rm(folder, { recursive: true, force: true });
    const scaled = await writeCorpus(options.seeds, folder, count);
    const run = checked(
      await timeProcess(process.execPath, [cli, 'build', '--quiet', '--no-cache', '--input', folder, '--out', join(scratch, `scale-out-${count}`)], { env }),
      `${count}-story build`,
    );
    const small = count <= 30 ? checked(await timeProcess('pandoc', ['--from', 'markdown+smart', '--to', 'epub3', '--metadata', 'title=S', '--output', join(scratch, `p${count}.epub`), ...scaled.map((file) => file.slice(folder.length + 1))], { cwd: folder, env }), 'pandoc') : undefined;
    cases.push({
      name: `EPUB, cold, ${count} stories`,
      stories: count,
      seconds: run.seconds,
      peakRss: run.peakRss,
      timesPandoc: small ? run.seconds / small.seconds : undefined,
      target: small ? { text: '≤ pandoc', met: run.seconds <= small.seconds } : count >= 300 ? { text: 'peak ≤ 150 MB', met: (run.peakRss ?? Infinity) <= 150 * 1024 * 1024 } : undefined,
    });
    log(`real stories: ${count} built in ${run.seconds.toFixed(2)} s`);
    await rm(folder, { recursive: true, force: true });
  }
  return cases;
}

export function formatRealCorpus(cases: RealCase[], runs: number): string {
  const header = [`real stories (../shared/seeds repeated; median of ${runs}, interleaved)`, 'stories', 'wall s', 'vs pandoc', 'peak RSS', 'target'];
  const rows = cases.map((c) => [
    c.name,
    String(c.stories),
    c.seconds.toFixed(2),
    c.timesPandoc === undefined ? '' : `${c.timesPandoc.toFixed(2)}×`,
    c.peakRss === undefined ? '–' : `${Math.round(c.peakRss / 1024 / 1024)} MB`,
    c.target ? `${c.target.met ? 'met' : 'MISSED'} (${c.target.text})` : '',
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 || column === 5 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
