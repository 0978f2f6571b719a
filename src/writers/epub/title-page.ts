// The anthology's title page (title, subtitle, the theme's ornament, editors) and its colophon page.
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { AnthologyMeta } from '../../story.ts';
import type { BookLabels } from '../../labels/index.ts';
import { namesWithin, onSeparateLines } from './story-opener.ts';

export function titlePage(meta: AnthologyMeta, labels: BookLabels, ornament?: string): Element {
  const children: ElementContent[] = [h('h1.book-title', meta.title)];
  if (meta.subtitle) children.push(h('p.book-subtitle', meta.subtitle));
  if (ornament) children.push(ornamentParagraph(ornament));
  if (meta.editors.length > 0) children.push(h('p.book-editors', namesWithin(labels.text('edited-by', { names: '\u0000' }), meta.editors, labels)));
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
