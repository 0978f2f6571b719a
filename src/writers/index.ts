// The output formats ficbind writes, by name: each turns a finished anthology into the bytes of one file, in a theme's look.
import type { Anthology } from '../story.ts';
import type { OutputFormat } from '../config.ts';
import type { PageSize } from './pdf/page-sizes.ts';
import { bundledThemesFolder, defaultThemeName, loadTheme } from '../themes/registry.ts';
import type { Theme } from '../themes/manifest.ts';
import type { CommandRunner } from '../run-command.ts';
import type { CacheFolder } from '../cache/cache-folder.ts';
import type { StoryLayoutCache } from './epub/book-plan.ts';

// Each format's writer is imported when a book in that format is made: a build loads what it uses (Typst only for PDF).

export interface WriterContext {
  /** `ficbind 0.1.0`: recorded in the book as its generator. */
  generator: string;
  /** The look of the book (`templates/<name>/`). Default: the bundled `classic` theme. */
  theme?: Theme;
  /** PDF trim size (`--page-size`, config `page-size`). Default: the theme's, else `6x9`. */
  pageSize?: PageSize;
  /** Open each story with a drop cap (config `drop-cap`). Default: the theme's choice. */
  dropCap?: boolean;
  /** A JPEG for the cover, or one still being rendered. Default: none. */
  cover?: Uint8Array | Promise<Uint8Array>;
  /** The build's cache (fonts subset before). Default: none. */
  cache?: CacheFolder;
  /** Stories the EPUB writer laid out in an earlier build, and where it keeps this build's. Default: none. */
  layouts?: StoryLayoutCache;
  /** The build makes a KEPUB from the EPUB's bytes: the EPUB writer keeps its documents' XML trees for it. Default: false. */
  kepubFollows?: boolean;
  /** Receives a writer's warnings (characters the PDF's fonts cannot show, say). Default: ignored. */
  onWarning?: (message: string) => void;
  /** Runs external programs (Calibre's ebook-convert for AZW3). Default: a child process. */
  runCommand?: CommandRunner;
}

export interface Writer {
  extension: string;
  write(anthology: Anthology, context: WriterContext): Promise<Uint8Array>;
  /** The format this one is made from (KEPUB from the EPUB): a build renders it once and hands its bytes to `derive`. */
  source?: OutputFormat;
  derive?(source: Uint8Array, context: WriterContext): Promise<Uint8Array>;
}

/** A format made from another format's finished bytes. */
function derivedFrom(source: OutputFormat, extension: string, derive: NonNullable<Writer['derive']>): Writer {
  return { extension, source, derive, write: async (anthology, context) => derive(await writers[source].write(anthology, context), context) };
}

export const writers: Record<OutputFormat, Writer> = {
  epub: {
    extension: '.epub',
    async write(anthology, context) {
      const theme = context.theme ?? loadTheme(defaultThemeName);
      const { epubOptionsFor } = await import('../themes/writer-options.ts');
      const options = await epubOptionsFor(theme, context);
      const [{ writeEpub }, { lintEpubCss }, { checkKindleSafe, describeKindleProblem }] = await Promise.all([
        import('./epub/index.ts'),
        import('../themes/css-lint.ts'),
        import('./kindle/check.ts'),
      ]);
      // The bundled themes are linted by the tests; a project's own theme is checked here, on every build.
      if (context.onWarning && !theme.folder.startsWith(bundledThemesFolder)) {
        for (const problem of lintEpubCss(options.css)) {
          context.onWarning(`${theme.epub.stylesheet}:${problem.line}:${problem.column}: ${problem.message} (${problem.ruleId}); Adobe RMSDK readers would drop the whole stylesheet`);
        }
      }
      const epub = await writeEpub(anthology, { ...options, layouts: context.layouts, xmlTrees: context.kepubFollows });
      // Every EPUB is checked against what Send to Kindle rejects; the bundled themes give no warning.
      if (context.onWarning) for (const problem of await checkKindleSafe(epub)) context.onWarning(describeKindleProblem(problem));
      return epub;
    },
  },
  pdf: {
    extension: '.pdf',
    async write(anthology, context) {
      const theme = context.theme ?? loadTheme(defaultThemeName);
      const { writePdf } = await import('./pdf/index.ts');
      const { pdfOptionsFor } = await import('../themes/writer-options.ts');
      return writePdf(anthology, { ...(await pdfOptionsFor(theme, context)), onWarning: context.onWarning });
    },
  },
  kepub: derivedFrom('epub', '.kepub.epub', async (epub, context) => (await import('./kepub/index.ts')).kepubify(epub, { onWarning: context.onWarning })),
  azw3: derivedFrom('epub', '.azw3', async (epub, context) => (await import('./kindle/azw3.ts')).convertToAzw3(epub, { runCommand: context.runCommand })),
};
