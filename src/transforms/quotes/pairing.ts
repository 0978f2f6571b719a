// Decides what every mark of a paragraph is: an apostrophe (elisions first), an opening or closing quote (paired with a stack), or unpaired.
import type { TextRun } from '../text-runs.ts';
import { isLeadingElision, isTrailingElision } from './elision-words.ts';
import { findMarks, isWordChar, sideOfChar, type Mark, type QuoteKind, type Side } from './marks.ts';
import { glyphFacing, type QuoteStyle } from './quote-styles.ts';

export type Role = 'apostrophe' | 'open' | 'close' | 'unpaired';

export interface Decision {
  mark: Mark;
  role: Role;
  /** Which end of a quotation the mark was read as, kept when it turns out unpaired. */
  end?: 'open' | 'close';
  partner?: Decision;
  /** Opened with one kind and closed with the other: repaired, and reported at the mark that changes. */
  mismatched?: boolean;
  /** An opening quote left open at the paragraph's end, continued by the next paragraph's opening quote. */
  continued?: boolean;
}

/** Everything decided for one paragraph. */
export interface ParagraphQuotes {
  run: TextRun;
  decisions: Decision[];
  /** Opening quotes still open at the end of the paragraph, outermost first. */
  unclosed: Decision[];
  /** The opening quote the paragraph starts with (continuing a quotation), if any. */
  leadingOpen?: Decision;
}

export interface ShownQuote {
  kind: QuoteKind;
  nested: boolean;
}

/** The kind a top-level quotation is shown with (see `shownKinds`). */
export function topLevelKind(decision: Decision, authorKindAtTop: boolean): QuoteKind {
  return authorKindAtTop && !decision.mismatched ? decision.mark.kind : 'double';
}

/** A quotation being read: its opening decision and the context id of what is inside it. */
interface OpenQuote {
  decision: Decision;
  id: number;
  /** Word-final apostrophes met inside it (`goin'`): one may turn out to be its closing mark. */
  softFinals: Decision[];
}

/** A word-initial apostrophe (`'Cause`) that a later closing single quote may claim as its opener. */
interface SoftElision {
  decision: Decision;
  /** Capitalized (`'Is`) or typed as an opening glyph (`‘em`): may open even for a mark that could be an apostrophe. */
  likelyOpener: boolean;
}

const apostropheChars = /['’‘`´]/;
const uppercase = /^\p{Lu}/u;
const closingPunctuation = /[,.;:!?)\]}]/;

/** The word that starts at `from`: letters and digits, with apostrophes inside (`s'pose`, `tisn't`). */
export function wordAfter(text: string, from: number): { word: string; end: number } {
  let end = from;
  while (end < text.length && (isWordChar(text[end]) || (apostropheChars.test(text[end]) && isWordChar(text[end + 1]) && end > from))) end++;
  return { word: text.slice(from, end), end };
}

/** The word that ends just before `to`. */
export function wordBefore(text: string, to: number): string {
  let start = to;
  while (start > 0 && (isWordChar(text[start - 1]) || (apostropheChars.test(text[start - 1]) && isWordChar(text[start - 2]) && start < to))) start--;
  return text.slice(start, to);
}

/** How many times a paragraph is read again after a late decision; each reading fixes at least one mark. */
const maxReadings = 6;

/**
 * Reads one paragraph's marks in order and pairs them. Two decisions are taken late: an elision
 * claimed as a quotation's opener, a word-final apostrophe taken as its closer. The marks read
 * in between were read with the quotation closed (or open), so the paragraph is read again with
 * those marks fixed, until nothing changes: reading the result once more gives the same result.
 */
export function decideQuotes(run: TextRun, style: QuoteStyle): ParagraphQuotes {
  const marks = findMarks(run);
  const fixed = new Map<number, 'open' | 'close'>();
  for (let reading = 1; ; reading++) {
    const { paragraph, lateDecisions } = readParagraph(run, marks, style, fixed);
    let changed = false;
    for (const [index, end] of lateDecisions) {
      if (!fixed.has(index)) fixed.set(index, end), (changed = true);
    }
    if (!changed || reading === maxReadings) return paragraph;
  }
}

function readParagraph(run: TextRun, marks: Mark[], style: QuoteStyle, fixed: Map<number, 'open' | 'close'>) {
  const text = run.text;
  const lateDecisions = new Map<number, 'open' | 'close'>();
  const byIndex = new Map<number, Decision>();
  const decisions: Decision[] = [];
  const stack: OpenQuote[] = [];
  const softElisions = new Map<number, SoftElision[]>();
  const forcedApostrophes = new Set<number>();
  let nextId = 1;

  const contextId = () => (stack.length ? stack[stack.length - 1].id : 0);
  const top = () => stack[stack.length - 1] as OpenQuote | undefined;

  const sideOfNeighbour = (index: number): Side => {
    const neighbour = byIndex.get(index);
    if (!neighbour) return sideOfChar(text[index], true);
    if (neighbour.role === 'open') return 'open';
    return neighbour.role === 'apostrophe' ? 'word' : 'punct';
  };
  const leftSide = (mark: Mark): Side => mark.leftSeam ?? (mark.leftIndex < 0 ? 'space' : sideOfNeighbour(mark.leftIndex));
  const rightSide = (mark: Mark): Side => {
    if (mark.rightSeam) return mark.rightSeam;
    if (mark.rightIndex >= text.length) return 'space';
    // A mark not read yet is punctuation to its left neighbour.
    return byIndex.has(mark.rightIndex) || /["“”„«»'‘’‚‹›]/.test(text[mark.rightIndex]) ? 'punct' : sideOfChar(text[mark.rightIndex], false);
  };

  const pair = (opening: Decision, closing: Decision, mismatched = false) => {
    opening.role = 'open';
    closing.role = 'close';
    opening.end = 'open';
    closing.end = 'close';
    opening.partner = closing;
    closing.partner = opening;
    if (mismatched) opening.mismatched = closing.mismatched = true;
  };

  const push = (decision: Decision) => {
    decision.role = 'open';
    decision.end = 'open';
    stack.push({ decision, id: nextId++, softFinals: [] });
  };

  /** The last word-final apostrophe inside the innermost single quotation becomes its closing mark. */
  const closeWithSoftFinal = (): boolean => {
    const open = top();
    const soft = open?.softFinals.pop();
    if (!open || !soft) return false;
    stack.pop();
    pair(open.decision, soft);
    lateDecisions.set(soft.mark.index, 'close');
    return true;
  };

  /**
   * A closing single quote claims an elision of its own context as its opener: the latest
   * likely opener (quotations start sentences), else the latest; `likelyOnly` for a closing
   * mark that could as well be an apostrophe.
   */
  const claimElision = (decision: Decision, likelyOnly: boolean): boolean => {
    const pool = softElisions.get(contextId());
    if (!pool) return false;
    let found = pool.length - 1;
    while (found >= 0 && !pool[found].likelyOpener) found--;
    if (found < 0 && !likelyOnly) found = pool.length - 1;
    if (found < 0) return false;
    const soft = pool[found];
    pool.splice(found); // later elisions of the context are inside the new quotation now: plain apostrophes.
    pair(soft.decision, decision);
    lateDecisions.set(soft.decision.mark.index, 'open');
    return true;
  };

  const close = (decision: Decision) => {
    const kind = decision.mark.kind;
    for (;;) {
      const open = top();
      if (open && open.decision.mark.kind === kind) {
        stack.pop();
        pair(open.decision, decision);
        return;
      }
      if (kind === 'single' && claimElision(decision, false)) return;
      if (!open) {
        decision.role = 'unpaired';
        decision.end = 'close';
        return;
      }
      if (open.decision.mark.kind === 'single' && closeWithSoftFinal()) continue;
      let deeper = stack.length - 1;
      while (deeper >= 0 && stack[deeper].decision.mark.kind !== kind) deeper--;
      if (deeper < 0) {
        stack.pop();
        pair(open.decision, decision, true);
        return;
      }
      // The quotations opened inside the one this mark closes were never closed.
      for (const entry of stack.splice(deeper + 1)) entry.decision.role = 'unpaired';
    }
  };

  const open = (decision: Decision) => {
    if (decision.mark.kind === 'single' && top()?.decision.mark.kind === 'single') closeWithSoftFinal();
    push(decision);
  };

  /** Neither side tells: a typed glyph's direction decides, else whether the same kind is open. */
  const openOrClose = (decision: Decision) => {
    const { mark } = decision;
    const facing = mark.typographic ? glyphFacing(style, mark.char) : undefined;
    if (facing === 'open') return open(decision);
    if (facing === 'close') return close(decision);
    if (top()?.decision.mark.kind === mark.kind) return close(decision);
    open(decision);
  };

  const softElision = (decision: Decision, word: string) => {
    decision.role = 'apostrophe';
    const pool = softElisions.get(contextId()) ?? [];
    const typedOpening = decision.mark.typographic && glyphFacing(style, decision.mark.char) === 'open';
    pool.push({ decision, likelyOpener: uppercase.test(word) || typedOpening });
    softElisions.set(contextId(), pool);
  };

  for (const mark of marks) {
    const decision: Decision = { mark, role: 'apostrophe' };
    decisions.push(decision);
    byIndex.set(mark.index, decision);
    if (mark.accent || forcedApostrophes.has(mark.index)) continue;
    const end = fixed.get(mark.index);
    if (end === 'open') {
      open(decision);
      continue;
    }
    if (end === 'close') {
      close(decision);
      continue;
    }
    const left = leftSide(mark);
    const right = rightSide(mark);
    const afterSpace = left === 'space' || left === 'open';

    if (left === 'word' && right === 'word') {
      if (mark.kind === 'single') continue; // y'all, li'l, m'self, ma'am
      openOrClose(decision);
    } else if (right === 'word' && (afterSpace || left === 'punct')) {
      if (mark.kind === 'single') {
        const { word, end } = wordAfter(text, mark.rightIndex);
        if (word.toLowerCase() === 'n' && apostropheChars.test(text[end] ?? '') && !isWordChar(text[end + 1])) {
          forcedApostrophes.add(end); // rock 'n' roll
          continue;
        }
        // An apostrophe the author typed before a word is an elision unless a quotation needs it.
        if (isLeadingElision(word) || mark.char === '’') {
          softElision(decision, word);
          continue;
        }
      }
      if (afterSpace) open(decision);
      else openOrClose(decision);
    } else if (afterSpace && right === 'punct') {
      // `" ,` is a closing quote with a space before it; `"…` and `"(` open. A typed glyph says
      // which it is (French `» »` has a space before the closing mark).
      if (closingPunctuation.test(text[mark.rightIndex] ?? '') || (mark.typographic && glyphFacing(style, mark.char))) openOrClose(decision);
      else open(decision);
    } else if (left === 'word') {
      // Word-final: `goin'`, `boys'`, or the end of a quotation.
      if (mark.kind === 'double') close(decision);
      else if (top()?.decision.mark.kind === 'single') {
        if (isTrailingElision(wordBefore(text, mark.leftIndex + 1))) top()!.softFinals.push(decision);
        else close(decision);
      } else if (!isTrailingElision(wordBefore(text, mark.leftIndex + 1))) claimElision(decision, true);
    } else if (left === 'punct' && right === 'space') {
      close(decision);
    } else if (left === 'punct' && right === 'punct' && closingPunctuation.test(text[mark.rightIndex] ?? '')) {
      close(decision); // `.'.`, `!",`: nothing opens right before a period or comma
    } else {
      // Punctuation on both sides, or space on both sides (`" Hello"`).
      openOrClose(decision);
    }
  }

  // Quotations left open: a word-final apostrophe inside a single quotation may be its end.
  const unclosed: Decision[] = [];
  while (stack.length) {
    if (top()!.decision.mark.kind === 'single' && closeWithSoftFinal()) continue;
    unclosed.unshift(stack.pop()!.decision);
  }
  const paragraph: ParagraphQuotes = { run, decisions, unclosed, leadingOpen: leadingOpenOf(text, decisions) };
  return { paragraph, lateDecisions };
}

function leadingOpenOf(text: string, decisions: Decision[]): Decision | undefined {
  const first = decisions[0];
  if (!first || first.role !== 'open') return undefined;
  return text.slice(0, first.mark.index).trim() === '' ? first : undefined;
}

/**
 * The kind each paired quotation is shown with: nested ones alternate with their parent. At the
 * top level English keeps the author's choice (American `"…"` or British `'…'`); other styles
 * always start with their primary pair (French `'mot'` is `« mot »`).
 */
export function shownKinds(decisions: Decision[], authorKindAtTop: boolean): Map<Decision, ShownQuote> {
  const shown = new Map<Decision, ShownQuote>();
  const open: QuoteKind[] = [];
  for (const decision of decisions) {
    if (decision.role === 'open' && (decision.partner || decision.continued)) {
      const parent = open[open.length - 1];
      const kind: QuoteKind = parent ? opposite(parent) : topLevelKind(decision, authorKindAtTop);
      const quote = { kind, nested: parent !== undefined };
      shown.set(decision, quote);
      if (decision.partner) shown.set(decision.partner, quote);
      open.push(kind);
    } else if (decision.role === 'close' && decision.partner) {
      open.pop();
    }
  }
  return shown;
}

const opposite = (kind: QuoteKind): QuoteKind => (kind === 'double' ? 'single' : 'double');
