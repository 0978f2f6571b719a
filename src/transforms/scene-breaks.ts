// Scene breaks: paragraphs that are only a break marker become `sceneBreak` nodes; pointless breaks go; blank-line runs get a warning.
import type { Heading, Html, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import type { SceneBreak } from '../story.ts';
import { lineSource, paragraphLines, paragraphOfLines, type ParagraphLine } from './paragraph-lines.ts';
import { sourceSpan } from '../source-points.ts';
import { report, type TypographyRule } from './rule.ts';

const ruleId = 'scene-breaks';

/** Marks that may stand alone as a break (`#`, `§`, `❖`, `*`). */
const ornamentChars = '*#§•❖⁂※★☆✦✧✶✷✸✻✽❁❃❀✿◆◇♦◈◊○●♥♡❤❦❧☙°∞·';
/** Marks that make a break only as a row of at least three (`~~~`, `+++`, `———`, `_____`). */
const rowChars = '~+=\\-–—―_^';
const symbolClass = `[${ornamentChars}${rowChars}]`;
const symbolRow = new RegExp(`^${symbolClass}(?:\\s*${symbolClass})*$`, 'u');
const ornamentRow = new RegExp(`^[${ornamentChars}\\s]+$`, 'u');
const symbolsAndMarkerLetters = new RegExp(`^[xXoO0${ornamentChars}${rowChars}]+$`, 'u');
const anySymbol = new RegExp(symbolClass, 'gu');
const isSymbol = (char: string) => symbolRow.test(char);
const wrapperClass = `${ornamentChars}${rowChars}\\[\\](){}<>|`;
/** `Line Break`, `-LB-`, `~Scene Break~`, `[page break]`. */
const breakWords = new RegExp(`^[${wrapperClass}\\s]*(?:(?:line|scene|page|section|pov|time)\\s*-?\\s*break|l\\.?\\s?b\\.?)[${wrapperClass}\\s]*$`, 'iu');
/** A bare `break` is a marker only when decorated: `-break-`, `~Break~`. */
const decoratedBreak = new RegExp(`^[${wrapperClass}\\s]*[${wrapperClass}]\\s*break\\s*[${wrapperClass}][${wrapperClass}\\s]*$`, 'iu');
/** Centering and emphasis markup around a marker, in HTML and BBCode: `<center>***</center>`, `[center]xXx[/center]`. */
const markupTag = /<\/?(?:center|p|div|span|b|strong|i|em|u|s|font|big|small)\b[^>]*>|\[\/?(?:center|b|i|u|s)\]/gi;
const horizontalRule = /^(?:<hr\b[^>]*>|\[hr\])$/i;
const markdownEscape = /\\(?=[^\p{L}\p{N}\s])/gu;
/**
 * Faces made of marker characters are a reaction, not a break: `-_-`, `^_^`, `=_=`, `°_°`,
 * `^-^`, `^___^`. A face has two equal eyes around an underscore mouth (or `^` around a hyphen).
 */
const emoticon = /^(?:([-^=~*+°•·])_+\1|\^-+\^)$/u;
/** Markers are short; anything longer is prose, and is rejected without running a pattern. */
const maxMarkerLength = 120;

/** Is this source text (a paragraph, a line, an HTML block) nothing but a scene-break marker? */
export function isBreakMarker(source: string): boolean {
  let text = source.trim();
  if (text.length === 0 || text.length > maxMarkerLength) return false;
  text = text.replace(markupTag, '').replace(markdownEscape, '').replace(/\uFE0F/g, '').trim();
  if (horizontalRule.test(text)) return true;
  if (text.length === 0 || emoticon.test(text)) return false;
  return isSymbolRow(text) || isLetterPattern(text) || breakWords.test(text) || decoratedBreak.test(text);
}

/** `***`, `* * *`, `~*~`, `#`, `§`, `=====`, `———`: one ornament alone, or a row of three marks or more. */
function isSymbolRow(text: string): boolean {
  if (!symbolRow.test(text)) return false;
  return ornamentRow.test(text) || text.replace(/\s+/g, '').length >= 3;
}

/**
 * `xXx`, `XxXxX`, `oOo`, `-o0o-`, `-x-x-`: x's or o's (never both: `xoxo` is a sign-off), either
 * alternating in case (`xxx` and `Ooo` are words) or set among marks (`-x-`, `o-o-o`, not `O_O`).
 */
function isLetterPattern(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  if (compact.length < 3 || !symbolsAndMarkerLetters.test(compact)) return false;
  const letters = compact.replace(anySymbol, '');
  if (letters.length === 0 || !(/^[xX]+$/.test(letters) || /^[oO0]+$/.test(letters))) return false;
  if (letters.length === compact.length) return alternates(letters);
  return compact.length >= 5 || (isSymbol(compact[0]) && isSymbol(compact[compact.length - 1]));
}

function alternates(letters: string): boolean {
  for (let index = 1; index < letters.length; index++) if (letters[index] === letters[index - 1]) return false;
  return true;
}

export const sceneBreaks: TypographyRule = {
  id: ruleId,
  description: 'Paragraphs that are only a break marker (`***`, `xXx`, `Line Break`, `<hr>`) become scene breaks; redundant breaks are removed.',
  structural: true,
  plugin() {
    return (tree: Root, file: VFile) => {
      tidyingFiles.add(file);
      tree.children = markSceneBreaks(tree.children, file);
      dropPointlessSceneBreaks(tree, file);
    };
  },
};

function markSceneBreaks(nodes: RootContent[], file: VFile): RootContent[] {
  const result: RootContent[] = [];
  for (const node of nodes) {
    const previous = result[result.length - 1];
    const replacement = node.type === 'paragraph' ? splitAtMarkers(node, file) : [asSceneBreak(node, file) ?? node];
    warnAboutBlankLines(node, previous, replacement[0], file);
    result.push(...replacement);
  }
  return result;
}

/** An HTML block (`<hr>`, `<center>* * *</center>`) or an empty Markdown heading (`#`) used as a marker. */
function asSceneBreak(node: RootContent, file: VFile): SceneBreak | undefined {
  if (node.type === 'html') return isBreakMarker((node as Html).value) ? sceneBreakAt(node, (node as Html).value.trim()) : undefined;
  if (node.type === 'heading' && (node as Heading).children.length === 0) {
    const source = sourceOf(node, file).trim();
    return /^#+$/.test(source) ? sceneBreakAt(node, source) : undefined;
  }
  return undefined;
}

/**
 * A paragraph that is a marker becomes a break. In a paragraph of several lines (plain text keeps
 * single line breaks), a line that is a marker is a break too: the paragraph is cut around it.
 */
function splitAtMarkers(paragraph: Paragraph, file: VFile): RootContent[] {
  if (!paragraph.children.some((child) => child.type === 'break')) {
    const source = sourceOf(paragraph, file);
    // The source, because the text reader took `*~*~*` for emphasis; the text, for markup the source
    // hides a marker in (an HTML `<p>&#42;&#42;&#42;</p>`).
    const isMarker = isBreakMarker(source) || isBreakMarker(shortTextOf(paragraph));
    return isMarker ? [sceneBreakAt(paragraph, source.trim())] : [paragraph];
  }
  const lines = paragraphLines(paragraph);
  const isMarker = lines.map((line) => isBreakMarker(lineSource(file, line)));
  if (!isMarker.includes(true)) return [paragraph];
  const pieces: RootContent[] = [];
  let pending: ParagraphLine[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    pieces.push(paragraphOfLines(file, pending, pieces.length === 0 ? paragraph.data : undefined));
    pending = [];
  };
  lines.forEach((line, index) => {
    if (!isMarker[index]) return void pending.push(line);
    flush();
    pieces.push({ type: 'sceneBreak', marker: lineSource(file, line).trim(), position: sourceSpan(file, line.start, line.end) });
  });
  flush();
  return pieces;
}

/** The paragraph's text when it is short enough to be a marker, else nothing (long prose is not even joined). */
function shortTextOf(paragraph: Paragraph): string {
  let text = '';
  const visit = (nodes: PhrasingContent[]): boolean =>
    nodes.every((node) => {
      if (node.type === 'text') text += node.value;
      else if ('children' in node) return visit(node.children);
      return text.length <= maxMarkerLength;
    });
  return visit(paragraph.children) ? text : '';
}

function sceneBreakAt(node: RootContent, marker: string): SceneBreak {
  return { type: 'sceneBreak', marker, position: node.position };
}

function sourceOf(node: RootContent, file: VFile): string {
  return String(file.value).slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
}

/**
 * Two blank lines or more between paragraphs are not a break, but often where a marker or a line
 * of text was lost (a `<hr>` or `"Wait…"` that did not survive copying). Not reported next to a
 * scene break, where the author's intent is plain.
 */
function warnAboutBlankLines(node: RootContent, previous: RootContent | undefined, first: RootContent, file: VFile) {
  if (!previous || previous.type === 'sceneBreak' || first.type === 'sceneBreak') return;
  const start = node.position?.start;
  if (!start) return;
  const recorded = (node.data as { blankLinesBefore?: number } | undefined)?.blankLinesBefore;
  // Markdown keeps no count, but its blocks' lines tell; in HTML, blank lines in the source mean nothing.
  const fromLines = file.data.format === 'markdown' && previous.position ? start.line - previous.position.end.line - 1 : 0;
  const blanks = recorded ?? fromLines;
  if (blanks < 2) return;
  const place = { line: start.line - blanks + 1, column: 1 };
  report(file, place, `Unexpected ${blanks} blank lines, expected 1 (possible lost text or scene break)`, ruleId, 'warning');
}

/** Files whose breaks this rule manages: the later structural rules tidy breaks only for these. */
const tidyingFiles = new WeakSet<VFile>();

/**
 * Remove the breaks that separate nothing: at the start or end of the story, right after another
 * break, or next to a heading or an author's note (both already set the text apart). Each removal
 * is reported as info. The chapters and author-notes rules call this after they add headings and
 * notes, so breaks they make pointless go too — unless the scene-breaks rule is turned off.
 */
export function dropPointlessSceneBreaks(tree: Root, file: VFile) {
  if (!tidyingFiles.has(file)) return;
  const nodes = tree.children;
  const kept: RootContent[] = [];
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index];
    if (node.type !== 'sceneBreak') {
      kept.push(node);
      continue;
    }
    let next = index + 1;
    while (next < nodes.length && nodes[next].type === 'sceneBreak') next++;
    const where = pointlessness(kept[kept.length - 1], nodes[next]);
    if (!where) {
      kept.push(node);
      continue;
    }
    const place = node.position?.start;
    report(file, place, `Unexpected scene break ${where}, expected breaks only between scenes (removed)`, ruleId, 'info');
  }
  tree.children = kept;
}

function pointlessness(before: RootContent | undefined, after: RootContent | undefined): string | undefined {
  if (!before) return 'at the start of the story';
  if (before.type === 'sceneBreak') return 'right after another one';
  if (before.type === 'heading') return 'right after a heading';
  if (before.type === 'authorNote') return "right after an author's note";
  if (!after) return 'at the end of the story';
  if (after.type === 'heading') return 'right before a heading';
  if (after.type === 'authorNote') return "right before an author's note";
  return undefined;
}
