// Wraps every sentence of a document's body in Kobo's `<span class="koboSpan" id="kobo.P.S">`, images in their own span.
import type { Element, ElementContent, Text } from 'xast';
import { localName } from '../../xml.ts';

/** Elements that start a new paragraph number, and that a sentence never runs across. */
const blockElements = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'li', 'main', 'nav', 'ol', 'p', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

/** Elements whose content stays exactly as it is: code, scripts, styles, foreign markup, media, form controls. */
const keptAsIs = new Set([
  'audio', 'canvas', 'iframe', 'math', 'noscript', 'object', 'pre', 'rp', 'rt', 'script', 'select', 'style', 'svg',
  'template', 'textarea', 'video',
]);

/** Elements that may not hold a `<span>` child: text directly inside them (whitespace, in valid XHTML) is left alone. */
const noPhrasingChildren = new Set([
  'colgroup', 'datalist', 'dl', 'head', 'hgroup', 'html', 'menu', 'ol', 'optgroup', 'picture', 'ruby', 'table', 'tbody',
  'tfoot', 'thead', 'tr', 'ul',
]);

const whitespaceOnly = /^\s*$/u;

interface Numbering {
  paragraph: number;
  sentence: number;
  /** The next span opens a new paragraph (set on entering and leaving a block, so empty blocks use no number). */
  newParagraph: boolean;
}

/**
 * A copy of `body` with Kobo's spans (the given element is left as it was). Sentences are found with `Intl.Segmenter` in `language` over the text of
 * each block, across inline elements (`<em>`, `<a>`); a sentence that crosses an inline element's boundary gets
 * one span per piece, each with its own number, so spans always nest properly. Numbers run `kobo.1.1`, `kobo.1.2`…
 * with the paragraph number going up at each block that has text and at each image. Whitespace stays outside spans.
 */
export function withKoboSpans(body: Element, language: string): Element {
  const cuts = sentenceCuts(body, sentenceSegmenter(language));
  const numbering: Numbering = { paragraph: 0, sentence: 0, newParagraph: true };
  return { ...body, children: wrapChildren(body, cuts, numbering) };
}

/** Whether the tree already has Kobo spans (a KEPUB made before), which must not be added twice. */
export function hasKoboSpans(element: Element): boolean {
  return element.children.some(
    (child) => child.type === 'element' && (String(child.attributes.class ?? '').split(/\s+/).includes('koboSpan') || hasKoboSpans(child)),
  );
}

/** Segmenters by language: making one loads ICU's rules, and a book asks for the same one for every document. */
const segmenters = new Map<string, Intl.Segmenter>();

function sentenceSegmenter(language: string): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (segmenter === undefined) {
    segmenter = newSentenceSegmenter(language);
    if (segmenters.size < 100) segmenters.set(language, segmenter);
  }
  return segmenter;
}

function newSentenceSegmenter(language: string): Intl.Segmenter {
  try {
    return new Intl.Segmenter(language, { granularity: 'sentence' });
  } catch {
    // Not a tag ICU accepts: its sentence rules barely differ by language, and `en` keeps builds machine-independent.
    return new Intl.Segmenter('en', { granularity: 'sentence' });
  }
}

/** What may end a sentence (UAX #29's STerm and ATerm) or a paragraph (its Sep), where the segmenter can break. */
const sentenceEnd = /[\p{Sentence_Terminal}\u2024\uFE52\uFF0E\n\r\u0085\u2028\u2029]/u;
/** Sentence ends and closing marks, then spaces (no line or paragraph separator), to the end of the text: UAX #29's `Term Close* Sp*`. */
const finalSentenceEnd = /^[\p{Sentence_Terminal}\u2024\uFE52\uFF0E\p{Ps}\p{Pe}\p{Pi}\p{Pf}"']*[^\S\n\r\u0085\u2028\u2029]*$/u;

/**
 * False when the text is one sentence for certain: nothing in it can end a sentence, or only its last characters
 * can. The segmenter breaks only after a sentence end, so it would find no break inside; most dialogue paragraphs
 * are one sentence, and the segmenter is most of the KEPUB's time.
 */
export function mayHoldTwoSentences(text: string): boolean {
  const first = text.search(sentenceEnd);
  return first >= 0 && !finalSentenceEnd.test(text.slice(first));
}

/** One stretch of text between block boundaries: its text nodes with their offsets in the joined text. */
interface Run {
  text: string;
  nodes: { node: Text; start: number }[];
}

/**
 * Runs segmented in one call, joined by U+2029 PARAGRAPH SEPARATOR: UAX #29 always breaks after it and no rule looks
 * across it, so each run's breaks are the same as alone, and one call for eight runs takes about half the time of
 * eight calls. Not more: each segment the segmenter hands out carries a copy of its whole input.
 */
const runsPerSegmenterCall = 8;
const paragraphSeparator = '\u2029';

/** For each text node, the offsets inside it where a sentence starts (never 0 or its length). */
function sentenceCuts(body: Element, segmenter: Intl.Segmenter): Map<Text, number[]> {
  const cuts = new Map<Text, number[]>();
  const runs: Run[] = [];
  let run: Run = { text: '', nodes: [] };
  const flush = () => {
    if (run.nodes.length > 0 && mayHoldTwoSentences(run.text)) runs.push(run);
    run = { text: '', nodes: [] };
  };
  const visit = (parent: Element) => {
    for (const child of parent.children) {
      if (child.type === 'text') {
        run.nodes.push({ node: child, start: run.text.length });
        run.text += child.value;
      } else if (child.type === 'element') {
        const name = localName(child.name).toLowerCase();
        if (name === 'br') {
          // A line break ends a line of verse or an address: the segmenter sees it as the end of a paragraph.
          run.text += '\n';
        } else if (keptAsIs.has(name) || name === 'img' || blockElements.has(name)) {
          flush();
          if (!keptAsIs.has(name)) visit(child);
          flush();
        } else {
          visit(child);
        }
      }
    }
  };
  visit(body);
  flush();
  for (let first = 0; first < runs.length; first += runsPerSegmenterCall) {
    const group = runs.slice(first, first + runsPerSegmenterCall);
    const starts = sentenceStarts(group.map((each) => each.text), segmenter);
    group.forEach((each, index) => cutTextNodes(each, starts[index], cuts));
  }
  return cuts;
}

/** Where sentences start inside each text (never at 0 or its end), from one call of the segmenter over them all. */
export function sentenceStarts(texts: string[], segmenter: Intl.Segmenter): number[][] {
  const starts: number[][] = texts.map(() => []);
  let text = 0;
  let offset = 0;
  for (const { index } of segmenter.segment(texts.join(paragraphSeparator))) {
    while (text + 1 < texts.length && index >= offset + texts[text].length + 1) {
      offset += texts[text].length + 1;
      text += 1;
    }
    const inside = index - offset;
    if (inside > 0 && inside < texts[text].length) starts[text].push(inside);
  }
  return starts;
}

/** Records, for each of the run's text nodes, the sentence starts that fall inside it. */
function cutTextNodes(run: Run, starts: number[], cuts: Map<Text, number[]>): void {
  for (const { node, start } of run.nodes) {
    const end = start + node.value.length;
    const inside = starts.filter((index) => index > start && index < end).map((index) => index - start);
    if (inside.length > 0) cuts.set(node, inside);
  }
}

function wrapChildren(parent: Element, cuts: Map<Text, number[]>, numbering: Numbering): ElementContent[] {
  const parentName = localName(parent.name).toLowerCase();
  const children: ElementContent[] = [];
  for (const child of parent.children) {
    if (child.type === 'text') {
      if (noPhrasingChildren.has(parentName)) children.push(child);
      else children.push(...wrapText(child, cuts.get(child) ?? [], numbering));
      continue;
    }
    if (child.type !== 'element') {
      children.push(child);
      continue;
    }
    const name = localName(child.name).toLowerCase();
    if (keptAsIs.has(name)) {
      children.push(child);
    } else if (name === 'img') {
      if (noPhrasingChildren.has(parentName)) {
        children.push(child);
        continue;
      }
      numbering.newParagraph = true;
      children.push(koboSpan(numbering, [child]));
      numbering.newParagraph = true;
    } else {
      const block = blockElements.has(name);
      if (block) numbering.newParagraph = true;
      children.push({ ...child, children: wrapChildren(child, cuts, numbering) });
      if (block) numbering.newParagraph = true;
    }
  }
  return children;
}

/** The text node cut at sentence starts, each non-blank piece in a span of its own. */
function wrapText(node: Text, cutsInside: number[], numbering: Numbering): ElementContent[] {
  const pieces: string[] = [];
  let from = 0;
  for (const cut of cutsInside) {
    pieces.push(node.value.slice(from, cut));
    from = cut;
  }
  pieces.push(node.value.slice(from));
  return pieces
    .filter((piece) => piece !== '')
    .map((piece): ElementContent => (whitespaceOnly.test(piece) ? { type: 'text', value: piece } : koboSpan(numbering, [{ type: 'text', value: piece }])));
}

function koboSpan(numbering: Numbering, children: ElementContent[]): Element {
  if (numbering.newParagraph) {
    numbering.paragraph += 1;
    numbering.sentence = 0;
    numbering.newParagraph = false;
  }
  numbering.sentence += 1;
  return {
    type: 'element',
    name: 'span',
    attributes: { class: 'koboSpan', id: `kobo.${numbering.paragraph}.${numbering.sentence}` },
    children,
  };
}
