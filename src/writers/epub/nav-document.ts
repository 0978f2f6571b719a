// The EPUB 3 navigation document (contents and landmarks) as a hast tree.
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { contentDocument, type WrittenDocument } from './content-document.ts';
import { indented } from '../xml-document.ts';
import type { BookPackage, NavPoint } from './book-plan.ts';

/** The EPUB 3 navigation document: the nested table of contents, then the hidden landmarks. */
export function navDocument(book: BookPackage): WrittenDocument {
  const toc = h('nav', { 'epub:type': 'toc', id: 'toc', className: 'contents', role: 'doc-toc' }, [h('h1', book.contentsTitle), h('ol', book.nav.map((point) => navItem(point, true)))]);
  const landmarks = h('nav', { 'epub:type': 'landmarks', id: 'landmarks', hidden: true }, [
    h('h2', book.landmarksTitle),
    h('ol', book.landmarks.map((landmark) => h('li', [h('a', { 'epub:type': landmark.type, href: landmark.href }, landmark.title)]))),
  ]);
  // Its XML tree goes with it: the Kindle check reads the contents' order from it instead of parsing it back.
  return contentDocument({ title: book.contentsTitle, language: book.language }, [text('  '), indented(toc, 1), text('\n  '), indented(landmarks, 1)], { xmlTree: true });
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
