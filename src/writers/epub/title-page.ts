// The anthology's title page: title, subtitle and editors.
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { AnthologyMeta } from '../../story.ts';
import { joinNames, onSeparateLines } from './story-opener.ts';

export function titlePage(meta: AnthologyMeta): Element {
  const children: ElementContent[] = [h('h1.book-title', meta.title)];
  if (meta.subtitle) children.push(h('p.book-subtitle', meta.subtitle));
  if (meta.editors.length > 0) children.push(h('p.book-editors', `Edited by ${joinNames(meta.editors)}`));
  return h('section.titlepage', { 'epub:type': 'titlepage' }, onSeparateLines(children));
}
