// Pairs a paragraph's marks with a stack, single marks taking the roles the paragraph's plan (roles.ts) gives them: apostrophe, opening or closing quote, or unpaired.
import type { TextRun } from '../text-runs.ts';
import { isLeadingElision, isTrailingElision } from './elision-words.ts';
import { findMarks, isQuoteMark, isWordChar, sideOfChar, type Mark, type QuoteKind, type Side } from './marks.ts';
import { glyphFacing, type QuoteStyle } from './quote-styles.ts';
import { isDoubtfulElision, planRoles } from './roles.ts';
import { apostropheChars, wordAfter, wordBefore } from './words.ts';

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
  /** The paragraph's text run, as last edited. */
  run: TextRun;
  decisions: Decision[];
  /** Opening quotes still open at the end of the paragraph, outermost first. */
  unclosed: Decision[];
  /** The opening quotes the paragraph starts with (continuing a quotation: `"'Listen`), outermost first. */
  leadingOpens: Decision[];
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

const uppercase = /^\p{Lu}/u;
const closingPunctuation = /[,.;:!?)\]}]/;

/** A paragraph that reopens a nested quotation at its start (`"'Listen`): the one before may leave it open. */
const reopensNested = /^\s*["“«„»]\s*['‘‹‚›]/;

/** How many times a paragraph is read again after a late decision; each reading fixes at least one mark. */
const maxReadings = 6;

/**
 * Reads one paragraph's marks in order and pairs them. Every single mark's role comes from the
 * plan of the whole paragraph (`planRoles`, given whether the `next` paragraph reopens a nested
 * quotation); double marks are read from their sides, and a single one closing a double
 * quotation is a mismatch, repaired. The reader's own late decisions (an elision claimed as an
 * opener, a word-final apostrophe as a closer) only remain for marks the plan leaves out; the
 * paragraph is read again with them fixed until nothing changes.
 */
export function decideQuotes(run: TextRun, style: QuoteStyle, next?: TextRun): ParagraphQuotes {
  const marks = findMarks(run);
  const fixed = new Map<number, 'open' | 'close'>();
  const apostrophes = new Set<number>();
  const doubtful = new Set<number>();
  // Single marks take the role the paragraph's plan gives them; double marks are read as before.
  const plan = planRoles(run.text, marks, style, reopensNested.test(next?.text ?? ''));
  for (const mark of marks) {
    const role = plan.get(mark.index);
    if (mark.kind !== 'single' || !role) continue;
    if (isDoubtfulElision(run.text, mark, role)) doubtful.add(mark.index);
    else if (role === 'apostrophe') apostrophes.add(mark.index);
    else fixed.set(mark.index, role);
  }
  for (let reading = 1; ; reading++) {
    const { paragraph, lateDecisions } = readParagraph(run, marks, style, fixed, apostrophes, doubtful);
    let changed = false;
    for (const [index, end] of lateDecisions) {
      if (!fixed.has(index)) fixed.set(index, end), (changed = true);
    }
    if (!changed || reading === maxReadings) return paragraph;
  }
}

function readParagraph(run: TextRun, marks: Mark[], style: QuoteStyle, fixed: Map<number, 'open' | 'close'>, apostrophes: Set<number>, doubtful: Set<number>) {
  const reader = new ParagraphReader(run.text, style, apostrophes, doubtful);
  for (const mark of marks) reader.read(mark, fixed.get(mark.index));
  const decisions = reader.decisions;
  const paragraph: ParagraphQuotes = { run, decisions, unclosed: reader.finish(), leadingOpens: leadingOpensOf(run.text, decisions) };
  return { paragraph, lateDecisions: reader.lateDecisions };
}

/** One reading of a paragraph, mark by mark, with the stack of open quotations. */
class ParagraphReader {
  readonly decisions: Decision[] = [];
  /** Marks decided after later marks were read: an elision that opens, an apostrophe that closes. */
  readonly lateDecisions = new Map<number, 'open' | 'close'>();
  private readonly byIndex = new Map<number, Decision>();
  private readonly stack: OpenQuote[] = [];
  /** Elisions by the id of the quotation they were read in (0: none). */
  private readonly softElisions = new Map<number, SoftElision[]>();
  private readonly forcedApostrophes: Set<number>;
  private nextId = 1;

  constructor(
    private readonly text: string,
    private readonly style: QuoteStyle,
    apostrophes: Set<number>,
    private readonly doubtful: Set<number>,
  ) {
    this.forcedApostrophes = new Set(apostrophes);
  }

  read(mark: Mark, fixedEnd: 'open' | 'close' | undefined) {
    const decision: Decision = { mark, role: 'apostrophe' };
    this.decisions.push(decision);
    this.byIndex.set(mark.index, decision);
    if (mark.accent || this.forcedApostrophes.has(mark.index)) return;
    if (this.doubtful.has(mark.index)) {
      // An apostrophe by the plan, reported as an opening quote nothing closes (see `isDoubtfulElision`).
      decision.role = 'unpaired';
      decision.end = 'open';
      return;
    }
    if (fixedEnd === 'open') return this.open(decision);
    if (fixedEnd === 'close') return this.close(decision);
    const { text } = this;
    const left = this.leftSide(mark);
    const right = this.rightSide(mark);
    const afterSpace = left === 'space' || left === 'open';
    const nextChar = text[mark.rightIndex] ?? '';

    if (left === 'word' && right === 'word') {
      if (mark.kind === 'double') this.openOrClose(decision); // y'all, li'l, m'self, ma'am stay apostrophes
    } else if (right === 'word' && (afterSpace || left === 'punct')) {
      if (mark.kind === 'single' && this.readWordStart(decision)) return;
      // After a dash or an ellipsis (`—”Wait`, `…”And`), a word processor curls the quote the
      // wrong way: with no quotation of its kind open, it can only open one.
      if (afterSpace || !this.isOpen(mark.kind)) this.open(decision);
      else this.openOrClose(decision);
    } else if (afterSpace && right === 'punct') {
      // `" ,` is a closing quote with a space before it; `"…` and `"(` open. A typed glyph says
      // which it is (French `» »` has a space before the closing mark).
      if (closingPunctuation.test(nextChar) || (mark.typographic && glyphFacing(this.style, mark.char))) this.openOrClose(decision);
      else this.open(decision);
    } else if (left === 'word') {
      this.readWordEnd(decision);
    } else if (left === 'punct' && (right === 'space' || closingPunctuation.test(nextChar))) {
      this.close(decision); // `.'`, `!"`, `.'.`: nothing opens before a space, a period or a comma
    } else {
      // Punctuation on both sides, or space on both sides (`" Hello"`).
      this.openOrClose(decision);
    }
  }

  /** Quotations still open at the end: a word-final apostrophe inside a single one may be its end. */
  finish(): Decision[] {
    const unclosed: Decision[] = [];
    while (this.stack.length) {
      if (this.top()!.decision.mark.kind === 'single' && this.closeWithSoftFinal()) continue;
      unclosed.unshift(this.stack.pop()!.decision);
    }
    return unclosed;
  }

  /** A single mark before a word: `rock 'n' roll`, an elision (`'em`, `’Bama`), or not decided here. */
  private readWordStart(decision: Decision): boolean {
    const { mark } = decision;
    const { word, end } = wordAfter(this.text, mark.rightIndex);
    if (word.toLowerCase() === 'n' && apostropheChars.test(this.text[end] ?? '') && !isWordChar(this.text[end + 1])) {
      this.forcedApostrophes.add(end);
      return true;
    }
    // An apostrophe the author typed before a word is an elision unless a quotation needs it.
    if (!isLeadingElision(word) && mark.char !== '’') return false;
    const pool = this.softElisions.get(this.contextId()) ?? [];
    const typedOpening = mark.typographic && glyphFacing(this.style, mark.char) === 'open';
    pool.push({ decision, likelyOpener: uppercase.test(word) || typedOpening });
    this.softElisions.set(this.contextId(), pool);
    return true;
  }

  /** A mark right after a word: `goin'`, `boys'`, or the end of a quotation. */
  private readWordEnd(decision: Decision) {
    const { mark } = decision;
    if (mark.kind === 'double') return this.close(decision);
    const dropped = isTrailingElision(wordBefore(this.text, mark.leftIndex + 1));
    const open = this.top();
    if (open?.decision.mark.kind === 'single') {
      if (dropped) open.softFinals.push(decision);
      else this.close(decision);
    } else if (!dropped && !this.claimQuotedWord(decision)) {
      this.claimElision(decision, true);
    }
  }

  /** `'13'`, `'til'`: a word between a word-initial apostrophe and this mark is a quoted word. */
  private claimQuotedWord(decision: Decision): boolean {
    const pool = this.softElisions.get(this.contextId());
    const soft = pool?.[pool.length - 1];
    if (!pool || !soft || wordAfter(this.text, soft.decision.mark.rightIndex).end !== decision.mark.index) return false;
    pool.pop();
    this.pair(soft.decision, decision);
    this.lateDecisions.set(soft.decision.mark.index, 'open');
    return true;
  }

  private contextId(): number {
    return this.stack.length ? this.stack[this.stack.length - 1].id : 0;
  }

  private isOpen(kind: QuoteKind): boolean {
    return this.stack.some((open) => open.decision.mark.kind === kind);
  }

  private top(): OpenQuote | undefined {
    return this.stack[this.stack.length - 1];
  }

  private sideOfNeighbour(index: number): Side {
    const neighbour = this.byIndex.get(index);
    if (!neighbour) return sideOfChar(this.text[index], true);
    if (neighbour.role === 'open') return 'open';
    return neighbour.role === 'apostrophe' ? 'word' : 'punct';
  }

  private leftSide(mark: Mark): Side {
    return mark.leftSeam ?? (mark.leftIndex < 0 ? 'space' : this.sideOfNeighbour(mark.leftIndex));
  }

  private rightSide(mark: Mark): Side {
    if (mark.rightSeam) return mark.rightSeam;
    if (mark.rightIndex >= this.text.length) return 'space';
    // A mark not read yet is punctuation to its left neighbour.
    const next = this.text[mark.rightIndex];
    return isQuoteMark(next) ? 'punct' : sideOfChar(next, false);
  }

  private pair(opening: Decision, closing: Decision, mismatched = false) {
    opening.role = 'open';
    closing.role = 'close';
    opening.end = 'open';
    closing.end = 'close';
    opening.partner = closing;
    closing.partner = opening;
    if (mismatched) opening.mismatched = closing.mismatched = true;
  }

  private push(decision: Decision) {
    decision.role = 'open';
    decision.end = 'open';
    this.stack.push({ decision, id: this.nextId++, softFinals: [] });
  }

  /** The last word-final apostrophe inside the innermost single quotation becomes its closing mark. */
  private closeWithSoftFinal(): boolean {
    const open = this.top();
    const soft = open?.softFinals.pop();
    if (!open || !soft) return false;
    this.stack.pop();
    this.pair(open.decision, soft);
    this.lateDecisions.set(soft.mark.index, 'close');
    return true;
  }

  /**
   * A closing single quote claims an elision of its own context as its opener: the latest
   * likely opener (quotations start sentences), else the latest; `likelyOnly` for a closing
   * mark that could as well be an apostrophe.
   */
  private claimElision(decision: Decision, likelyOnly: boolean): boolean {
    const pool = this.softElisions.get(this.contextId());
    if (!pool) return false;
    let found = pool.length - 1;
    while (found >= 0 && !pool[found].likelyOpener) found--;
    if (found < 0 && !likelyOnly) found = pool.length - 1;
    if (found < 0) return false;
    const soft = pool[found];
    pool.splice(found); // later elisions of the context are inside the new quotation now: plain apostrophes.
    this.pair(soft.decision, decision);
    this.lateDecisions.set(soft.decision.mark.index, 'open');
    return true;
  }

  private close(decision: Decision) {
    const kind = decision.mark.kind;
    for (;;) {
      const open = this.top();
      if (open && open.decision.mark.kind === kind) {
        this.stack.pop();
        return this.pair(open.decision, decision);
      }
      if (kind === 'single' && this.claimElision(decision, false)) return;
      if (!open) {
        decision.role = 'unpaired';
        decision.end = 'close';
        return;
      }
      if (open.decision.mark.kind === 'single' && this.closeWithSoftFinal()) continue;
      let deeper = this.stack.length - 1;
      while (deeper >= 0 && this.stack[deeper].decision.mark.kind !== kind) deeper--;
      if (deeper < 0) {
        this.stack.pop();
        return this.pair(open.decision, decision, true);
      }
      // The quotations opened inside the one this mark closes were never closed.
      for (const entry of this.stack.splice(deeper + 1)) entry.decision.role = 'unpaired';
    }
  }

  private open(decision: Decision) {
    if (decision.mark.kind === 'single' && this.top()?.decision.mark.kind === 'single') this.closeWithSoftFinal();
    this.push(decision);
  }

  /** Neither side tells: a typed glyph's direction decides, else whether the same kind is open. */
  private openOrClose(decision: Decision) {
    const { mark } = decision;
    const facing = mark.typographic ? glyphFacing(this.style, mark.char) : undefined;
    if (facing === 'open') return this.open(decision);
    if (facing === 'close') return this.close(decision);
    if (this.top()?.decision.mark.kind === mark.kind) return this.close(decision);
    this.open(decision);
  }
}

function leadingOpensOf(text: string, decisions: Decision[]): Decision[] {
  const opens: Decision[] = [];
  let from = 0;
  for (const decision of decisions) {
    if (decision.role !== 'open' || text.slice(from, decision.mark.index).trim() !== '') break;
    opens.push(decision);
    from = decision.mark.end;
  }
  return opens;
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
