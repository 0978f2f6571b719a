// The lines of a paragraph (split at its line breaks, with exact source offsets), and paragraphs rebuilt from them.
import type { Paragraph, PhrasingContent } from 'mdast';
import type { VFile } from 'vfile';
import { sourceSpan } from '../source-points.ts';

/** One line of a paragraph: the inline nodes between two line breaks. */
export interface ParagraphLine {
  children: PhrasingContent[];
  /** Source offset of the line's first character. */
  start: number;
  /** Source offset just past the line's last character. */
  end: number;
  /** The `break` node that ends this line; absent on the last line. */
  lineBreak?: PhrasingContent;
}

/**
 * Split a paragraph at its top-level `break` nodes. A break inside emphasis does not split (the
 * emphasis would be cut in two), and Markdown soft line endings inside text nodes do not either.
 */
export function paragraphLines(paragraph: Paragraph): ParagraphLine[] {
  const start = paragraph.position?.start.offset ?? 0;
  const end = paragraph.position?.end.offset ?? start;
  const lines: ParagraphLine[] = [];
  let current: ParagraphLine = { children: [], start, end };
  for (const child of paragraph.children) {
    if (child.type === 'break' && child.position?.start.offset !== undefined) {
      current.end = child.position.start.offset;
      current.lineBreak = child;
      lines.push(current);
      current = { children: [], start: child.position.end.offset ?? current.end, end };
    } else {
      current.children.push(child);
    }
  }
  lines.push(current);
  return lines;
}

/** The source text of a line, as the author typed it. */
export function lineSource(file: VFile, line: ParagraphLine): string {
  return String(file.value).slice(line.start, line.end);
}

/** A paragraph holding consecutive lines, their line breaks between them, with a true position. */
export function paragraphOfLines(file: VFile, lines: ParagraphLine[], data?: Paragraph['data']): Paragraph {
  const children: PhrasingContent[] = [];
  lines.forEach((line, index) => {
    children.push(...line.children);
    if (index < lines.length - 1 && line.lineBreak) children.push(line.lineBreak);
  });
  const paragraph: Paragraph = { type: 'paragraph', children, position: sourceSpan(file, lines[0].start, lines[lines.length - 1].end) };
  if (data) paragraph.data = data;
  return paragraph;
}

