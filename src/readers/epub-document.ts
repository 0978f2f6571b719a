// One content document of an EPUB's spine, parsed: what the EPUB reader and the reader of ficbind's own books share.
import type { Element, Root as HastRoot } from 'hast';

/** One content document of the spine, parsed; positions are offsets into `text`. */
export interface EpubDocument {
  path: string;
  text: string;
  tree: HastRoot;
  body: Element;
}
