// Runs Typst in-process: one compiler per set of font files, the template fed JSON and images through a virtual folder.
import { readFile } from 'node:fs/promises';
import type { NodeCompiler as TypstCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { OutputError } from '../../errors.ts';
import { oncePerKey } from '../../once-per-key.ts';

/** The compiler's project root. It does not exist on disk: the template can read only the files mapped into it. */
const root = '/ficbind-book';

export interface TypstJob {
  /** Typst source of the main file (the theme's template). */
  template: string;
  /** Files the template reads, by absolute path inside the project (`/book.json`). */
  files: Record<string, Uint8Array>;
  /** Font files: the only fonts the template may name. */
  fontFiles: readonly string[];
  /** Called with each warning Typst reports that is not fatal. */
  onWarning?: (message: string) => void;
}

interface Diagnostic {
  message: string;
  severity?: number | string;
  hints?: string[];
}

/** Compiles the template to PDF bytes. Unknown font families are errors: Typst would silently use another font. */
export async function compileToPdf(job: TypstJob): Promise<Uint8Array> {
  const compiler = await compilerFor(job.fontFiles);
  compiler.resetShadow();
  for (const [path, bytes] of Object.entries(job.files)) compiler.mapShadow(root + path, Buffer.from(bytes));
  try {
    const result = compiler.compile({ mainFileContent: job.template });
    const document = result.result;
    if (result.hasError() || !document) {
      const problems = diagnosticsOf(result.takeDiagnostics() ?? result.takeError());
      if (problems.some((problem) => /download package|package not found/i.test(problem.message))) {
        throw new OutputError('The PDF template asks for a Typst package; ficbind runs Typst with no package registry. Copy what you need into the theme.');
      }
      throw new OutputError(`The PDF template failed: ${describe(problems) || 'Typst gave no reason'}. Check the theme's book.typ.`);
    }
    const warnings = diagnosticsOf(result.takeWarnings());
    const unknownFont = warnings.find((warning) => /unknown font family/i.test(warning.message));
    if (unknownFont) {
      throw new OutputError(`The PDF template names a font that is not among the theme's font files (${unknownFont.message}). Add the font's files to the theme or fix the family name.`);
    }
    for (const warning of warnings) job.onWarning?.(warning.message);
    return new Uint8Array(compiler.pdf(document));
  } finally {
    compiler.resetShadow();
    // Keep Typst's memo cache from growing across many builds in one process.
    compiler.evictCache(10);
  }
}

/** One compiler per set of font files, reused across builds in a process. */
const compilerFor = oncePerKey((fontFiles: readonly string[]) => createCompiler(fontFiles), (fontFiles) => JSON.stringify(fontFiles));

async function createCompiler(fontFiles: readonly string[]): Promise<TypstCompiler> {
  const fontBlobs = await Promise.all(
    fontFiles.map((path) =>
      readFile(path).catch((error: NodeJS.ErrnoException) => {
        throw new OutputError(`Cannot read font file: ${error.code === 'ENOENT' ? 'no such file' : error.message}. Run npm install, or fix the theme's font list.`, { file: path });
      }),
    ),
  );
  let typst: typeof import('@myriaddreamin/typst-ts-node-compiler');
  try {
    typst = await import('@myriaddreamin/typst-ts-node-compiler');
  } catch (error) {
    throw new OutputError(`PDF output needs Typst's native binary for this platform (${process.platform}-${process.arch}), which did not load: ${(error as Error).message}. Run npm install.`, undefined, { cause: error });
  }
  return typst.NodeCompiler.create({ workspace: root, fontArgs: [{ fontBlobs }] });
}

function diagnosticsOf(error: { shortDiagnostics: unknown[] } | null | undefined): Diagnostic[] {
  return (error?.shortDiagnostics ?? []).filter((item): item is Diagnostic => typeof (item as Diagnostic)?.message === 'string');
}

function describe(diagnostics: Diagnostic[]): string {
  return diagnostics
    .map((diagnostic) => [diagnostic.message, ...(diagnostic.hints ?? []).map((hint) => `hint: ${hint}`)].join('; '))
    .join('; ');
}
