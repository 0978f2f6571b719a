// The anthology's title page (title, subtitle, the theme's ornament, editors) and its colophon page.
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { AnthologyMeta } from '../../story.ts';
import { joinNames, onSeparateLines } from './story-opener.ts';

export function titlePage(meta: AnthologyMeta, ornament?: string): Element {
  const children: ElementContent[] = [h('h1.book-title', meta.title)];
  if (meta.subtitle) children.push(h('p.book-subtitle', meta.subtitle));
  if (ornament) children.push(ornamentParagraph(ornament));
  if (meta.editors.length > 0) children.push(h('p.book-editors', `Edited by ${joinNames(meta.editors)}`));
  return h('section.titlepage', { 'epub:type': 'titlepage' }, onSeparateLines(children));
}

/** `<section class="colophon" role="doc-colophon">`: the ornament, then one paragraph per line. */
export function colophonPage(lines: readonly string[], ornament?: string): Element {
  const children: ElementContent[] = [];
  if (ornament) children.push(ornamentParagraph(ornament));
  children.push(...lines.map((line) => h('p', line)));
  return h('section.colophon', { 'epub:type': 'colophon', role: 'doc-colophon' }, onSeparateLines(children));
}

function ornamentParagraph(ornament: string): Element {
  return h('p.ornament', { ariaHidden: 'true' }, ornament);
}
