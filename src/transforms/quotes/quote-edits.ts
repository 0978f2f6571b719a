// Turns a paragraph's quote decisions into text edits (glyphs, spaces inside quotes) and the warnings that go with the repairs.
import type { Edit } from '../text-runs.ts';
import { isSpaceChar, type QuoteKind } from './marks.ts';
import { shownKinds, type Decision, type ParagraphQuotes } from './pairing.ts';
import { defaultFacing, pairFor, type QuotePair, type QuoteStyle } from './quote-styles.ts';

export const apostrophe = '’';

export interface QuoteWarning {
  /** Offset in the run's text before any edit. */
  offset: number;
  reason: string;
  /** `info` for a well-formed mark of another language's style (`“` in French text). */
  severity: 'warning' | 'info';
  /** A mark left as it is because nothing pairs with it, rather than a repair. */
  unpaired?: boolean;
}

export interface QuoteFixes {
  edits: Edit[];
  warnings: QuoteWarning[];
}

/**
 * Straight marks become the style's glyphs silently: that is the rule's job. A typographic
 * mark the author typed is only changed as a repair, with a warning: wrong direction, wrong
 * kind for its nesting, the other kind than its partner, or a stray space inside it.
 */
export function quoteFixes(paragraph: ParagraphQuotes, style: QuoteStyle): QuoteFixes {
  const text = paragraph.run.text;
  const shown = shownKinds(paragraph.decisions, style.authorKindAtTop);
  const edits: Edit[] = [];
  const warnings: QuoteWarning[] = [];
  const warn = (offset: number, reason: string, severity: QuoteWarning['severity'] = 'warning') => warnings.push({ offset, reason, severity });

  for (const decision of paragraph.decisions) {
    const { mark } = decision;
    const quote = shown.get(decision);
    const kind = quote?.kind;
    if (decision.role === 'apostrophe') {
      if (mark.char === apostrophe) continue;
      const prime = primeAfterNumber(text, decision);
      if (prime) {
        edits.push({ start: mark.index, end: mark.end, replacement: prime });
        continue;
      }
      edits.push({ start: mark.index, end: mark.end, replacement: apostrophe });
      if (mark.typographic) warn(mark.index, `Unexpected ${codeSpan(mark.char)} for an apostrophe, expected \`${apostrophe}\``);
      continue;
    }
    if (!kind || (decision.role !== 'open' && decision.role !== 'close')) {
      const prime = primeAfterNumber(text, decision);
      if (prime) {
        edits.push({ start: mark.index, end: mark.end, replacement: prime });
        continue;
      }
      if (isUnknownElision(text, decision)) {
        // Straight, it would stay wrong either way; `’` is right for every elision no list knows.
        edits.push({ start: mark.index, end: mark.end, replacement: apostrophe });
        warn(mark.index, unknownElisionReason(style));
        continue;
      }
      warnings.push({ offset: mark.index, reason: unpairedReason(decision, style), severity: 'warning', unpaired: true });
      continue;
    }
    const quotePair = typedAlternative(style, decision, kind) ?? pairFor(style, kind);
    const opening = decision.role === 'open';
    const glyph = opening ? quotePair.open : quotePair.close;
    if (decision.mismatched && mark.kind !== kind) {
      const partner = decision.partner!;
      const what = mark.typographic ? `\`${mark.char}\`` : `straight quote \`${mark.char}\``;
      const how = opening ? 'opening a quotation closed with' : 'closing a quotation opened with';
      warn(mark.index, `Unexpected ${what} ${how} \`${partner.mark.char}\`, expected \`${glyph}\``);
    } else if (mark.typographic && mark.char !== glyph) {
      const which = opening ? 'opening' : 'closing';
      const nested = quote!.nested && kind !== mark.kind;
      // Facing the right way, of the right kind, only another language's glyph: a style change.
      const foreign = !nested && kind === mark.kind && defaultFacing(mark.char) === decision.role;
      const where = foreign ? ` in ${style.tag} text` : '';
      warn(mark.index, `Unexpected \`${mark.char}\` ${which} a${nested ? ' nested' : ''} quotation${where}, expected \`${glyph}\``, foreign ? 'info' : 'warning');
    }

    // The space between the mark and the quoted text: none, or the style's own (French U+202F).
    // A quotation of nothing but space (`" "`) keeps its space as it is and gets no more.
    const empty = quotesNothing(text, decision);
    const at = opening ? mark.end : mark.index;
    const space = empty ? { start: at, end: at } : opening ? spaceAfter(text, decision) : spaceBefore(text, decision);
    const from = opening ? mark.index : space.start;
    const to = opening ? space.end : mark.end;
    const inside = empty ? '' : quotePair.inside;
    const replacement = opening ? glyph + inside : inside + glyph;
    if (space.start < space.end && !inside) {
      const where = opening ? `after opening quote \`${glyph}\`` : `before closing quote \`${glyph}\``;
      warn(space.start, `Unexpected space ${where}, expected none`);
    }
    if (text.slice(from, to) !== replacement) edits.push({ start: from, end: to, replacement });
  }
  warnings.sort((a, b) => a.offset - b.offset);
  return { edits, warnings };
}

/** The style's other pair of this kind, when the author typed the quotation with it, both ends facing right (German `»Ja«`). */
function typedAlternative(style: QuoteStyle, decision: Decision, kind: QuoteKind): QuotePair | undefined {
  if (!style.alternative) return undefined;
  const pair = kind === 'double' ? style.alternative.double : style.alternative.single;
  const opener = decision.role === 'open' ? decision : decision.partner;
  const closer = decision.role === 'open' ? decision.partner : decision;
  if (opener?.mark.char !== pair.open || (closer && closer.mark.char !== pair.close)) return undefined;
  return pair;
}

const digit = /[0-9]/;
const wordChar = /[\p{L}\p{N}]/u;

/**
 * A straight mark right after a number that no quotation claims is a foot or inch mark the primes
 * rule could not be sure of (`a 16" pizza`, `the 10' ladder`): `″` for `"` (or `''`), `′` for an
 * apostrophe with no letter after it. A `"` that closes a quotation (`"I was 12"`) never gets here.
 */
function primeAfterNumber(text: string, decision: Decision): string | undefined {
  const { mark } = decision;
  if (mark.typographic || mark.leftSeam || !digit.test(text[mark.leftIndex] ?? '')) return undefined;
  if (wordChar.test(text[mark.rightIndex] ?? '')) return undefined;
  if (mark.kind === 'double') return decision.end === 'close' ? '″' : undefined;
  return decision.role === 'apostrophe' ? '′' : undefined;
}

/** A straight `'` before a word that opens nothing (no mark closes it): an elision no list knows (`'gator`, `'Faut`). */
function isUnknownElision(text: string, decision: Decision): boolean {
  const { mark } = decision;
  return mark.char === "'" && decision.end === 'open' && !mark.rightSeam && wordChar.test(text[mark.rightIndex] ?? '');
}

function unknownElisionReason(style: QuoteStyle): string {
  const { open, close } = style.single;
  return `Unexpected straight quote \`'\` that nothing closes, expected an apostrophe \`${apostrophe}\` (as set) or a quotation \`${open}…${close}\``;
}

/** Only space between the quotation's marks, or between the mark and the run's end when it has no partner. */
function quotesNothing(text: string, decision: Decision): boolean {
  const opening = decision.role === 'open';
  const opener = opening ? decision : decision.partner;
  const closer = opening ? decision.partner : decision;
  return text.slice(opener ? opener.mark.end : 0, closer ? closer.mark.index : text.length).trim() === '';
}

interface Span {
  start: number;
  end: number;
}

/** White space between an opening mark and the quoted text; none taken across a line break. */
function spaceAfter(text: string, decision: Decision): Span {
  const start = decision.mark.end;
  let end = start;
  while (end < text.length && isSpaceChar(text[end])) end++;
  return decision.mark.rightSeam === 'space' ? { start, end: start } : { start, end };
}

/** White space between the quoted text and a closing mark; none taken across a line break. */
function spaceBefore(text: string, decision: Decision): Span {
  const end = decision.mark.index;
  let start = end;
  while (start > 0 && isSpaceChar(text[start - 1])) start--;
  return decision.mark.leftSeam === 'space' ? { start: end, end } : { start, end };
}

function unpairedReason(decision: Decision, style: QuoteStyle): string {
  const { mark } = decision;
  const quotePair = pairFor(style, mark.kind);
  if (decision.end === 'close') {
    return `Unexpected closing quote \`${mark.char}\` with no opening quote before it, expected an opening \`${quotePair.open}\``;
  }
  const hint = mark.kind === 'single' ? ` (type \`${apostrophe}\` if it is an apostrophe)` : '';
  return `Unexpected opening quote \`${mark.char}\` that is never closed, expected a closing \`${quotePair.close}\`${hint}`;
}

/** A character in backticks, as messages show them; a backtick itself needs doubled ones. */
function codeSpan(char: string): string {
  return char === '`' ? '`` ` ``' : `\`${char}\``;
}
