// Which reader a story file needs, by its extension, and the file's bytes read within its format's limit: what a build knows before reading.
import { extname } from 'node:path';
import { InputError } from '../errors.ts';
import { maxEpubFileBytes, maxStoryBytes, readRegularFile, UnreadableFile } from '../input-files.ts';

/** `html` covers AO3 downloads, FanFiction.net pages and any other page; an EPUB's stories are `html` once read. */
export type InputFormat = 'text' | 'markdown' | 'html' | 'epub';

const formatsByExtension: Record<string, InputFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.epub': 'epub',
};

export const storyExtensions = Object.keys(formatsByExtension);

export function formatOf(path: string): InputFormat | undefined {
  return formatsByExtension[extname(path).toLowerCase()];
}

/** A story file's bytes, read only when it is a regular file within the size limit of its format. */
export async function readInputBytes(path: string): Promise<Uint8Array> {
  try {
    return await readRegularFile(path, formatOf(path) === 'epub' ? maxEpubFileBytes : maxStoryBytes);
  } catch (error) {
    if (error instanceof UnreadableFile) throw new InputError(`cannot read story: ${error.message}`, { file: path }, { cause: error });
    throw error;
  }
}
