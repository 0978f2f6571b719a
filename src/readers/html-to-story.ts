// Turns sanitized HTML (hast) into story blocks (mdast): paragraphs, headings, `<hr>` scene breaks, legacy tags kept in meaning.
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { BlockContent, Heading, List, ListItem, Paragraph, PhrasingContent, RootContent, Table, TableCell, TableRow, Text } from 'mdast';
import type {} from 'mdast-util-to-hast';
import { toText } from 'hast-util-to-text';
import type { VFile } from 'vfile';
import type { Point } from 'unist';
import type { AuthorNote, SceneBreak } from '../story.ts';
import type { ImageSource } from './html-images.ts';
import { finishText, sourcedText, sourcesOf, trimLines, type SourcedText } from './html-text.ts';
import { ficbindClasses, leafStyleClasses } from './html-sanitize.ts';

export interface HtmlConversion {
  /** The decoded input: positions point into `file.value`; warnings (dropped images) land on it. */
  file: VFile;
  images: ImageSource;
  /** No heading comes out shallower than this: 3 when the reader makes the chapter headings (depth 2) itself. */
  minHeadingDepth?: number;
}

type LeafStyle = (typeof leafStyleClasses)[number];
type Wrapper = 'emphasis' | 'strong' | 'delete';

/** What an element around the current one passes down. */
interface Scope {
  align?: 'center' | 'right';
  /** Inline elements that held whole blocks (`<i><p>…</p></i>`): applied to every paragraph inside. */
  wrappers: Wrapper[];
  styles: LeafStyle[];
}

/**
 * Styles mdast has no node for ride on the text nodes as `data.hName`/`hProperties`, which remark-rehype turns
 * into the element; text and Markdown output just show the text. The CSS is written here, never taken from input.
 */
const leafMarkup: Record<LeafStyle, { tagName: string; css: string }> = {
  u: { tagName: 'u', css: 'text-decoration: underline' },
  ins: { tagName: 'ins', css: 'text-decoration: underline' },
  big: { tagName: 'span', css: 'font-size: larger' },
  small: { tagName: 'small', css: 'font-size: smaller' },
  sub: { tagName: 'sub', css: 'vertical-align: sub; font-size: smaller' },
  sup: { tagName: 'sup', css: 'vertical-align: super; font-size: smaller' },
  tt: { tagName: 'span', css: 'font-family: monospace' },
};

const alignmentMarkup = {
  center: { className: [ficbindClasses.centered], style: 'text-align: center; text-indent: 0' },
  right: { className: [ficbindClasses.rightAligned], style: 'text-align: right; text-indent: 0' },
};

const wrapperTags: Record<string, Wrapper> = {
  i: 'emphasis', em: 'emphasis', cite: 'emphasis', dfn: 'emphasis', var: 'emphasis',
  b: 'strong', strong: 'strong',
  s: 'delete', strike: 'delete', del: 'delete',
};
const leafTags: Record<string, LeafStyle> = { u: 'u', ins: 'ins', big: 'big', small: 'small', sub: 'sub', sup: 'sup', tt: 'tt' };
const inlineTags = new Set([
  ...Object.keys(wrapperTags), ...Object.keys(leafTags), 'a', 'abbr', 'acronym', 'br', 'code', 'font', 'img', 'kbd',
  'mark', 'q', 'rp', 'rt', 'ruby', 'samp', 'span', 'time', 'wbr',
]);
const safeLink = /^(?:https?:\/\/|mailto:)/i;

/** Story blocks from sanitized HTML. */
export function htmlToBlocks(tree: HastRoot, conversion: HtmlConversion): RootContent[] {
  return new Converter(conversion).blocks(tree.children as ElementContent[], { wrappers: [], styles: [] });
}

/** Inline content (a title, a chapter heading) from sanitized HTML, on one line. */
export function htmlToPhrasing(tree: HastRoot, conversion: HtmlConversion): PhrasingContent[] {
  const converter = new Converter(conversion);
  const paragraph = converter.paragraph(converter.phrasing(tree.children as ElementContent[], [], true), { wrappers: [], styles: [] });
  return paragraph?.children ?? [];
}

class Converter {
  constructor(private readonly conversion: HtmlConversion) {}

  blocks(nodes: ElementContent[], scope: Scope): RootContent[] {
    const result: RootContent[] = [];
    let inline: ElementContent[] = [];
    const flush = () => {
      if (inline.length > 0) result.push(...this.paragraphs(inline, scope));
      inline = [];
    };
    for (const node of nodes) {
      if (node.type === 'text' || (node.type === 'element' && inlineTags.has(node.tagName) && !holdsBlocks(node))) inline.push(node);
      else if (node.type === 'element') flush(), result.push(...this.block(node, scope));
    }
    flush();
    return result;
  }

  private block(element: Element, outer: Scope): RootContent[] {
    const scope = withAlignment(element, outer);
    const tag = element.tagName;
    if (/^h[1-6]$/.test(tag)) return this.heading(element, Number(tag[1]));
    if (tag === 'hr' || (tag === 'div' && hasClass(element, ficbindClasses.sceneBreak))) return [this.sceneBreak(element)];
    if (tag === 'blockquote') return nonEmpty(this.blocks(element.children, scope), (children) => ({ type: 'blockquote', children: children as BlockContent[], position: element.position }));
    if (tag === 'aside' && hasClass(element, ficbindClasses.note)) {
      const kind = hasClass(element, ficbindClasses.disclaimer) ? 'disclaimer' : 'note';
      return nonEmpty(this.blocks(element.children, scope), (children): AuthorNote => ({ type: 'authorNote', kind, children: children as BlockContent[], position: element.position }));
    }
    if (tag === 'ul' || tag === 'ol') return this.list(element, scope);
    if (tag === 'table') return this.table(element, scope);
    if (tag === 'pre') return [{ type: 'code', value: toText(element, { whitespace: 'pre' }).replace(/\n$/, ''), position: element.position }];
    if (inlineTags.has(tag)) return this.blocks(element.children, withInline(element, scope));
    // p, div, center, section, dd, li outside a list…: a container; its loose inline content makes paragraphs.
    return this.blocks(element.children, tag === 'center' ? { ...scope, align: 'center' } : scope);
  }

  private heading(element: Element, level: number): Heading[] {
    const children = this.finish(trimLines(this.phrasing(element.children, [], true)));
    if (children.length === 0) return [];
    const depth = Math.min(6, Math.max(level, this.conversion.minHeadingDepth ?? 1)) as Heading['depth'];
    return [{ type: 'heading', depth, children, position: contentSpan(children) ?? element.position }];
  }

  private sceneBreak(element: Element): SceneBreak {
    const { start, end } = element.position ?? {};
    const source = start?.offset !== undefined && end?.offset !== undefined ? String(this.conversion.file.value).slice(start.offset, end.offset) : '';
    return { type: 'sceneBreak', marker: source.trim() || '<hr>', position: element.position };
  }

  private list(element: Element, scope: Scope): List[] {
    const items: ListItem[] = [];
    for (const child of element.children) {
      if (child.type !== 'element') continue;
      const children = this.blocks(child.tagName === 'li' ? child.children : [child], scope) as BlockContent[];
      if (children.length > 0) items.push({ type: 'listItem', spread: false, children, position: child.position });
    }
    if (items.length === 0) return [];
    return [{ type: 'list', ordered: element.tagName === 'ol', spread: false, children: items, position: element.position }];
  }

  private table(element: Element, scope: Scope): RootContent[] {
    const caption: RootContent[] = [];
    const rows: TableRow[] = [];
    const visitRows = (parent: Element) => {
      for (const child of parent.children) {
        if (child.type !== 'element') continue;
        if (child.tagName === 'caption') caption.push(...this.blocks(child.children, scope));
        else if (child.tagName === 'tr') rows.push(this.row(child));
        else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') visitRows(child);
      }
    };
    visitRows(element);
    const filled = rows.filter((row) => row.children.some((cell) => cell.children.length > 0));
    if (filled.length === 0) return caption;
    const table: Table = { type: 'table', align: [], children: filled, position: element.position };
    return [...caption, table];
  }

  private row(element: Element): TableRow {
    const cells: TableCell[] = [];
    for (const child of element.children) {
      if (child.type !== 'element' || (child.tagName !== 'td' && child.tagName !== 'th')) continue;
      cells.push({ type: 'tableCell', children: this.finish(trimLines(this.phrasing(child.children, [], true))), position: child.position });
    }
    return { type: 'tableRow', children: cells, position: element.position };
  }

  /** Loose inline content: paragraphs split where two line breaks or more follow each other. */
  private paragraphs(nodes: ElementContent[], scope: Scope): Paragraph[] {
    const paragraphs: Paragraph[] = [];
    let current: PhrasingContent[] = [];
    let breaks: PhrasingContent[] = [];
    const close = () => {
      const paragraph = this.paragraph(current, scope);
      if (paragraph) paragraphs.push(paragraph);
      current = [];
    };
    for (const node of this.phrasing(nodes, scope.styles, false)) {
      if (node.type === 'break') breaks.push(node);
      else if (node.type === 'text' && node.value.trim() === '' && breaks.length > 0) continue;
      else {
        if (breaks.length >= 2) close();
        else current.push(...breaks);
        breaks = [];
        current.push(node);
      }
    }
    close();
    return paragraphs;
  }

  paragraph(nodes: PhrasingContent[], scope: Scope): Paragraph | undefined {
    let children = this.finish(trimLines(nodes));
    if (children.length === 0) return undefined;
    const position = contentSpan(children);
    for (const wrapper of [...scope.wrappers].reverse()) children = [{ type: wrapper, children, position } as PhrasingContent];
    const paragraph: Paragraph = { type: 'paragraph', children, position };
    if (scope.align) paragraph.data = { hProperties: { ...alignmentMarkup[scope.align] } };
    return paragraph;
  }

  phrasing(nodes: ElementContent[], styles: LeafStyle[], oneLine: boolean): PhrasingContent[] {
    const result: PhrasingContent[] = [];
    for (const node of nodes) {
      if (node.type === 'text') result.push(this.text(node.value === '' ? { value: '' } : sourcedText(node, this.conversion.file), styles));
      else if (node.type === 'element') result.push(...this.inlineElement(node, styles, oneLine));
    }
    return result;
  }

  private inlineElement(element: Element, styles: LeafStyle[], oneLine: boolean): PhrasingContent[] {
    const tag = element.tagName;
    const children = (nested = styles) => this.phrasing(element.children, nested, oneLine);
    if (tag === 'br') return [oneLine ? { type: 'text', value: ' ', position: element.position } : { type: 'break', position: element.position }];
    if (tag === 'img') return this.image(element);
    if (wrapperTags[tag]) return [this.wrap(wrapperTags[tag], children(), element, tag === 's' || tag === 'strike' ? 's' : undefined)];
    if (tag === 'code' || tag === 'kbd' || tag === 'samp') {
      const value = toText(element, { whitespace: 'normal' }).replace(/\s+/g, ' ');
      return value.trim() ? [{ type: 'inlineCode', value, position: element.position }] : [];
    }
    if (tag === 'q') return [this.text({ value: '"' }, styles), ...children(), this.text({ value: '"' }, styles)];
    const url = tag === 'a' ? linkTarget(element) : undefined;
    if (url) return [{ type: 'link', url, children: children() as never, position: element.position }];
    if (!inlineTags.has(tag) && !oneLine) return children(); // A block inside inline content (a heading in a table cell).
    return children([...styles, ...stylesOf(element)]);
  }

  private wrap(type: Wrapper, children: PhrasingContent[], element: Element, hName?: string): PhrasingContent {
    const node = { type, children, position: element.position } as PhrasingContent;
    if (hName) node.data = { hName };
    return node;
  }

  private text(text: SourcedText, styles: LeafStyle[]): Text {
    const node: Text = { type: 'text', value: text.value };
    const data = leafData(styles);
    if (data) node.data = data;
    sourcesOf.set(node, text);
    return node;
  }

  private image(element: Element): PhrasingContent[] {
    const src = typeof element.properties.src === 'string' ? element.properties.src : '';
    const alt = typeof element.properties.alt === 'string' ? element.properties.alt.trim() : '';
    const found = this.conversion.images.load(src);
    if ('asset' in found) return [{ type: 'image', url: found.asset.id, alt, data: { asset: found.asset, source: src }, position: element.position }];
    const name = alt ? ` “${alt}”` : '';
    const message = this.conversion.file.message(`Unexpected image${name}: ${found.problem}; expected a JPEG, PNG or GIF file beside the story. The image was left out`, {
      place: element.position,
      ruleId: 'html-image',
      source: 'ficbind',
    });
    message.fatal = false;
    return [];
  }

  /** `<b> nothing </b>` shows as `**nothing**` with the spaces outside: a space at a wrapper's edge moves out of it. */
  private hoistEdgeSpaces(node: PhrasingContent & { children: PhrasingContent[] }): PhrasingContent[] {
    const first = node.children[0];
    const last = node.children[node.children.length - 1];
    const before = first.type === 'text' && first.value.length > 1 && first.value.startsWith(' ') ? this.splitText(first, 1, 'before') : undefined;
    const after = last.type === 'text' && last.value.length > 1 && last.value.endsWith(' ') ? this.splitText(last, last.value.length - 1, 'after') : undefined;
    return [...(before ? [before] : []), node, ...(after ? [after] : [])];
  }

  /** Cuts a finished text node at `at`, keeping the `side` part in the node and returning the other part as a new one. */
  private splitText(node: Text, at: number, side: 'before' | 'after'): Text {
    const offsets = (node.data as { sourceOffsets?: number[] } | undefined)?.sourceOffsets;
    const start = node.position?.start.offset;
    const absolute = start === undefined ? undefined : Array.from({ length: node.value.length + 1 }, (_, index) => start + (offsets ? offsets[index] : index));
    const head = { value: node.value.slice(0, at), offsets: absolute?.slice(0, at + 1) };
    const tail = { value: node.value.slice(at), offsets: absolute?.slice(at) };
    const { sourceOffsets: _, ...data } = (node.data ?? {}) as Record<string, unknown>;
    const [kept, cut] = side === 'before' ? [tail, head] : [head, tail];
    Object.assign(node, finishText(kept, this.conversion.file, data as Text['data']));
    return finishText(cut, this.conversion.file);
  }

  /** Places the text nodes (position, source map) and drops the empty ones. */
  private finish(nodes: PhrasingContent[]): PhrasingContent[] {
    const result: PhrasingContent[] = [];
    for (const node of nodes) {
      if (node.type === 'text') {
        const source = sourcesOf.get(node);
        if (node.value === '') continue;
        result.push(source ? finishText({ ...source, value: node.value }, this.conversion.file, node.data) : node);
      } else if ('children' in node) {
        node.children = this.finish(node.children) as never;
        if (node.children.length > 0) result.push(...this.hoistEdgeSpaces(node));
      } else {
        result.push(node);
      }
    }
    return result;
  }
}

const blockTags = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'center', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'table', 'ul',
]);

/** An inline element wrapped around blocks (`<font><p>…</p></font>`), which HTML parsers let through. */
function holdsBlocks(element: Element): boolean {
  return element.children.some((child) => child.type === 'element' && (blockTags.has(child.tagName) || holdsBlocks(child)));
}

/** A link's address when it is a well-formed web or mail address; anything else keeps only the link's text. */
function linkTarget(element: Element): string | undefined {
  const href = typeof element.properties.href === 'string' ? element.properties.href.trim() : '';
  if (!safeLink.test(href)) return undefined;
  try {
    return new URL(href).href;
  } catch {
    return undefined;
  }
}

function nonEmpty<T>(children: RootContent[], make: (children: RootContent[]) => T): T[] {
  return children.length > 0 ? [make(children)] : [];
}

function hasClass(element: Element, name: string): boolean {
  const className = element.properties.className;
  return Array.isArray(className) && className.includes(name);
}

function withAlignment(element: Element, scope: Scope): Scope {
  const align = element.properties.align;
  if (align === 'center' || align === 'right') return { ...scope, align };
  if (align === 'left' || align === 'justify') return { ...scope, align: undefined };
  return scope;
}

/** The scope inside an inline element that holds blocks: its emphasis or style applies to all of them. */
function withInline(element: Element, scope: Scope): Scope {
  const wrapper = wrapperTags[element.tagName];
  if (wrapper) return { ...scope, wrappers: [...scope.wrappers, wrapper] };
  return { ...scope, styles: [...scope.styles, ...stylesOf(element)] };
}

/** Leaf styles an inline element adds: its own tag, `<font size>`, or the classes of a span ficbind wrote. */
function stylesOf(element: Element): LeafStyle[] {
  const tag = element.tagName;
  if (leafTags[tag]) return [leafTags[tag]];
  if (tag === 'span' && Array.isArray(element.properties.className)) {
    return leafStyleClasses.filter((style) => (element.properties.className as unknown[]).includes(style));
  }
  return [];
}

function leafData(styles: LeafStyle[]): Text['data'] | undefined {
  const unique = [...new Set(styles)];
  if (unique.length === 0) return undefined;
  if (unique.length === 1 && leafMarkup[unique[0]].tagName !== 'span') return { hName: leafMarkup[unique[0]].tagName };
  return { hName: 'span', hProperties: { className: unique, style: unique.map((style) => leafMarkup[style].css).join('; ') } };
}

/** From the first placed leaf's start to the last one's end: the text a reader sees, without the tags around it. */
function contentSpan(nodes: PhrasingContent[]): Paragraph['position'] {
  const start = edgePoint(nodes, 'start');
  const end = edgePoint(nodes, 'end');
  return start && end ? { start, end } : undefined;
}

/** The start of the first leaf or the end of the last one, found by walking down (once: a lone child is first and last). */
function edgePoint(nodes: PhrasingContent[], edge: 'start' | 'end'): Point | undefined {
  let node = edge === 'start' ? nodes[0] : nodes[nodes.length - 1];
  while (node && 'children' in node) node = (edge === 'start' ? node.children[0] : node.children[node.children.length - 1]) as PhrasingContent;
  return node?.position?.[edge];
}
