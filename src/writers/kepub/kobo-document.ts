// Makes one XHTML document Kobo-ready, as a new tree: Kobo's style block, the body inside div#book-columns > div#book-inner, sentence spans.
import type { Element, Root } from 'xast';
import { attribute, elementsNamed } from '../../xml.ts';
import { hasKoboSpans, withKoboSpans } from './kobo-spans.ts';

/**
 * The style Kobo's own KEPUBs carry, trimmed as kepubify trims it: the wrapper divs must add no margins (the
 * font-size and link-colour rules of Kobo's version fight the book's own stylesheet).
 */
export const koboStyle = 'div#book-inner { margin-top: 0; margin-bottom: 0; }';

/**
 * The document made Kobo-ready, or undefined when it has no `<head>` and `<body>` or was made Kobo-ready before.
 * The given tree is left as it was (the EPUB's checks share it): only the elements on the way to the changes are
 * new. `fallbackLanguage` (the book's) segments sentences when the document's root names no language.
 */
export function koboDocument(tree: Root, fallbackLanguage: string): Root | undefined {
  const html = elementsNamed(tree, 'html')[0];
  const head = html && elementsNamed(html, 'head')[0];
  const body = html && elementsNamed(html, 'body')[0];
  if (!html || !head || !body || hasKoboSpans(body)) return undefined;

  const language = attribute(html, 'xml:lang') || attribute(html, 'lang') || fallbackLanguage;
  const style: Element = { type: 'element', name: 'style', attributes: { type: 'text/css', class: 'kobostylehacks' }, children: [{ type: 'text', value: koboStyle }] };
  const changes = new Map<Element, Element>([
    [head, { ...head, children: [...head.children, style, { type: 'text', value: '\n' }] }],
    [body, framedBody(withKoboSpans(body, language))],
  ]);
  return withChanges(tree, changes);
}

/** `<body>…</body>` becomes `<body><div id="book-columns"><div id="book-inner">…</div></div></body>`, Kobo's page frame. */
function framedBody(body: Element): Element {
  if (elementsNamed(body, 'div').some((div) => attribute(div, 'id') === 'book-columns')) return body;
  const inner: Element = { type: 'element', name: 'div', attributes: { id: 'book-inner' }, children: body.children };
  const columns: Element = { type: 'element', name: 'div', attributes: { id: 'book-columns' }, children: [inner] };
  return { ...body, children: [columns] };
}

/** A copy of `node` with each element that is a key of `changes` replaced by its value; untouched subtrees are shared. */
function withChanges<T extends Root | Element>(node: T, changes: Map<Element, Element>): T {
  let changed = false;
  const children = node.children.map((child) => {
    if (child.type !== 'element') return child;
    const next = changes.get(child) ?? withChanges(child, changes);
    if (next !== child) changed = true;
    return next;
  });
  return changed ? { ...node, children } : node;
}

/**
 * The package with its cover image marked `cover-image` (EPUB 3), found through EPUB 2's `<meta name="cover">` as
 * Kobo does; undefined when there is nothing to mark (EPUB 2 packages have no `properties` attribute). The given
 * tree is left as it was.
 */
export function markCoverImage(opf: Root, version: string): Root | undefined {
  if (!version.startsWith('3')) return undefined;
  const items = elementsNamed(opf, 'item');
  if (items.some((item) => (attribute(item, 'properties') ?? '').split(/\s+/).includes('cover-image'))) return undefined;
  const coverId = elementsNamed(opf, 'meta').find((meta) => attribute(meta, 'name') === 'cover')?.attributes.content;
  const cover = items.find((item) => attribute(item, 'id') === coverId && (attribute(item, 'media-type') ?? '').startsWith('image/'));
  if (!cover) return undefined;
  const properties = attribute(cover, 'properties');
  const marked: Element = { ...cover, attributes: { ...cover.attributes, properties: properties ? `${properties} cover-image` : 'cover-image' } };
  return withChanges(opf, new Map([[cover, marked]]));
}
