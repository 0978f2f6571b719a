// Turns a story's mdast into plain JSON blocks and inline runs for the Typst template: data only, never markup.
import type { Heading, Image, PhrasingContent, RootContent, FootnoteDefinition, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { splitChapters, chapterDepth } from '../../chapters.ts';
import type { Story } from '../../story.ts';
import { storyImagePath } from './story-images.ts';
import { classifyParagraph } from '../../transforms/author-notes.ts';
import { bookLabels, type BookLabels } from '../../labels/index.ts';

/** Inline text: a plain string, or a styled run around more inlines. Strings are shown literally by the template. */
export type Inline =
  | string
  | { t: 'em' | 'strong' | 'del'; c: Inline[] }
  | { t: 'br' }
  | { t: 'link'; url: string; c: Inline[] }
  | { t: 'footnote'; c: Block[] }
  | Picture;

/** A picture the story embeds: `src` is its file in the compiler's virtual folder, `alt` its description (or ''). */
export interface Picture {
  t: 'image';
  src: string;
  alt: string;
}

export type Block =
  | { t: 'p'; c: Inline[] }
  /** A paragraph of nothing but pictures: set apart, centred, each no wider than the text. */
  | { t: 'illustration'; c: Picture[] }
  /** A chapter heading; `bookmark` says whether it gets a PDF bookmark (only when the story has several chapters). */
  | { t: 'chapter'; c: Inline[]; title: string; bookmark: boolean }
  /** A heading below chapter level, shown but kept out of the bookmarks. */
  | { t: 'subheading'; c: Inline[] }
  | { t: 'scene-break' }
  /** `labelled`: the template prints its label above; false when the author's text starts with its own (`A/N:`). */
  | { t: 'note'; kind: 'note' | 'disclaimer'; labelled: boolean; c: Block[] }
  | { t: 'quote'; c: Block[] }
  | { t: 'list'; ordered: boolean; start: number; items: Block[][] }
  /** Preformatted text, one string per line (shown in the body face: the theme pins no monospace font). */
  | { t: 'lines'; lines: string[] }
  | { t: 'table'; rows: Inline[][][] };

/** A story's text as blocks, chapters marked, footnote calls carrying their notes; untitled chapters named in `labels`' language. */
export function storyBlocks(story: Story, labels: BookLabels = bookLabels('en')): Block[] {
  const chapters = splitChapters(story.tree);
  const headed = chapters.filter((chapter) => chapter.heading !== undefined);
  const converter = new BlockConverter(story, {
    chapterHeadings: new Set(headed.map((chapter) => chapter.heading as Heading)),
    chapterDepth: chapterDepth(story.tree),
    bookmarkChapters: headed.length > 1,
    chapterNumbers: new Map(headed.map((chapter, index) => [chapter.heading as Heading, index + 1])),
    labels,
  });
  return converter.blocks(story.tree.children);
}

interface ChapterInfo {
  chapterHeadings: ReadonlySet<Heading>;
  chapterDepth: number | undefined;
  bookmarkChapters: boolean;
  chapterNumbers: ReadonlyMap<Heading, number>;
  labels: BookLabels;
}

class BlockConverter {
  private readonly definitions = new Map<string, FootnoteDefinition>();
  /** Footnotes already being expanded, so a note that cites itself cannot recurse forever. */
  private readonly expanding = new Set<string>();

  constructor(story: Story, private readonly chapters: ChapterInfo) {
    collectDefinitions(story.tree.children, this.definitions);
  }

  blocks(nodes: readonly RootContent[]): Block[] {
    return nodes.flatMap((node) => this.block(node));
  }

  private block(node: RootContent): Block[] {
    switch (node.type) {
      case 'paragraph': {
        const c = this.inlines(node.children);
        if (c.length > 0 && c.every((inline) => typeof inline === 'object' && inline.t === 'image')) return [{ t: 'illustration', c: c as Picture[] }];
        return c.length > 0 ? [{ t: 'p', c }] : [];
      }
      case 'heading':
        return [this.heading(node)];
      case 'sceneBreak':
      case 'thematicBreak':
        return [{ t: 'scene-break' }];
      case 'authorNote':
        return [{ t: 'note', kind: node.kind, labelled: !startsWithOwnLabel(node), c: this.blocks(node.children) }];
      case 'blockquote':
        return [{ t: 'quote', c: this.blocks(node.children) }];
      case 'list':
        return [
          {
            t: 'list',
            ordered: node.ordered === true,
            start: node.start ?? 1,
            items: node.children.map((item) => this.blocks(item.children)),
          },
        ];
      case 'code':
        return [{ t: 'lines', lines: node.value.split(/\r?\n/) }];
      case 'table':
        return [this.table(node)];
      case 'footnoteDefinition':
      case 'definition':
      case 'html':
      case 'yaml':
        // Definitions travel with their calls; raw HTML and front matter are not story text.
        return [];
      default:
        return 'children' in node ? this.blocks(node.children as RootContent[]) : [];
    }
  }

  private heading(node: Heading): Block {
    const c = this.inlines(node.children);
    if (!this.chapters.chapterHeadings.has(node)) return { t: 'subheading', c };
    const number = this.chapters.chapterNumbers.get(node) ?? 1;
    const title = collapseSpace(toString(node)).trim() || this.chapters.labels.text('chapter', { number });
    return { t: 'chapter', c: c.length > 0 ? c : [title], title, bookmark: this.chapters.bookmarkChapters };
  }

  private table(node: Table): Block {
    return { t: 'table', rows: node.children.map((row) => row.children.map((cell) => this.inlines(cell.children))) };
  }

  inlines(nodes: readonly PhrasingContent[]): Inline[] {
    const result: Inline[] = [];
    for (const node of nodes) {
      for (const inline of this.inline(node)) {
        const last = result[result.length - 1];
        // Adjacent strings merge, so hyphenation and kerning see whole words.
        if (typeof inline === 'string' && typeof last === 'string') result[result.length - 1] = last + inline;
        else result.push(inline);
      }
    }
    return trimEnds(result);
  }

  private inline(node: PhrasingContent): Inline[] {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        return node.value ? [collapseSpace(node.value)] : [];
      case 'emphasis':
      case 'strong':
      case 'delete': {
        const c = this.inlines(node.children);
        return c.length > 0 ? [{ t: node.type === 'emphasis' ? 'em' : node.type === 'strong' ? 'strong' : 'del', c }] : [];
      }
      case 'break':
        return [{ t: 'br' }];
      case 'link': {
        const c = this.inlines(node.children);
        if (!isWebAddress(node.url)) return c;
        return [{ t: 'link', url: node.url, c: c.length > 0 ? c : [node.url] }];
      }
      case 'image':
        return node.data?.asset ? [picture(node)] : node.alt ? [collapseSpace(node.alt)] : [];
      case 'imageReference':
        return node.alt ? [collapseSpace(node.alt)] : [];
      case 'footnoteReference':
        return this.footnote(node.identifier);
      case 'html':
        return [];
      default:
        return 'children' in node ? this.inlines(node.children as PhrasingContent[]) : [];
    }
  }

  private footnote(identifier: string): Inline[] {
    const definition = this.definitions.get(identifier);
    if (!definition || this.expanding.has(identifier)) return [];
    this.expanding.add(identifier);
    const c = this.blocks(definition.children);
    this.expanding.delete(identifier);
    return [{ t: 'footnote', c }];
  }
}

/** An embedded image as the template draws it; white space around it in the paragraph is dropped with `trimEnds`. */
function picture(node: Image): Picture {
  return { t: 'image', src: storyImagePath(node.data!.asset!), alt: collapseSpace(node.alt ?? '').trim() };
}

function collectDefinitions(nodes: readonly RootContent[], into: Map<string, FootnoteDefinition>): void {
  for (const node of nodes) {
    if (node.type === 'footnoteDefinition' && !into.has(node.identifier)) into.set(node.identifier, node);
    if ('children' in node) collectDefinitions(node.children as RootContent[], into);
  }
}

/** Soft line breaks and runs of white space inside a paragraph are one space on the page. */
function collapseSpace(text: string): string {
  return text.replace(/[ \t\r\n]+/g, ' ');
}

/** Drops white space at the start and end of a paragraph, which would otherwise widen its first or last line. */
function trimEnds(inlines: Inline[]): Inline[] {
  const result = [...inlines];
  if (typeof result[0] === 'string') result[0] = result[0].trimStart();
  const last = result.length - 1;
  if (typeof result[last] === 'string') result[last] = (result[last] as string).trimEnd();
  return result.filter((inline) => inline !== '');
}

/** Links that make sense in a printed book's PDF: web and mail addresses. Anything else stays plain text. */
function isWebAddress(url: string): boolean {
  return /^(https?:\/\/|mailto:)\S+$/i.test(url.trim());
}

/** Whether a note's first paragraph opens with the author's own label (`A/N:`, `Author's note`, `Disclaimer:`). */
function startsWithOwnLabel(note: RootContent & { children: RootContent[] }): boolean {
  const first = note.children[0];
  return first?.type === 'paragraph' && classifyParagraph(toString(first)).role === 'labelled';
}
