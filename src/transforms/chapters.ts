// Chapters in plain text: a line like `Chapter 1`, `CHAPTER III` or `Prologue: Before` becomes a depth-2 heading.
import type { Heading, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { lineSource, paragraphLines, paragraphOfLines } from './paragraph-lines.ts';
import { sourceSpan } from '../source-points.ts';
import { report, type TypographyRule } from './rule.ts';
import { dropPointlessSceneBreaks } from './scene-breaks.ts';

const ruleId = 'chapters';

const units = 'zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
const tens = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand';
const numberWord = `(?:${units}|${tens})`;
/** `Two`, `Twenty-One`, `One Hundred and Five`. */
const numberWords = `${numberWord}(?:(?:[\\s-]+|\\s+and\\s+)${numberWord})*`;
/** Well-formed Roman numerals only, so `Part Mix` is not a part. */
const roman = '(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})';
const numbered = `(?:chapter|ch\\.?|part|book)(?:\\s*[0-9]+|\\s+(?:${roman}|${numberWords})(?![\\p{L}\\p{N}]))`;
const named = '(?:prologue|epilogue|interlude)';
/** The heading proper, then either nothing (a `.` or `:` may close it) or a separator and a title. */
const headingPattern = new RegExp(`^(?:${numbered}|${named})(?:\\s*[.:]?|(\\s*:\\s*|\\s*\\.\\s+|\\s+[-–—]\\s+|[-–—])(.+))$`, 'iu');
/** A heading line is short; a longer one is prose that happens to begin with `Chapter`. */
const maxHeadingLength = 80;

/**
 * Is this line a chapter heading? Conservative: `Chapter by chapter, she…` is prose, and so is a
 * "title" that is a sentence (`Part two. She ran.`) or a lowercase word after a dash
 * (`Chapter one—and she'd already cried`).
 */
export function isChapterHeading(line: string): boolean {
  const trimmed = line.trim();
  // Four more for `**…**` around the line; prose lines are thrown out before any pattern runs.
  if (trimmed.length > maxHeadingLength + 4) return false;
  const text = unwrapEmphasis(trimmed);
  if (text.length === 0 || text.length > maxHeadingLength) return false;
  const match = headingPattern.exec(text);
  if (!match) return false;
  const [, separator, title] = match;
  if (title === undefined) return true;
  if (/[^.]\.$/u.test(title)) return false;
  // After a dash, a lowercase word goes on a sentence; the dashes rule may also close up `1 - the`.
  if (/[-–—]/u.test(separator) && /^\p{Ll}/u.test(title)) return false;
  return true;
}

/** `**Chapter 1**`, `*Prologue*`, `__Part Two__`: the emphasis an author put around the whole line. */
function unwrapEmphasis(text: string): string {
  const match = /^(\*{1,2}|_{1,2})(\S(?:.*\S)?)\1$/u.exec(text);
  return match ? match[2] : text;
}

export const chapters: TypographyRule = {
  id: ruleId,
  description: 'Lines like `Chapter 1`, `CHAPTER III`, `Part Two` and `Prologue` start chapters (plain text only).',
  structural: true,
  formats: ['text'],
  plugin() {
    return (tree: Root, file: VFile) => {
      tree.children = tree.children.flatMap((node) => (node.type === 'paragraph' ? headingsIn(node, file) : [node]));
      dropPointlessSceneBreaks(tree, file);
    };
  },
};

/** A paragraph that is a heading line becomes a heading; a heading line followed by text on the next lines is split off. */
function headingsIn(paragraph: Paragraph, file: VFile): RootContent[] {
  const [first, ...rest] = paragraphLines(paragraph);
  if (!isChapterHeading(lineSource(file, first))) return [paragraph];
  const heading: Heading = {
    type: 'heading',
    depth: 2,
    children: withoutWrappingEmphasis(first.children),
    position: sourceSpan(file, first.start, first.end),
  };
  if (rest.length === 0) return [heading];
  const following = paragraphOfLines(file, rest);
  report(
    file,
    following.position?.start,
    `Unexpected text on the line after chapter heading \`${lineSource(file, first).trim()}\`, expected a blank line (split into heading and paragraph)`,
    ruleId,
    'info',
  );
  return [heading, following];
}

/** A heading is set apart by its style: bold or italics around the whole line are dropped. */
function withoutWrappingEmphasis(children: PhrasingContent[]): PhrasingContent[] {
  const only = children.length === 1 ? children[0] : undefined;
  if (only && (only.type === 'emphasis' || only.type === 'strong')) return withoutWrappingEmphasis(only.children);
  return children;
}
