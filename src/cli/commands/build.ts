// `ficbind build`: flags to build options, a progress bar on a terminal, a summary at the end.
import type { Argv } from 'yargs';
import { relative } from 'node:path';
import { buildAnthology } from '../../build.ts';
import { diagnosticsOf, summarizeDiagnostics } from '../report.ts';
import { createProgressBar } from '../progress.ts';
import type { CliIO } from '../io.ts';

export const command = 'build';
export const describe = 'Build the anthology (EPUB, PDF, KEPUB, AZW3) in this folder, or from --input or --config';

export function builder(yargs: Argv) {
  return yargs
    .option('input', { alias: 'i', type: 'string', describe: "Folder of stories (.txt, .md, .html, .epub) [default: anthology.yaml's stories, else the current folder]" })
    .option('out', { alias: 'o', type: 'string', describe: "Output folder [default: anthology.yaml's output, else out/]" })
    .option('title', { type: 'string', describe: "The anthology's title [default: from config, else the input folder's name]" })
    .option('language', { type: 'string', describe: 'BCP 47 language of the book [default: from config, else en]' })
    .option('format', { alias: 'f', type: 'string', describe: 'Output formats, comma-separated: epub, pdf, kepub (Kobo), azw3 (Kindle over USB; needs Calibre) [default: epub]' })
    .option('page-size', { type: 'string', describe: "PDF trim size: 6x9, a5 or ereader [default: from config, else the theme's]" })
    .option('theme', { alias: 't', type: 'string', describe: 'Theme name, see `ficbind themes` [default: from config, else classic]' })
    .option('config', { alias: 'c', type: 'string', describe: 'Path to anthology.yaml [default: the nearest anthology.yaml in the input folder (else the current folder) or above]' });
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
}

export async function handler(args: BuildArgs, io: CliIO): Promise<number> {
  const started = io.now();
  const progress = createProgressBar(io);
  const result = await buildAnthology({
    cwd: io.cwd,
    input: args.input,
    out: args.out,
    title: args.title,
    language: args.language,
    config: args.config,
    pageSize: args.pageSize,
    theme: args.theme,
    formats: args.format?.split(',').map((format) => format.trim()).filter(Boolean),
    sourceDateEpoch: io.env.SOURCE_DATE_EPOCH ? Number(io.env.SOURCE_DATE_EPOCH) : undefined,
    onProgress: progress.update,
    onWarning: (message) => io.err(`warning: ${message}`),
  });
  progress.done();
  const seconds = (io.now() - started) / 1000;
  const { stories } = result.anthology;
  io.out(`Built "${result.anthology.meta.title}": ${stories.length} ${stories.length === 1 ? 'story' : 'stories'}, ${result.words.toLocaleString('en')} words, in ${seconds.toFixed(2)} s`);
  for (const file of result.files) io.out(`  ${relative(io.cwd, file.path) || file.path}  ${formatSize(file.bytes)}`);
  if (result.cover) io.out(`  ${relative(io.cwd, result.cover.path) || result.cover.path}  ${formatSize(result.cover.bytes)}  (cover)`);
  const diagnostics = diagnosticsOf(result.diagnostics).filter((d) => d.severity !== 'info');
  if (diagnostics.length > 0) io.out(`Typography: ${summarizeDiagnostics(diagnostics)} (run \`ficbind check\` on the stories for details)`);
  return 0;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
