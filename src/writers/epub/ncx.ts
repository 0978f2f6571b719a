// The EPUB 2 table of contents (toc.ncx) for old readers: the same story → chapter nesting as the nav, as an xast tree.
import { x } from 'xastscript';
import type { Element } from 'xast';
import { serializeXml, xmlDocument } from '../xml-document.ts';
import type { BookPackage, NavPoint } from './book-plan.ts';

export function ncxDocument(book: BookPackage): string {
  const head = [
    ['dtb:uid', book.identifier],
    ['dtb:depth', String(book.navDepth)],
    ['dtb:totalPageCount', '0'],
    ['dtb:maxPageNumber', '0'],
  ].map(([name, content]) => x('meta', { name, content }));
  const ncx = x('ncx', { xmlns: 'http://www.daisy.org/z3986/2005/ncx/', version: '2005-1', 'xml:lang': book.language }, [
    x('head', head),
    x('docTitle', [x('text', book.title)]),
    ...book.editors.map((editor) => x('docAuthor', [x('text', editor.name)])),
    x('navMap', book.nav.map(navPoint)),
  ]);
  return serializeXml(xmlDocument(ncx));
}

function navPoint(point: NavPoint): Element {
  return x('navPoint', { id: point.id, playOrder: String(point.playOrder) }, [
    x('navLabel', [x('text', point.title)]),
    x('content', { src: point.href }),
    ...point.children.map(navPoint),
  ]);
}
