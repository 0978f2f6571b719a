// Reads one story file, whatever its format, into the story model (before typography).
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { InputError } from '../errors.ts';
import type { StoryMeta } from '../story.ts';
import { decodeStoryBytes } from './decode.ts';
import { splitFrontMatter, storyMetaFrom } from './front-matter.ts';
import { readMarkdown } from './markdown.ts';
import { readPlainText } from './plain-text.ts';

export type InputFormat = 'text' | 'markdown';

/** Each reader turns a decoded file (front matter already blanked out) into an mdast tree. */
const readers: Record<InputFormat, (file: VFile) => Root> = {
  text: readPlainText,
  markdown: readMarkdown,
};

const formatsByExtension: Record<string, InputFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
};

export const storyExtensions = Object.keys(formatsByExtension);

export function formatOf(path: string): InputFormat | undefined {
  return formatsByExtension[extname(path).toLowerCase()];
}

export interface ReadStory {
  meta: StoryMeta;
  tree: Root;
  /** `file.value` is the decoded text; `file.data.format` the input format. */
  file: VFile;
}

export async function readStoryFile(path: string): Promise<ReadStory> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InputError(`cannot read story: ${reason}`, { file: path }, { cause: error });
  }
  return readStoryBytes(bytes, path);
}

export function readStoryBytes(bytes: Uint8Array, path: string, format = formatOf(path)): ReadStory {
  if (!format) {
    throw new InputError(`unsupported story format "${extname(path) || 'no extension'}"; expected one of ${storyExtensions.join(', ')}`, { file: path });
  }
  const decoded = decodeStoryBytes(bytes);
  if (decoded.text.includes('\u0000')) {
    throw new InputError('this looks like a binary file, not a story (it contains NUL bytes)', { file: path });
  }
  const text = decoded.text.replace(/\r\n?/g, '\n');
  const { body, data } = splitFrontMatter(text, path);
  const file = new VFile({ path, value: body, data: { format, encoding: decoded.encoding } });
  for (const repair of decoded.repairs) {
    const message = file.message(`Unexpected \`${repair.found}\` (UTF-8 read as Windows-1252), expected \`${repair.repaired}\``, {
      place: { line: repair.line, column: 1 },
      ruleId: 'mojibake',
      source: 'ficbind',
    });
    message.fatal = undefined;
  }
  return { meta: storyMetaFrom(data, path), tree: readers[format](file), file };
}

declare module 'vfile' {
  interface DataMap {
    format: InputFormat;
    encoding: string;
  }
}
