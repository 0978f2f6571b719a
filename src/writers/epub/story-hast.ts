// Turns part of a story's mdast into hast with remark-rehype: chapter headings, scene breaks and author's notes.
import type { Heading, RootContent, Root as MdastRoot, FootnoteDefinition, Image, ImageReference } from 'mdast';
import type { Root as HastRoot, Element, ElementContent } from 'hast';
import { unified } from 'unified';
import remarkRehype, { type Options as RemarkRehypeOptions } from 'remark-rehype';
import { eachElement } from '../hast-elements.ts';
import type { SceneBreak, AuthorNote } from '../../story.ts';
import { markIllustrations, type StoryImages } from './story-images.ts';
import type { BookLabels } from '../../labels/index.ts';

type Handlers = NonNullable<RemarkRehypeOptions['handlers']>;

export interface HastConversion {
  /** The story's chapter headings, numbered from 1; each becomes `<h2 id="chapter-N">`. */
  chapterNumbers: ReadonlyMap<Heading, number>;
  /** The heading depth that marks chapters (see `chapterDepth`); deeper headings become h3–h6. */
  chapterDepth: number | undefined;
  /**
   * Prefix for footnote ids, distinct per output document, because footnote numbering restarts in each
   * document and two files of one story would otherwise share `fn-1`. Default: none.
   */
  footnotePrefix?: string;
  /** Every footnote definition of the story, so a chapter can show the notes it calls wherever they were written. */
  footnoteDefinitions?: FootnoteDefinition[];
  /**
   * Where pictures the story embeds are recorded: each becomes an `<img>` pointing at its file in the book.
   * Default: none, and images become their alt text (a lone XHTML body has no folder of pictures beside it).
   */
  images?: StoryImages;
  /** How scene breaks look: the theme's ornament. Default: a bare `<hr class="scene-break"/>`. */
  sceneBreak?: SceneBreakLook;
  /** The footnotes' heading and back links in the book's language. Default: remark-rehype's English. */
  labels?: BookLabels;
}

/** The theme's ornament as a scene break shows it. */
export interface SceneBreakLook {
  /** The ornament as text (`❧`, `* * *`): shown alone when there is no image, else the image's alt text. */
  glyph: string;
  /** The ornament's drawing inside the book (`images/ornament.svg`). Default: the glyph is shown as text. */
  image?: string;
}

/**
 * A scene break: `<div class="scene-break" role="separator">` holding the ornament as an inline `<img>` (the
 * glyph its alt text) or as the glyph itself. Content, not a CSS background, because Calibre's KF8 (AZW3)
 * output drops backgrounds and a content-less block vanishes at a page edge. A separator's children are
 * presentational, so screen readers announce the break, not the glyph. Without a look, a bare `<hr>`.
 */
export function sceneBreakElement(look: SceneBreakLook | undefined): Element {
  if (!look || !look.glyph.trim()) return { type: 'element', tagName: 'hr', properties: { className: ['scene-break'] }, children: [] };
  const ornament: Element = look.image
    ? { type: 'element', tagName: 'img', properties: { className: ['ornament'], src: look.image, alt: look.glyph }, children: [] }
    : { type: 'element', tagName: 'span', properties: { className: ['ornament'] }, children: [{ type: 'text', value: look.glyph }] };
  return { type: 'element', tagName: 'div', properties: { className: ['scene-break'], role: 'separator' }, children: [ornament] };
}

/** Every footnote definition in a story tree, wherever it sits. */
export function collectFootnoteDefinitions(tree: MdastRoot): FootnoteDefinition[] {
  const definitions: FootnoteDefinition[] = [];
  const collect = (parent: { children?: unknown[] }) => {
    for (const child of (parent.children ?? []) as MdastRoot['children']) {
      if (child.type === 'footnoteDefinition') definitions.push(child);
      if ('children' in child) collect(child);
    }
  };
  collect(tree);
  return definitions;
}

/**
 * Converts story blocks to hast. Raw HTML is dropped (remark-rehype's `allowDangerousHtml` stays off). Images that
 * carry their picture become `<img>` when `conversion.images` records them; every other image becomes its alt
 * text (a book never fetches anything). The `<img>` never passes through epub-gen-memory, which would rename it.
 */
export function blocksToHast(blocks: RootContent[], conversion: HastConversion): HastRoot {
  const present = new Set(blocks);
  const missingDefinitions = (conversion.footnoteDefinitions ?? []).filter((definition) => !present.has(definition));
  const root: MdastRoot = { type: 'root', children: [...blocks, ...missingDefinitions] };
  const options: RemarkRehypeOptions = {
    allowDangerousHtml: false,
    clobberPrefix: conversion.footnotePrefix ?? '',
    footnoteLabelTagName: 'h3',
    footnoteLabelProperties: { className: ['footnotes-title'] },
    ...(conversion.labels && {
      footnoteLabel: conversion.labels.text('footnotes'),
      footnoteBackLabel: (referenceIndex: number, rereferenceIndex: number) =>
        conversion.labels!.text('back-to-reference', { number: `${referenceIndex + 1}${rereferenceIndex > 1 ? `-${rereferenceIndex}` : ''}` }),
    }),
    handlers: storyHandlers(conversion),
  };
  const tree = unified().use(remarkRehype, options).runSync(root);
  moveTableAlignmentToStyle(tree);
  if (conversion.images) markIllustrations(tree);
  return tree;
}

function storyHandlers(conversion: HastConversion): Handlers {
  return {
    heading(state, node: Heading) {
      const number = conversion.chapterNumbers.get(node);
      const depth = conversion.chapterDepth ?? node.depth;
      const level = number === undefined ? Math.min(6, Math.max(3, 2 + node.depth - depth)) : 2;
      const result: Element = {
        type: 'element',
        tagName: `h${level}`,
        properties: number === undefined ? {} : { id: `chapter-${number}`, className: ['chapter-title'] },
        children: state.all(node),
      };
      state.patch(node, result);
      return state.applyData(node, result);
    },
    sceneBreak(state, node: SceneBreak) {
      const result = sceneBreakElement(conversion.sceneBreak);
      state.patch(node, result);
      return state.applyData(node, result);
    },
    authorNote(state, node: AuthorNote) {
      const className = node.kind === 'disclaimer' ? ['author-note', 'disclaimer'] : ['author-note'];
      const result: Element = {
        type: 'element',
        tagName: 'aside',
        properties: { className, role: 'note' },
        children: state.wrap(state.all(node), true),
      };
      state.patch(node, result);
      return state.applyData(node, result);
    },
    image(state, node: Image) {
      const picture = conversion.images?.element(node);
      if (!picture) return altText(node);
      state.patch(node, picture);
      return picture;
    },
    imageReference: (_state, node: ImageReference) => altText(node),
  };
}

function altText(node: Image | ImageReference): ElementContent | undefined {
  return node.alt ? { type: 'text', value: node.alt } : undefined;
}

/** remark-rehype writes `align` on table cells, which HTML5 (and so EPUBCheck) rejects; CSS says the same. */
function moveTableAlignmentToStyle(tree: HastRoot): void {
  eachElement(tree, (element) => {
    const align = element.properties.align;
    if (align === undefined || align === null) return;
    delete element.properties.align;
    if (typeof align === 'string' && /^(left|right|center)$/.test(align)) {
      element.properties.style = `text-align: ${align}`;
    }
  });
}
