// The output formats ficbind writes, by name: each turns a finished anthology into the bytes of one file.
import { readFile } from 'node:fs/promises';
import type { Anthology } from '../story.ts';
import type { OutputFormat } from '../config.ts';
import { writeEpub } from './epub/index.ts';
import { writePdf, classicFonts, classicOrnament, readClassicTemplate, type PageSize } from './pdf/index.ts';

export interface WriterContext {
  /** `ficbind 0.1.0`: recorded in the book as its generator. */
  generator: string;
  /** PDF trim size (`--page-size`, config `page-size`). Default `6x9`. */
  pageSize?: PageSize;
  /** Receives a writer's warnings (characters the PDF's fonts cannot show, say). Default: ignored. */
  onWarning?: (message: string) => void;
}

export interface Writer {
  extension: string;
  write(anthology: Anthology, context: WriterContext): Promise<Uint8Array>;
}

const defaultStylesheet = new URL('../../templates/default/epub.css', import.meta.url);

export const writers: Record<OutputFormat, Writer> = {
  epub: {
    extension: '.epub',
    async write(anthology, context) {
      const css = await readFile(defaultStylesheet, 'utf8');
      return writeEpub(anthology, { css, generator: context.generator });
    },
  },
  pdf: {
    extension: '.pdf',
    async write(anthology, context) {
      const template = await readClassicTemplate();
      return writePdf(anthology, { template, fonts: classicFonts(), ornament: classicOrnament, pageSize: context.pageSize, generator: context.generator, onWarning: context.onWarning });
    },
  },
};
