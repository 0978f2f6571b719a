// Makes one XHTML document Kobo-ready: Kobo's style block, the body inside div#book-columns > div#book-inner, sentence spans.
import type { Element, Root } from 'xast';
import { attribute, elementsNamed } from '../../xml.ts';
import { addKoboSpans, hasKoboSpans } from './kobo-spans.ts';

/**
 * The style Kobo's own KEPUBs carry, trimmed as kepubify trims it: the wrapper divs must add no margins (the
 * font-size and link-colour rules of Kobo's version fight the book's own stylesheet).
 */
export const koboStyle = 'div#book-inner { margin-top: 0; margin-bottom: 0; }';

/**
 * Transforms the document in place and returns true, or returns false and leaves it alone when it has no
 * `<head>` and `<body>` or was made Kobo-ready before. `fallbackLanguage` (the book's) segments sentences when
 * the document's root names no language.
 */
export function koboDocument(tree: Root, fallbackLanguage: string): boolean {
  const html = elementsNamed(tree, 'html')[0];
  const head = html && elementsNamed(html, 'head')[0];
  const body = html && elementsNamed(html, 'body')[0];
  if (!html || !head || !body || hasKoboSpans(body)) return false;

  const language = attribute(html, 'xml:lang') || attribute(html, 'lang') || fallbackLanguage;
  addKoboSpans(body, language);
  wrapBody(body);
  head.children.push(
    { type: 'element', name: 'style', attributes: { type: 'text/css', class: 'kobostylehacks' }, children: [{ type: 'text', value: koboStyle }] },
    { type: 'text', value: '\n' },
  );
  return true;
}

/** `<body>…</body>` becomes `<body><div id="book-columns"><div id="book-inner">…</div></div></body>`, Kobo's page frame. */
function wrapBody(body: Element): void {
  if (elementsNamed(body, 'div').some((div) => attribute(div, 'id') === 'book-columns')) return;
  const inner: Element = { type: 'element', name: 'div', attributes: { id: 'book-inner' }, children: body.children };
  const columns: Element = { type: 'element', name: 'div', attributes: { id: 'book-columns' }, children: [inner] };
  body.children = [columns];
}

/**
 * Marks the cover image `cover-image` in an EPUB 3 package, finding it through EPUB 2's `<meta name="cover">`
 * as Kobo does. Returns true when the package changed. (EPUB 2 packages have no `properties` attribute.)
 */
export function markCoverImage(opf: Root, version: string): boolean {
  if (!version.startsWith('3')) return false;
  const items = elementsNamed(opf, 'item');
  if (items.some((item) => (attribute(item, 'properties') ?? '').split(/\s+/).includes('cover-image'))) return false;
  const coverId = elementsNamed(opf, 'meta').find((meta) => attribute(meta, 'name') === 'cover')?.attributes.content;
  const cover = items.find((item) => attribute(item, 'id') === coverId && (attribute(item, 'media-type') ?? '').startsWith('image/'));
  if (!cover) return false;
  const properties = attribute(cover, 'properties');
  cover.attributes.properties = properties ? `${properties} cover-image` : 'cover-image';
  return true;
}
