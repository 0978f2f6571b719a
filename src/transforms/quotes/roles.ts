// Decides every mark's role in a paragraph at once (apostrophe, opening or closing quote): the cheapest consistent nesting, found by a dynamic program over a small stack.
import { isLeadingElision, trailingElision } from './elision-words.ts';
import { isWordChar, sideOfChar, type Mark, type QuoteKind, type Side } from './marks.ts';
import { glyphFacing, type QuoteStyle } from './quote-styles.ts';
import { wordAfter, wordBefore } from './words.ts';

export type PlannedRole = 'open' | 'close' | 'apostrophe';

interface Candidate {
  role: PlannedRole;
  cost: number;
}

/**
 * The algorithm. Each mark gets the roles it could play with a cost read from its two sides
 * (`candidates`): a `'` between letters can only be an apostrophe; before a word it opens a
 * quotation or elides letters (`'un`, `'Tain't`), the known elisions being a cheaper prior, not a
 * decision; after a word it closes one or drops letters (`goin'`, `yo'`). A mark the author typed
 * as a curly glyph keeps its own role unless the whole paragraph proves otherwise: any other role
 * costs `againstGlyph`. The nesting adds its costs: a closing mark must meet an open quotation
 * of its kind (`unpairedClose` when none is, `mismatch` when it closes the other kind, `leftOpen`
 * for each quotation it closes over), and quotations still open at the end cost `leftOpen`, except
 * an outermost double one, which may go on in the next paragraph (`continuedOutermost`).
 *
 * The cheapest assignment over the whole paragraph is found by a dynamic program whose state
 * is the stack of open quotation kinds, at most `maxDepth` deep: at most 31 states, at most three
 * roles per mark, so time and memory grow linearly with the paragraph. Ties go to the first
 * candidate listed, so the result never depends on the order of a map.
 */
const costs = {
  /** A typed glyph read against its face (`‘` as an apostrophe, `’` opening). */
  againstGlyph: 8,
  unpairedClose: 4,
  mismatch: 3.5,
  leftOpen: 3,
  continuedOutermost: 0.5,
  /** A quotation directly inside one of the same kind (`"…"…"` nested without alternating). */
  sameKindNested: 2,
};

const maxDepth = 4;

const isStraightOrSingle = (char: string | undefined) => char === "'" || char === '’' || char === '‘';

const uppercase = /^\p{Lu}/u;
/** In American style the period and comma go inside the closing quote: a mark before them rarely closes. */
const periodOrComma = /[.,]/;

interface Sides {
  left: Side;
  right: Side;
}

function sidesOf(text: string, mark: Mark): Sides {
  const left = mark.leftSeam ?? (mark.leftIndex < 0 ? 'space' : sideOfChar(text[mark.leftIndex], true));
  const right = mark.rightSeam ?? (mark.rightIndex >= text.length ? 'space' : sideOfChar(text[nextVisible(text, mark)], false));
  return { left, right };
}

/**
 * The character after the mark, looking past spaces before closing punctuation (` ' ,`): the
 * punctuation-spacing rule removes those spaces after this rule has run, and the plan must read
 * the fixed text as it read the typed one.
 */
function nextVisible(text: string, mark: Mark): number {
  let index = mark.rightIndex;
  if (mark.rightSeam) return index;
  while (index < text.length && (text[index] === ' ' || text[index] === '\u00a0' || text[index] === '\u202f')) index++;
  return closingPunctuation.test(text[index] ?? '') ? index : mark.rightIndex;
}

/**
 * What a single mark's neighbourhood says, as costs: lower is likelier. They began as about −ln of
 * how often each role is right there, counted on the development set (bench/typography/), and were
 * then adjusted by hand on it; the golden fixtures and the generated stories hold them in place.
 */
const single = {
  /** Before a word: a known elision (`'em`, `'bout`) almost never opens a quotation. */
  knownElisionOpens: 3,
  /** …but a capitalized one (`'Is it raining?'`, `'Cause I said so,'`) may begin a sentence in quotes. */
  capitalKnownElisionOpens: 1.5,
  /** A word between two marks (`'nein'`, `'A'`, `'til'`) is quoted, unless both ends are elisions (`'a'` for *have*). */
  wrappedElides: 1,
  /** A typed `‘` before a known elision that nothing closes (`‘Cause`): below `leftOpen`, so it is repaired. */
  typedOpeningElides: 2,
  /** Before a lower-case word after a word (`about 'un`): an elision three times in four. */
  lowerAfterWordOpens: 0.5,
  /** Before a lower-case word after punctuation (`, 'tend`): a quotation two times in three. */
  lowerAfterPunctuationElides: 1,
  /** Before a capital (`'See that`, `'Tain't`): a quotation twelve times in thirteen. */
  capitalElides: 2.5,
  /** After a word: mostly an apostrophe (`yo'`, `goin'`), even inside a single quotation… */
  afterWordCloses: 0.5,
  /** …less so before `!`, `?`, `;`, `:`, a dash or a closing double quote… */
  afterWordBeforeStrongPunctuation: -1,
  /** …and more so after a listed dropped ending (`an'`, `o'`) or a pattern one (`goin'`, `boys'`). */
  listedEnding: 2,
  patternEnding: 1,
  /** An apostrophe after a word that is no known dropped ending (`yo'`, `natur'`). */
  undroppedElides: 1,
  /** A quotation inside a double one puts `.` and `,` inside its closing mark (American style): a mark before them rarely closes. */
  nestedBeforePeriod: 1.5,
};

interface SingleCandidate extends Candidate {
  /** Added when the mark closes a quotation nested in a double one. */
  nested?: number;
}

const strongPunctuation = /[!?;:—–”"]/;
const closingPunctuation = /[,.;:!?)\]}]/;

/** `'a'` (*have*), `'n'`, `'Mornin'`: a word both of whose ends may be elided; a capital letter alone (`'A'`) is quoted. */
function elidedAtBothEnds(word: string): boolean {
  return isLeadingElision(word) && trailingElision(word) !== undefined && !(word.length === 1 && uppercase.test(word));
}

/** The roles a straight or typed single mark may play here. */
function singleCandidates(text: string, mark: Mark, { left, right }: Sides, style: QuoteStyle): SingleCandidate[] {
  const facing = mark.typographic ? glyphFacing(style, mark.char) : undefined;
  if (left === 'word' && right === 'word') return [{ role: 'apostrophe', cost: 0 }];
  const list: SingleCandidate[] = [];
  if (right === 'word') {
    const { word, end } = wordAfter(text, mark.rightIndex);
    // `'nein'`, `'13'`: a word wrapped in two marks is quoted, unless both ends are elisions (`'a'`, `'n'`).
    const wrapped = isStraightOrSingle(text[end]) && !isWordChar(text[end + 1]) && !elidedAtBothEnds(word);
    const known = isLeadingElision(word);
    const before = text[mark.leftIndex];
    const afterWord = left === 'word' || (left === 'space' && isWordChar(text[mark.leftIndex - 1] ?? '') && before === ' ');
    let opens = 0;
    let elides = 0;
    if (wrapped) elides = single.wrappedElides;
    else if (known) opens = uppercase.test(word) ? single.capitalKnownElisionOpens : single.knownElisionOpens;
    else if (uppercase.test(word)) elides = single.capitalElides;
    else if (afterWord) opens = single.lowerAfterWordOpens;
    else elides = single.lowerAfterPunctuationElides;
    list.push({ role: 'apostrophe', cost: elides }, { role: 'open', cost: opens });
    // A typed `‘` before a known elision (`‘Cause`) that nothing closes was curled the wrong way.
    if (facing === 'open' && known) return [{ role: 'open', cost: 0 }, { role: 'apostrophe', cost: single.typedOpeningElides }];
  } else if (left === 'word') {
    const before = wordBefore(text, mark.leftIndex + 1);
    const dropped = trailingElision(before);
    const start = mark.leftIndex + 1 - before.length;
    const wrapped = isStraightOrSingle(text[start - 1]) && !isWordChar(text[start - 2]) && !elidedAtBothEnds(before);
    const next = text[mark.rightIndex] ?? '';
    let closes = wrapped ? 0 : single.afterWordCloses;
    if (dropped && !wrapped) closes += dropped === 'listed' ? single.listedEnding : single.patternEnding;
    if (strongPunctuation.test(next) || next === '') closes += single.afterWordBeforeStrongPunctuation;
    const nested = periodOrComma.test(next) && !wrapped && style.tag.toLowerCase().startsWith('en') ? single.nestedBeforePeriod : 0;
    list.push({ role: 'apostrophe', cost: dropped ? 0 : single.undroppedElides }, { role: 'close', cost: Math.max(0, closes), nested });
  } else if (right === 'space' && left !== 'space') {
    // `.' ` or `—' `: nothing opens before a space; an opening mark here would lose the space.
    list.push({ role: 'close', cost: 0 }, { role: 'apostrophe', cost: 3 });
  } else if ((left === 'space' || left === 'open') && closingPunctuation.test(text[nextVisible(text, mark)] ?? '')) {
    // ` ',` or ` '.`: a closing mark with a stray space before it; nothing opens on a comma.
    list.push({ role: 'close', cost: 0 }, { role: 'apostrophe', cost: 2 }, { role: 'open', cost: 4 });
  } else if (left === 'space' || left === 'open') {
    list.push({ role: 'open', cost: right === 'space' ? 2 : 0.5 }, { role: 'close', cost: 2 }, { role: 'apostrophe', cost: right === 'space' ? 1 : 2 });
  } else {
    list.push({ role: 'close', cost: 0 }, { role: 'apostrophe', cost: 3 }, { role: 'open', cost: 4 });
  }
  if (!facing) return list;
  // A typed glyph is evidence: any role other than its own costs `againstGlyph` more.
  // With no word on either side (` ’ `), a closing glyph is a closing mark, not an apostrophe.
  const bare = (left === 'space' || left === 'open') && right === 'space';
  const own = (role: PlannedRole) => (facing === 'open' ? role === 'open' : (role === 'apostrophe' && !bare) || (role === 'close' && right !== 'word'));
  return list.map((candidate) => (own(candidate.role) ? candidate : { ...candidate, cost: candidate.cost + costs.againstGlyph })).sort((a, b) => a.cost - b.cost);
}

/** The roles a double mark may play: it is never an apostrophe. */
function doubleCandidates(mark: Mark, { left, right }: Sides, style: QuoteStyle): Candidate[] {
  const facing = mark.typographic ? glyphFacing(style, mark.char) : undefined;
  if (facing === 'open') return [{ role: 'open', cost: 0 }, { role: 'close', cost: costs.againstGlyph }];
  if (facing === 'close') return [{ role: 'close', cost: 0 }, { role: 'open', cost: costs.againstGlyph }];
  const afterSpace = left === 'space' || left === 'open';
  const beforeSpace = right === 'space' || (right === 'punct' && !afterSpace);
  if (afterSpace && !beforeSpace) return [{ role: 'open', cost: 0 }, { role: 'close', cost: 3 }];
  if (!afterSpace && beforeSpace) return [{ role: 'close', cost: 0 }, { role: 'open', cost: 3 }];
  if (left === 'punct' && right === 'word') return [{ role: 'open', cost: 0 }, { role: 'close', cost: 1 }];
  return [{ role: 'close', cost: 0.5 }, { role: 'open', cost: 1 }];
}

/** A stack of open quotation kinds, innermost last: `d` double, `s` single. */
type Stack = string;

interface Step {
  cost: number;
  previous: Stack;
  role: PlannedRole;
}

const letterOf = (kind: QuoteKind) => (kind === 'double' ? 'd' : 's');

/** The stack after `role`, and what the nesting charges for it; undefined when the stack would be too deep. */
function transition(stack: Stack, mark: Mark, { role, nested }: SingleCandidate): { stack: Stack; cost: number } | undefined {
  const kind = mark.kind;
  if (role === 'apostrophe') return { stack, cost: 0 };
  const letter = letterOf(kind);
  if (role === 'open') {
    if (stack.length >= maxDepth) return undefined;
    return { stack: stack + letter, cost: stack.endsWith(letter) ? costs.sameKindNested : 0 };
  }
  const at = stack.lastIndexOf(letter);
  if (at >= 0) return { stack: stack.slice(0, at), cost: (stack.length - at - 1) * costs.leftOpen + (nested && stack.slice(0, at).includes('d') ? nested : 0) };
  // Closing the other kind repairs the mark to that kind: a typed glyph only with proof.
  if (stack.length > 0) return { stack: stack.slice(0, -1), cost: costs.mismatch + (mark.typographic ? costs.againstGlyph : 0) };
  return { stack, cost: costs.unpairedClose };
}

/** Quotations left open at the paragraph's end; `reopened`: the next paragraph starts by reopening a double and a single one (`"'Listen`). */
function leftOpenCost(stack: Stack, reopened: boolean): number {
  let cost = 0;
  for (let index = 0; index < stack.length; index++) {
    const continued = (index === 0 && stack[0] === 'd') || (reopened && index === 1 && stack === 'ds');
    cost += continued ? costs.continuedOutermost : costs.leftOpen;
  }
  return cost;
}

/**
 * A straight `'` planned as an apostrophe before a capitalized word no list knows (`'Faut`): most
 * such marks open quotations (twelve in thirteen), so the author hears of it.
 */
export function isDoubtfulElision(text: string, mark: Mark, role: PlannedRole | undefined): boolean {
  if (role !== 'apostrophe' || mark.char !== "'") return false;
  const { left, right } = sidesOf(text, mark);
  if (right !== 'word' || left === 'word') return false;
  const { word } = wordAfter(text, mark.rightIndex);
  return uppercase.test(word) && !isLeadingElision(word);
}

/** Every mark's role (accents typed for apostrophes excluded), by the mark's offset; see `costs` for the algorithm. */
export function planRoles(text: string, marks: Mark[], style: QuoteStyle, reopened = false): Map<number, PlannedRole> {
  const roles = new Map<number, PlannedRole>();
  const steps: { mark: Mark; step: Map<Stack, Step> }[] = [];
  let states = new Map<Stack, Step>([['', { cost: 0, previous: '', role: 'apostrophe' }]]);
  for (const mark of marks) {
    if (mark.accent) continue;
    const sides = sidesOf(text, mark);
    const candidates = mark.kind === 'single' ? singleCandidates(text, mark, sides, style) : doubleCandidates(mark, sides, style);
    // A mark with one role that leaves the stack as it is (`don't`: an apostrophe between letters, most marks
    // in prose) adds the same cost to every state, so it changes no choice: it needs no step of its own.
    if (candidates.length === 1 && candidates[0].role === 'apostrophe') {
      roles.set(mark.index, 'apostrophe');
      continue;
    }
    const step = new Map<Stack, Step>();
    for (const [stack, { cost }] of states) {
      for (const candidate of candidates) {
        const next = transition(stack, mark, candidate);
        if (!next) continue;
        const total = cost + candidate.cost + next.cost;
        const best = step.get(next.stack);
        if (!best || total < best.cost) step.set(next.stack, { cost: total, previous: stack, role: candidate.role });
      }
    }
    steps.push({ mark, step });
    states = step;
  }
  let end: Stack = '';
  let best = Infinity;
  for (const [stack, { cost }] of states) {
    const total = cost + leftOpenCost(stack, reopened);
    if (total < best) (best = total), (end = stack);
  }
  for (let index = steps.length - 1; index >= 0; index--) {
    const step = steps[index].step.get(end)!;
    roles.set(steps[index].mark.index, step.role);
    end = step.previous;
  }
  return roles;
}
