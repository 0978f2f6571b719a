// Turns benchmark results into the printed table, the ficbind-versus-pandoc ratios, and the --json document.

export interface CorpusFacts {
  seed: number;
  stories: number;
  words: number;
  bytes: number;
}

export interface Measurement {
  tool: string;
  /** What was timed, for the table: `library, median of 3`. */
  how: string;
  /** Every timed run, in seconds. */
  runs: number[];
  /** The figure reported: the median of `runs`. */
  seconds: number;
  outputBytes?: number;
  peakRss?: number;
}

export interface Skipped {
  tool: string;
  /** True when the tool ran and failed, false when it was not there to run. */
  failed: boolean;
  reason: string;
}

export interface Ratio {
  /** Which ficbind measurement is compared with pandoc. */
  ficbind: string;
  /** pandoc's seconds over ficbind's: above 1, ficbind is faster. */
  speedup: number;
}

export interface BenchResults {
  corpus: CorpusFacts;
  environment: { node: string; pandoc?: string; cpu: string; cpus: number; platform: string };
  measurements: Measurement[];
  skipped: Skipped[];
  ratios: Ratio[];
}

export function ratiosAgainstPandoc(measurements: Measurement[]): Ratio[] {
  const pandoc = measurements.find((m) => m.tool === 'pandoc');
  if (!pandoc) return [];
  return measurements.filter((m) => m.tool === 'ficbind').map((m) => ({ ficbind: m.how, speedup: pandoc.seconds / m.seconds }));
}

/** `ficbind (CLI, end to end) is 2.4× faster than pandoc`, or slower, said the right way round. */
export function describeRatio(ratio: Ratio): string {
  const subject = `ficbind (${ratio.ficbind})`;
  if (ratio.speedup >= 1) return `${subject} is ${ratio.speedup.toFixed(1)}× faster than pandoc`;
  return `${subject} is ${(1 / ratio.speedup).toFixed(1)}× slower than pandoc`;
}

export function formatTable(results: BenchResults): string {
  const { corpus } = results;
  const header = ['tool', 'seconds', 'stories/s', 'words/s', 'output', 'peak RSS'];
  const rows = results.measurements.map((m) => [
    `${m.tool} (${m.how})`,
    m.seconds.toFixed(2),
    Math.round(corpus.stories / m.seconds).toLocaleString('en'),
    Math.round(corpus.words / m.seconds).toLocaleString('en'),
    m.outputBytes === undefined ? '–' : formatBytes(m.outputBytes),
    m.peakRss === undefined ? '–' : formatBytes(m.peakRss),
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  // The tool column reads left to right; numbers line up on the right.
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  const env = results.environment;
  return [
    `Corpus: ${corpus.stories.toLocaleString('en')} stories, ${corpus.words.toLocaleString('en')} words, ${formatBytes(corpus.bytes)} (seed ${corpus.seed})`,
    `Machine: ${env.cpu} × ${env.cpus}, ${env.platform}, Node ${env.node}${env.pandoc ? `, ${env.pandoc}` : ''}`,
    '',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    '',
    ...results.ratios.map(describeRatio),
    ...results.skipped.map((s) => `${s.tool} ${s.failed ? 'failed' : 'skipped'}: ${s.reason}`),
  ].join('\n');
}

export function toJson(results: BenchResults): string {
  const { corpus } = results;
  const measurements = results.measurements.map((m) => ({
    ...m,
    storiesPerSecond: corpus.stories / m.seconds,
    wordsPerSecond: corpus.words / m.seconds,
  }));
  return JSON.stringify({ ...results, measurements }, null, 2);
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
