// Renders a build's formats, each once: a format made from another's bytes (KEPUB and AZW3 from the EPUB) reuses them.
import type { OutputFormat } from '../config.ts';
import type { Anthology } from '../story.ts';
import { writers, type WriterContext } from './index.ts';

/**
 * A function that renders one format of the anthology. Asking for the same format twice, or for two formats made
 * from the EPUB, renders the EPUB only once.
 */
export function formatRenderer(anthology: Anthology, context: WriterContext): (format: OutputFormat) => Promise<Uint8Array> {
  const rendered = new Map<OutputFormat, Promise<Uint8Array>>();
  const render = (format: OutputFormat): Promise<Uint8Array> => {
    let bytes = rendered.get(format);
    if (!bytes) {
      const writer = writers[format];
      const { source, derive } = writer;
      bytes = source && derive ? render(source).then((sourceBytes) => derive(sourceBytes, context)) : writer.write(anthology, context);
      rendered.set(format, bytes);
    }
    return bytes;
  };
  return render;
}
