// Reads a book the way Calibre does: `ebook-meta` for its metadata, `ebook-convert` to make an AZW3.
import { commandMissing, run } from './external-tools.ts';

export interface CalibreMetadata {
  title: string;
  authors: string;
  languages: string;
  /** `Tags`: the subjects, comma-separated. */
  tags: string;
  /** `Series`: `Name #2`. */
  series: string;
}

/** Why Calibre's command-line tools cannot run here, or undefined when they can. */
export function calibreMissing(): Promise<string | undefined> {
  return commandMissing('ebook-meta', ['--version']);
}

export async function ebookMeta(path: string): Promise<CalibreMetadata> {
  const { stdout } = await run('ebook-meta', [path], { timeout: 120_000 });
  const field = (label: string) => stdout.match(new RegExp(`^${label}\\s*:\\s*(.*)$`, 'm'))?.[1]?.trim() ?? '';
  return { title: field('Title'), authors: field('Author\\(s\\)'), languages: field('Languages'), tags: field('Tags'), series: field('Series') };
}

/** Converts `input` to `output` (the format follows the extension); rejects when Calibre fails. */
export async function ebookConvert(input: string, output: string): Promise<void> {
  await run('ebook-convert', [input, output], { timeout: 300_000 });
}
