// Reads one story file, whatever its format, into the story model (before typography).
import { extname } from 'node:path';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { InputError } from '../errors.ts';
import { formatOf, readInputBytes, storyExtensions, type InputFormat } from './formats.ts';
import { decodeStoryBytes, UndecodableText, type DecodedText } from './decode.ts';
import { splitFrontMatter, storyMetaFrom } from './front-matter.ts';
import { readMarkdown } from './markdown.ts';
import { readPlainText } from './plain-text.ts';
import { readEpub } from './epub.ts';
import { folderImageSource, noImages } from './html-images.ts';
import { readHtml, storyFromHtml } from './html.ts';

export { formatOf, readInputBytes, storyExtensions, type InputFormat } from './formats.ts';
export type { ReadStory, ReadOptions } from './read-story.ts';
import type { ReadStory, ReadOptions } from './read-story.ts';

/** Each text reader turns a decoded file (front matter already blanked out) into an mdast tree. */
const readers: Record<'text' | 'markdown', (file: VFile) => Root> = {
  text: readPlainText,
  markdown: readMarkdown,
};

/** One story file. An EPUB ficbind made may hold several stories: read it with `readStoriesFromFile`. */
export async function readStoryFile(path: string): Promise<ReadStory> {
  const stories = await readStoriesFromFile(path);
  if (stories.length === 1) return stories[0];
  throw new InputError(
    `this EPUB is an anthology of ${stories.length} stories; \`ficbind build\` reads them all, other commands take one story at a time`,
    { file: path },
  );
}

/** Every story in a file: one for text, Markdown and HTML (images from the file's folder), one or more for an EPUB. */
export async function readStoriesFromFile(path: string, options: Pick<ReadOptions, 'encoding'> = {}): Promise<ReadStory[]> {
  return readStoriesFromBytes(await readInputBytes(path), path, { images: folderImageSource(path), ...options });
}

export async function readStoriesFromBytes(bytes: Uint8Array, path: string, options: ReadOptions = {}): Promise<ReadStory[]> {
  if (formatOf(path) === 'epub') return readEpub(bytes, path);
  return [readStoryBytes(bytes, path, formatOf(path), options)];
}


/** A text, Markdown or HTML story from its bytes (an EPUB needs the asynchronous `readStoriesFromBytes`). */
export function readStoryBytes(bytes: Uint8Array, path: string, format = formatOf(path), options: ReadOptions = {}): ReadStory {
  if (!format) {
    throw new InputError(`unsupported story format "${extname(path) || 'no extension'}"; expected one of ${storyExtensions.join(', ')}`, { file: path });
  }
  if (format === 'epub') {
    throw new InputError('an EPUB is a zip archive and is read asynchronously: use readStoriesFromBytes or readStoryFile', { file: path });
  }
  let decoded: DecodedText;
  try {
    decoded = decodeStoryBytes(bytes, options.encoding);
  } catch (error) {
    if (error instanceof UndecodableText) throw new InputError(error.message, { file: path });
    throw error;
  }
  const text = decoded.text.replace(/\r\n?/g, '\n');
  if (format === 'html') {
    const file = new VFile({ path, value: text, data: { format, encoding: decoded.encoding } });
    reportDecoding(file, decoded);
    return storyFromHtml(file, readHtml(file, options.images ?? noImages));
  }
  const { body, data, notFrontMatter } = splitFrontMatter(text, path);
  const file = new VFile({ path, value: body, data: { format, encoding: decoded.encoding } });
  reportDecoding(file, decoded);
  if (notFrontMatter) {
    file.message(`Unexpected \`---\` block at the top that is not front matter (${notFrontMatter}), read as story text`, { place: { line: 1, column: 1 }, ruleId: 'front-matter', source: 'ficbind' });
  }
  return { meta: storyMetaFrom(data, path), tree: readers[format](file), file };
}

/** A warning for a guessed encoding and for each mojibake repair, with what was found and what it became. */
function reportDecoding(file: VFile, decoded: DecodedText): void {
  if (decoded.source === 'detected') {
    file.message(`Unexpected bytes that are not UTF-8, read as ${decoded.encoding}; if the text looks wrong, set \`encoding:\` for this story in anthology.yaml or re-save it as UTF-8`, {
      place: { line: 1, column: 1 },
      ruleId: 'encoding',
      source: 'ficbind',
    });
  }
  for (const repair of decoded.repairs) {
    file.message(`Unexpected \`${repair.found}\` (UTF-8 read as Windows-1252), expected \`${repair.repaired}\`: repaired`, {
      place: { line: repair.line, column: 1 },
      ruleId: 'mojibake',
      source: 'ficbind',
    });
  }
}

declare module 'vfile' {
  interface DataMap {
    format: InputFormat;
    encoding: string;
  }
}
