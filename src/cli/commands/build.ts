// `ficbind build`: flags to build options, a progress bar on a terminal, a summary at the end.
import type { Argv } from 'yargs';
import { relative } from 'node:path';
import { diagnosticsOf, formatSize, summarizeDiagnostics } from '../report.ts';
import { createProgressBar } from '../progress.ts';
import { tell, warn, type CliIO } from '../io.ts';
import { UsageError } from '../../errors.ts';

export const command = 'build';
export const describe = 'Build the anthology (EPUB, PDF, KEPUB, AZW3) in this folder, or from --input or --config';
export const examples: [string, string][] = [
  ['$0 build', 'Build the stories and anthology.yaml of this folder into out/'],
  ['$0 build -i stories -o out --format epub,kepub,pdf', 'EPUB, Kobo KEPUB and PDF from the stories in stories/'],
  ['$0 build -o my-book.epub', 'Write the EPUB to my-book.epub'],
  ['$0 build --theme modern --title "Summer Stories"', 'Another look and title'],
  ['$0 build --check', 'Build, then check the EPUB with EPUBCheck; its errors fail the build'],
];

export function builder(yargs: Argv) {
  return yargs
    .option('input', { alias: 'i', type: 'string', describe: "Folder of stories (.txt, .md, .html, .epub) [default: anthology.yaml's stories, else the current folder]" })
    .option('out', { alias: 'o', type: 'string', describe: "Output folder, or one book file: a name ending .epub, .kepub.epub, .pdf or .azw3 [default: anthology.yaml's output, else out/]" })
    .option('title', { type: 'string', describe: "The anthology's title [default: from config, else the input folder's name]" })
    .option('language', { type: 'string', describe: 'BCP 47 language of the book [default: from config, else en]' })
    .option('format', { alias: 'f', type: 'string', describe: 'Output formats, comma-separated: epub, pdf, kepub (Kobo), azw3 (Kindle over USB; needs Calibre) [default: epub]' })
    .option('page-size', { type: 'string', describe: "PDF trim size: 6x9, a5 or ereader [default: from config, else the theme's]" })
    .option('theme', { alias: 't', type: 'string', describe: 'Theme name, see `ficbind themes` [default: from config, else classic]' })
    .option('config', { alias: 'c', type: 'string', describe: 'Path to anthology.yaml [default: the nearest anthology.yaml in the input folder (else the current folder) or above]' })
    .option('cache', { type: 'boolean', default: true, describe: 'Reuse stories and the cover finished by an earlier build (kept in .ficbind-cache/ beside the books); --no-cache makes everything anew' })
    .option('workers', { alias: 'j', type: 'number', describe: 'Threads that read stories beside the main one; 0 for none. The book is the same either way [default: 0; worth it on machines with cores to spare]' })
    .option('check', { type: 'boolean', describe: 'Also check every EPUB and KEPUB with EPUBCheck (needs Java; the jar at $EPUBCHECK_JAR or /usr/share/java/epubcheck.jar); its errors fail the build [default: false]' });
}

export interface BuildArgs {
  input?: string;
  out?: string;
  title?: string;
  language?: string;
  format?: string;
  pageSize?: string;
  theme?: string;
  config?: string;
  cache?: boolean;
  workers?: number;
  check?: boolean;
}

export async function handler(args: BuildArgs, io: CliIO): Promise<number> {
  const started = io.now();
  const progress = createProgressBar(io);
  const { buildAnthology } = await import('../../build.ts');
  const result = await buildAnthology({
    cwd: io.cwd,
    input: args.input,
    out: args.out,
    title: args.title,
    language: args.language,
    config: args.config,
    cache: args.cache,
    workers: workerCount(args.workers),
    pageSize: args.pageSize,
    theme: args.theme,
    formats: args.format?.split(',').map((format) => format.trim()).filter(Boolean),
    sourceDateEpoch: io.env.SOURCE_DATE_EPOCH ? Number(io.env.SOURCE_DATE_EPOCH) : undefined,
    onProgress: progress.update,
    onWarning: (message) => warn(io, message),
    check: args.check ? { epubcheckJar: io.env.EPUBCHECK_JAR } : undefined,
  });
  progress.done();
  const seconds = (io.now() - started) / 1000;
  const { stories } = result.anthology;
  tell(io, `Built "${result.anthology.meta.title}": ${stories.length} ${stories.length === 1 ? 'story' : 'stories'}, ${result.words.toLocaleString('en')} words, in ${seconds.toFixed(2)} s`);
  if (result.changedStories.length > 0) tell(io, `Changed since the last build: ${result.changedStories.join(', ')}`);
  for (const file of result.files) tell(io, `  ${relative(io.cwd, file.path) || file.path}  ${formatSize(file.bytes)}`);
  if (result.cover) tell(io, `  ${relative(io.cwd, result.cover.path) || result.cover.path}  ${formatSize(result.cover.bytes)}  (cover)`);
  const checked = result.files.filter((file) => file.format === 'epub' || file.format === 'kepub').length;
  if (args.check && checked > 0) tell(io, `EPUBCheck: no errors in ${checked === 1 ? 'the book' : `the ${checked} books`} it checks (EPUB, KEPUB)`);
  const diagnostics = diagnosticsOf(result.diagnostics).filter((d) => d.severity !== 'info');
  if (diagnostics.length > 0) tell(io, `Typography: ${summarizeDiagnostics(diagnostics)} (run \`ficbind check\` on the stories for details)`);
  return 0;
}

/** `--workers N`: a whole number from 0 up. */
function workerCount(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`--workers must be a whole number from 0 up, got ${value}`);
  return value;
}
