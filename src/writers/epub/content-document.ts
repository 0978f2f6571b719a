// The shell every XHTML content document of the book shares: head (title, the book's stylesheet), language, body class.
import type { ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { Root as XmlRoot } from 'xast';
import { xhtmlDocument, xhtmlTree } from '../xhtml.ts';
import { indented } from '../xml-document.ts';
import { declaresUtf8, factsOfHast, type DocumentFacts } from '../kindle/document-facts.ts';

export interface DocumentHead {
  title: string;
  /** BCP 47 tag for `xml:lang` and `lang`. */
  language: string;
  bodyClass?: string;
}

/** A content document as written, with what the Kindle check reads from it, taken from the tree it was written from. */
export interface WrittenDocument {
  xhtml: string;
  facts: DocumentFacts;
  /** The XML tree a parser reads from `xhtml`, when asked for (`xmlTree`). */
  tree?: XmlRoot;
}

/** A whole content document: head (title, the book's stylesheet) and a body holding `body` on lines of its own. */
export function contentDocument(head: DocumentHead, body: ElementContent | ElementContent[] | Root, { xmlTree = false } = {}): WrittenDocument {
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
  const xhtml = xhtmlDocument(html);
  return { xhtml, facts: factsOfHast(html, declaresUtf8(xhtml)), tree: xmlTree ? xhtmlTree(html) : undefined };
}
