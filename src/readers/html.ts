// Reads a saved HTML page: AO3 downloads and FanFiction.net pages by their structure, any other page as its body's text.
import type { ElementContent, Root as HastRoot } from 'hast';
import { select } from 'hast-util-select';
import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { emptyMeta } from '../story.ts';
import { titleFromFileName } from './front-matter.ts';
import type { ReadStory } from './read-story.ts';
import { rootOf, headMetadata, type HtmlStory } from './html-page.ts';
import { isAo3Document, readAo3Document } from './ao3-html.ts';
import { isFfnDocument, readFfnDocument } from './ffn-html.ts';
import type { ImageSource } from './html-images.ts';
import { sanitizeAndReport } from './html-sanitize.ts';
import { htmlToBlocks, type HtmlConversion } from './html-to-story.ts';
import { parseHtmlBounded } from './nesting.ts';

export { rootOf, headMetadata, canonicalAddress, type HtmlStory } from './html-page.ts';

/** Which reader a page went to, recorded as `file.data.htmlFlavor`. */
export type HtmlFlavor = 'ao3' | 'ffn' | 'generic';

/** Parses `file.value` as HTML (positions are offsets into it) and reads it as a story. */
export function readHtml(file: VFile, images: ImageSource): HtmlStory {
  return readHtmlDocument(parseHtml(file), { file, images });
}

export function parseHtml(file: VFile): HastRoot {
  return parseHtmlBounded(file, file.path);
}

/** Sniffs the page's structure and hands it to the reader that knows it. */
export function readHtmlDocument(document: HastRoot, conversion: HtmlConversion): HtmlStory {
  const flavor: HtmlFlavor = isAo3Document(document) ? 'ao3' : isFfnDocument(document) ? 'ffn' : 'generic';
  conversion.file.data.htmlFlavor = flavor;
  if (flavor === 'ao3') return readAo3Document(document, conversion);
  if (flavor === 'ffn') return readFfnDocument(document, conversion);
  return readGenericDocument(document, conversion);
}

/** Any page: the body's text; headings are chapters, and a lone heading at the top is the title. */
export function readGenericDocument(document: HastRoot, conversion: HtmlConversion): HtmlStory {
  const meta = headMetadata(document);
  const body = select('body', document) ?? document;
  const text = withoutNavigation(body.children as ElementContent[]);
  const children = htmlToBlocks(sanitizeAndReport(text, conversion.file), conversion);
  const title = takeTitleHeading(children);
  if (title) meta.title = title;
  return { tree: rootOf(children), meta };
}

/** Site menus (`<nav>`, `role="navigation"`) are not story text. */
function withoutNavigation(nodes: ElementContent[]): ElementContent[] {
  return nodes.flatMap((node): ElementContent[] => {
    if (node.type !== 'element') return [node];
    if (node.tagName === 'nav' || node.properties.role === 'navigation') return [];
    return [{ ...node, children: withoutNavigation(node.children) }];
  });
}

/**
 * When the text opens with a heading and no other heading is as high, that heading is the story's title
 * (`<h1>Title</h1>` over `<h2>` chapters): it is taken out of the text and returned.
 */
export function takeTitleHeading(blocks: RootContent[]): string | undefined {
  const first = blocks[0];
  if (first?.type !== 'heading') return undefined;
  if (blocks.slice(1).some((block) => block.type === 'heading' && block.depth <= first.depth)) return undefined;
  blocks.shift();
  return toString(first).replace(/\s+/g, ' ').trim() || undefined;
}

/** The story as every reader returns it: the page's metadata over the defaults (title from the file name). */
export function storyFromHtml(file: VFile, story: HtmlStory): ReadStory {
  const meta = emptyMeta(titleFromFileName(file.path));
  for (const [key, value] of Object.entries(story.meta)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    (meta as unknown as Record<string, unknown>)[key] = value;
  }
  return { meta, tree: story.tree, file };
}

declare module 'vfile' {
  interface DataMap {
    htmlFlavor: HtmlFlavor;
  }
}
