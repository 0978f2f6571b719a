// `npm run bench`: start-up figures beside `node -e 0`, then a seeded synthetic corpus built with ficbind (library and CLI) and with pandoc, compared.
import { readdir, stat, mkdtemp, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeCorpus, type WrittenCorpus } from './corpus.ts';
import { median, peakRssOfThisProcess, timeCall, timeProcess, versionOf } from './measure.ts';
import { formatStartup, measureStartup } from './startup.ts';
import { formatStudioPreview, measureStudioPreview } from './studio-preview.ts';
import { formatRealCorpus, measureRealCorpus, type RealCase } from './real-corpus.ts';
import { existsSync } from 'node:fs';
import { formatTable, ratiosAgainstPandoc, toJson, type BenchResults, type Measurement, type Skipped } from './report.ts';

const usage = `Usage: npm run bench -- [options]

Times ficbind's start-up (--version, --help, a one-story build) against bare Node, then an EPUB build of a
synthetic corpus with ficbind and with pandoc (markdown+smart to EPUB 3). Run \`npm run compile\` first: the CLI
figures are for the compiled package.

Options:
  --startup-runs N  Interleaved runs of each start-up case; medians are reported [number, default: 10]
  --startup-only    Measure start-up only
  --studio-only     Measure only the studio's edit → preview time on the sample anthology (5 edits)
  --real-copies N   Copies of ../shared/seeds' three stories for the real-story cases [number, default: 100]
  --real-runs N     Interleaved runs of the real-story cases [number, default: 3]
  --scaling LIST    Story counts built once each, cold, for scaling [default: 30,300,3000; add 10000 for the full table]
  --stories N  Stories in the corpus, about 1,270 words each [number, default: 300]
  --seed S     Seed of the corpus generator; the same seed gives the same corpus [number, default: 1]
  --runs N     Timed library builds after one warm-up; the median is reported [number, default: 3]
  --json       Print the results as JSON on stdout (progress still goes to stderr)
  --typography Measure quotes and apostrophes on the development set (bench/typography/) instead: paragraphs right
               from dumbed input, marks right per class, paragraphs unchanged from typeset input, for ficbind and
               for pandoc, calibre and retext-smartypants when installed
  --examples N With --typography: print up to N of ficbind's wrong paragraphs per book [number, default: 0]
  --ficbind-only  With --typography: leave the peers out
  --book NAME  With --typography: only the books whose repository name holds NAME
  --help       Show this help`;

interface BenchOptions {
  stories: number;
  seed: number;
  runs: number;
  startupRuns: number;
  startupOnly: boolean;
  studioOnly: boolean;
  realCopies: number;
  realRuns: number;
  scaling: number[];
  json: boolean;
  typography: boolean;
  examples: number;
  ficbindOnly: boolean;
  book?: string;
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const log = (message: string) => process.stderr.write(`${message}\n`);

class UsageError extends Error {}

function parseOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      stories: { type: 'string', default: '300' },
      seed: { type: 'string', default: '1' },
      runs: { type: 'string', default: '3' },
      'startup-runs': { type: 'string', default: '10' },
      'startup-only': { type: 'boolean', default: false },
      'studio-only': { type: 'boolean', default: false },
      'real-copies': { type: 'string', default: '100' },
      'real-runs': { type: 'string', default: '3' },
      scaling: { type: 'string', default: '30,300,3000' },
      json: { type: 'boolean', default: false },
      typography: { type: 'boolean', default: false },
      examples: { type: 'string', default: '0' },
      'ficbind-only': { type: 'boolean', default: false },
      book: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  return {
    stories: wholeNumber(values.stories, '--stories', 1),
    seed: wholeNumber(values.seed, '--seed', 0, 2 ** 32 - 1),
    runs: wholeNumber(values.runs, '--runs', 1),
    startupRuns: wholeNumber(values['startup-runs'], '--startup-runs', 1),
    startupOnly: values['startup-only'],
    studioOnly: values['studio-only'],
    realCopies: wholeNumber(values['real-copies'], '--real-copies', 1),
    realRuns: wholeNumber(values['real-runs'], '--real-runs', 1),
    scaling: values.scaling.split(',').filter(Boolean).map((count) => wholeNumber(count.trim(), '--scaling', 1)),
    json: values.json,
    typography: values.typography,
    examples: wholeNumber(values.examples, '--examples', 0),
    ficbindOnly: values['ficbind-only'],
    book: values.book,
  };
}

function wholeNumber(text: string, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} expects a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ' up'}, got "${text}"`);
  }
  return value;
}

/** One warm-up build, then `runs` timed ones, all in this process. */
async function benchLibrary(corpus: WrittenCorpus, outDir: string, runs: number): Promise<Measurement> {
  const { buildAnthology } = await import('../src/build.ts');
  // No cache: every timed build reads, typesets and lays out the whole corpus.
  const options = { input: corpus.textDir, out: outDir, sourceDateEpoch: 0, cache: false };
  log('ficbind library: warm-up build…');
  const warmUp = await buildAnthology(options);
  const built = warmUp.anthology.stories.length;
  if (built !== corpus.stories.length) throw new Error(`built ${built} stories, expected ${corpus.stories.length}`);
  const seconds: number[] = [];
  for (let run = 1; run <= runs; run++) {
    seconds.push((await timeCall(() => buildAnthology(options))).seconds);
    log(`ficbind library: run ${run}/${runs}: ${seconds[run - 1].toFixed(2)} s`);
  }
  return {
    tool: 'ficbind',
    how: runs === 1 ? 'library, 1 run' : `library, median of ${runs}`,
    runs: seconds,
    seconds: median(seconds),
    outputBytes: warmUp.files.find((file) => file.format === 'epub')?.bytes,
    peakRss: peakRssOfThisProcess(),
  };
}

/** `node bin/ficbind.js build` once, process start included. */
async function benchCli(corpus: WrittenCorpus, outDir: string): Promise<Measurement> {
  log('ficbind CLI: one build, end to end…');
  const run = await timeProcess(process.execPath, [join(repoRoot, 'bin/ficbind.js'), 'build', '--no-cache', '--input', corpus.textDir, '--out', outDir], {
    cwd: repoRoot,
    env: { ...process.env, SOURCE_DATE_EPOCH: '0' },
  });
  if (run.exitCode !== 0) throw new Error(`exit status ${run.exitCode}: ${errorLine(run.stderr)}`);
  return { tool: 'ficbind', how: 'CLI, end to end', runs: [run.seconds], seconds: run.seconds, outputBytes: await epubSize(outDir), peakRss: run.peakRss };
}

/** All the Markdown files in one pandoc call, as a user would make one book of them. */
async function benchPandoc(corpus: WrittenCorpus, outFile: string, version: string): Promise<Measurement> {
  log(`${version}: one build, end to end…`);
  // Relative names, run from the Markdown folder, keep the command line short for big corpora.
  const args = ['--from', 'markdown+smart', '--to', 'epub3', '--metadata', 'title=Stories', '--output', outFile, ...corpus.markdownFiles];
  const run = await timeProcess('pandoc', args, { cwd: corpus.markdownDir, env: { ...process.env, SOURCE_DATE_EPOCH: '0' } });
  if (run.exitCode !== 0) throw new Error(`exit status ${run.exitCode}: ${errorLine(run.stderr)}`);
  return { tool: 'pandoc', how: 'end to end', runs: [run.seconds], seconds: run.seconds, outputBytes: (await stat(outFile)).size, peakRss: run.peakRss };
}

async function epubSize(folder: string): Promise<number | undefined> {
  const epub = (await readdir(folder)).find((name) => name.endsWith('.epub'));
  return epub ? (await stat(join(folder, epub))).size : undefined;
}

/** The line of a failed command's stderr that says what went wrong: its own message, or an uncaught error's. */
function errorLine(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter(Boolean);
  return lines.find((line) => /^(ficbind|pandoc):|^\w*Error\b/.test(line)) ?? lines.at(-1) ?? '(nothing on stderr)';
}

/** A tool that fails is reported with the reason, and the rest of the benchmark goes on. */
async function attempt(tool: string, measure: () => Promise<Measurement>, skipped: Skipped[]): Promise<Measurement | undefined> {
  try {
    return await measure();
  } catch (error) {
    const reason = (error as Error).message ?? String(error);
    skipped.push({ tool, failed: true, reason });
    log(`${tool} failed: ${reason}`);
    return undefined;
  }
}

async function main(argv: string[]): Promise<number> {
  let options: BenchOptions | 'help';
  try {
    options = parseOptions(argv);
  } catch (error) {
    log(`bench: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (options === 'help') {
    console.log(usage);
    return 0;
  }
  if (options.typography) {
    const { typographyBench } = await import('./typography/report.ts');
    console.log(await typographyBench(options, log));
    return 0;
  }

  const root = await mkdtemp(join(tmpdir(), 'ficbind-bench-'));
  const removeOnInterrupt = () => {
    rmSync(root, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', removeOnInterrupt);
  try {
    if (options.studioOnly) {
      const studio = await measureStudioPreview(repoRoot, 5, log);
      console.log(options.json ? JSON.stringify({ studio }, null, 2) : `\n${formatStudioPreview(studio)}`);
      return 0;
    }
    const startup = await measureStartup(repoRoot, options.startupRuns, log);
    if (options.startupOnly) {
      console.log(options.json ? JSON.stringify({ startup }, null, 2) : `\n${formatStartup(startup, options.startupRuns)}`);
      return 0;
    }
    const studio = await measureStudioPreview(repoRoot, 5, log);
    const seeds = join(repoRoot, '..', 'shared', 'seeds');
    let real: RealCase[] | undefined;
    if (existsSync(seeds) && (await versionOf('pandoc'))) {
      real = await measureRealCorpus({ repoRoot, seeds, scratch: join(root, 'real'), copies: options.realCopies, runs: options.realRuns, scaling: options.scaling, log });
    } else log('real-story cases skipped: they need ../shared/seeds beside the clone and pandoc on PATH');
    log(`Generating ${options.stories} stories (seed ${options.seed}) in ${root}…`);
    const corpus = await writeCorpus(join(root, 'corpus'), { stories: options.stories, seed: options.seed });
    const skipped: Skipped[] = [];
    const measurements: Measurement[] = [];
    const keep = (m: Measurement | undefined) => m && measurements.push(m);

    keep(await attempt('ficbind library', () => benchLibrary(corpus, join(root, 'out-library'), options.runs), skipped));
    keep(await attempt('ficbind CLI', () => benchCli(corpus, join(root, 'out-cli')), skipped));
    const pandoc = await versionOf('pandoc');
    if (pandoc) keep(await attempt('pandoc', () => benchPandoc(corpus, join(root, 'pandoc.epub'), pandoc), skipped));
    else skipped.push({ tool: 'pandoc', failed: false, reason: 'not found on PATH (on Debian: apt install pandoc)' });

    const results: BenchResults = {
      corpus: { seed: options.seed, stories: corpus.stories.length, words: corpus.words, bytes: corpus.textBytes },
      environment: { node: process.versions.node, pandoc, cpu: cpus()[0]?.model.trim() ?? 'unknown CPU', cpus: availableParallelism(), platform: `${process.platform}-${process.arch}` },
      measurements,
      skipped,
      ratios: ratiosAgainstPandoc(measurements),
    };
    const realTable = real ? `\n\n${formatRealCorpus(real, options.realRuns)}` : '';
    console.log(options.json ? JSON.stringify({ startup, studio, real, ...JSON.parse(toJson(results)) }, null, 2) : `\n${formatStartup(startup, options.startupRuns)}\n\n${formatStudioPreview(studio)}${realTable}\n\n${formatTable(results)}`);
    return skipped.some((s) => s.failed) ? 1 : 0;
  } finally {
    process.off('SIGINT', removeOnInterrupt);
    await rm(root, { recursive: true, force: true });
  }
}

process.exitCode = await main(process.argv.slice(2));
