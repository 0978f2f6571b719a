// Lays a story out as output documents (one per chapter when it has several) and its table-of-contents entry.
import type { Root as HastRoot, Element } from 'hast';
import type { Heading, RootContent } from 'mdast';
import { visit, EXIT } from 'unist-util-visit';
import { splitChapters, chapterDepth, type Chapter } from '../../chapters.ts';
import type { Story } from '../../story.ts';
import { hastToXhtml } from '../xhtml.ts';
import { blocksToHast, collectFootnoteDefinitions } from './story-hast.ts';
import { prefixIds, linkDocuments } from './fragment-links.ts';
import { storyOpener, storyTitle } from './story-opener.ts';
import type { StoryImages } from './story-images.ts';
import type { SceneBreakLook } from './story-hast.ts';
import { markOpeningParagraphs } from './opening-paragraphs.ts';
import { bookLabels, type BookLabels } from '../../labels/index.ts';

/** One XHTML file's worth of a story. */
export interface StoryDocument {
  filename: string;
  /** The document's `<title>`. */
  title: string;
  /** The body's content. */
  tree: HastRoot;
}

/** A table-of-contents entry: a story, with its chapters when it has more than one. */
export interface NavEntry {
  title: string;
  /** `by A and B`, for a story with authors: the contents page shows it under the title. */
  byline?: string;
  href: string;
  children: NavEntry[];
}

export interface StoryLayout {
  documents: StoryDocument[];
  nav: NavEntry;
}

export interface StoryLayoutOptions {
  /** The story's place in the book, from 1; used for fallback titles. */
  number: number;
  /** File name stem: `story-03` gives `story-03.xhtml`, or `story-03-01.xhtml`, `story-03-02.xhtml`… */
  stem: string;
  /** Give each chapter its own document when the story has more than one chapter. */
  splitChapters: boolean;
  /** Open the story with its title, authors and metadata. */
  opener: boolean;
  /** Prefix for every id in the story (`s3-`), so stories can share a book. */
  idPrefix: string;
  /** Records the pictures the story shows, which then appear as `<img>`. Default: images become their alt text. */
  images?: StoryImages;
  /** The theme's ornament for scene breaks. Default: `<hr class="scene-break"/>`. */
  sceneBreak?: SceneBreakLook;
  /** Give the story's opening paragraph a drop cap when it is long enough (`takesDropCap`). Default false. */
  dropCap?: boolean;
  /** The book's labels (opener, fallback titles, footnotes). Default: English. */
  labels?: BookLabels;
}

export interface StoryBodyOptions {
  /** Prefix for every id and same-document link (`s3-`), so several stories can share one page. Default: none. */
  idPrefix?: string;
  /** Start with the story opener: title, authors, metadata and summary. Default: true. */
  opener?: boolean;
}

/**
 * The XHTML body content for a whole story: paragraphs as `<p>`, chapter headings as `<h2>`, scene breaks as
 * `<hr class="scene-break"/>`, notes and disclaimers as `<aside class="author-note" role="note">` (disclaimers
 * also have class `disclaimer`). Well-formed XML; non-ASCII text is written as UTF-8, not as references.
 */
export function storyToXhtmlBody(story: Story, options: StoryBodyOptions = {}): string {
  const layout = layoutStory(story, {
    number: 1,
    stem: 'story',
    splitChapters: false,
    opener: options.opener ?? true,
    idPrefix: options.idPrefix ?? '',
  });
  return hastToXhtml(layout.documents[0].tree);
}

export function layoutStory(story: Story, options: StoryLayoutOptions): StoryLayout {
  const chapters = splitChapters(story.tree);
  const headed = chapters.filter((chapter): chapter is Chapter & { heading: Heading } => chapter.heading !== undefined);
  const chapterNumbers = new Map(headed.map((chapter, index) => [chapter.heading, index + 1]));
  const depth = chapterDepth(story.tree);
  const footnoteDefinitions = collectFootnoteDefinitions(story.tree);
  const split = options.splitChapters && headed.length > 1;
  const groups = split ? chapterGroups(chapters) : [story.tree.children];
  const labels = options.labels ?? bookLabels('en');
  const title = storyTitle(story.meta, options.number, labels);
  const width = Math.max(2, String(groups.length).length);

  const documents = groups.map((blocks, index): StoryDocument => {
    const tree = blocksToHast(blocks, {
      chapterNumbers,
      chapterDepth: depth,
      footnotePrefix: split ? `c${index + 1}-` : '',
      footnoteDefinitions,
      images: options.images,
      sceneBreak: options.sceneBreak,
      labels,
    });
    markOpeningParagraphs(tree, { storyStart: index === 0, dropCap: options.dropCap ?? false });
    if (index === 0 && options.opener) tree.children.unshift(storyOpener(story.meta, options.number, labels), { type: 'text', value: '\n' });
    prefixIds(tree, options.idPrefix);
    return {
      filename: split ? `${options.stem}-${String(index + 1).padStart(width, '0')}.xhtml` : `${options.stem}.xhtml`,
      title: index === 0 || !split ? title : chapterTitle(headed[index], index + 1, labels),
      tree,
    };
  });
  linkDocuments(documents);

  const children = split
    ? documents.map((document, index) => ({
        title: chapterTitle(headed[index], index + 1, labels),
        href: withFragment(document.filename, chapterHeadingId(document.tree)),
        children: [],
      }))
    : [];
  const byline = story.meta.authors.length > 0 ? labels.text('by', { names: labels.names(story.meta.authors) }) : undefined;
  return { documents, nav: { title, byline, href: documents[0].filename, children } };
}

/** One group of blocks per chapter; blocks before the first chapter heading join the first chapter. */
function chapterGroups(chapters: Chapter[]): RootContent[][] {
  const groups: RootContent[][] = [];
  let leading: RootContent[] = [];
  for (const chapter of chapters) {
    if (!chapter.heading) {
      leading = chapter.children;
      continue;
    }
    groups.push([...leading, chapter.heading, ...chapter.children]);
    leading = [];
  }
  return groups;
}

function chapterTitle(chapter: Chapter | undefined, number: number, labels: BookLabels): string {
  return chapter?.title?.trim() || labels.text('chapter', { number });
}

function withFragment(filename: string, id: string | undefined): string {
  return id ? `${filename}#${id}` : filename;
}

/** The id of the document's chapter heading, as it stands after prefixing and de-duplication. */
function chapterHeadingId(tree: HastRoot): string | undefined {
  let id: string | undefined;
  visit(tree, 'element', (element: Element) => {
    const className = element.properties.className;
    if (element.tagName === 'h2' && Array.isArray(className) && className.includes('chapter-title')) {
      id = String(element.properties.id);
      return EXIT;
    }
  });
  return id;
}
