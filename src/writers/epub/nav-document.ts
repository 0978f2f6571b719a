// XHTML documents as hast trees: the shell every content document shares, and the navigation document (contents and landmarks).
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { xhtmlDocument } from '../xhtml.ts';
import { indented } from '../xml-document.ts';
import type { BookPackage, NavPoint } from './book-plan.ts';

export interface DocumentHead {
  title: string;
  /** BCP 47 tag for `xml:lang` and `lang`. */
  language: string;
  bodyClass?: string;
}

/** A whole content document: head (title, the book's stylesheet) and a body holding `body` on lines of its own. */
export function contentDocument(head: DocumentHead, body: ElementContent | ElementContent[] | Root): string {
  const content = Array.isArray(body) ? body : body.type === 'root' ? (body.children as ElementContent[]) : [body];
  const headElement = indented(h('head', [h('title', head.title), h('link', { rel: 'stylesheet', type: 'text/css', href: 'style.css' })]));
  const bodyElement = h('body', { className: head.bodyClass || undefined }, ['\n', ...content, '\n']);
  const html = h('html', { xmlns: 'http://www.w3.org/1999/xhtml', 'xmlns:epub': 'http://www.idpf.org/2007/ops', 'xml:lang': head.language, lang: head.language }, [
    '\n',
    headElement,
    '\n',
    bodyElement,
    '\n',
  ]);
  return xhtmlDocument(html);
}

/** The EPUB 3 navigation document: the nested table of contents, then the hidden landmarks. */
export function navDocument(book: BookPackage): string {
  const toc = h('nav', { 'epub:type': 'toc', id: 'toc', className: 'contents', role: 'doc-toc' }, [h('h1', book.contentsTitle), h('ol', book.nav.map((point) => navItem(point, true)))]);
  const landmarks = h('nav', { 'epub:type': 'landmarks', id: 'landmarks', hidden: true }, [
    h('h2', book.landmarksTitle),
    h('ol', book.landmarks.map((landmark) => h('li', [h('a', { 'epub:type': landmark.type, href: landmark.href }, landmark.title)]))),
  ]);
  return contentDocument({ title: book.contentsTitle, language: book.language }, [text('  '), indented(toc, 1), text('\n  '), indented(landmarks, 1)]);
}

function text(value: string): ElementContent {
  return { type: 'text', value };
}

/**
 * `<li><a>title</a></li>`; a story's title in `span.toc-title` and its byline in `span.toc-authors` inside its link (EPUB's nav allows nothing else beside the link but
 * a nested list), its chapters nested. Classes let the theme set each part; structure.css lays them out.
 */
function navItem(point: NavPoint, story = false): Element {
  const link = story
    ? h('a', { href: point.href }, [h('span.toc-title', point.title), ...(point.byline ? [' ', h('span.toc-authors', point.byline)] : [])])
    : h('a', { href: point.href }, point.title);
  return h('li', point.children.length > 0 ? [link, h('ol', point.children.map((child) => navItem(child)))] : [link]);
}
