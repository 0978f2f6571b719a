// Turns a paragraph's quote decisions into text edits (glyphs, spaces inside quotes) and the warnings that go with the repairs.
import type { Edit } from '../text-runs.ts';
import { isSpaceChar } from './marks.ts';
import { shownKinds, type Decision, type ParagraphQuotes } from './pairing.ts';
import { defaultFacing, pairFor, type QuoteStyle } from './quote-styles.ts';

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
      edits.push({ start: mark.index, end: mark.index + 1, replacement: apostrophe });
      if (mark.typographic) warn(mark.index, `Unexpected ${codeSpan(mark.char)} for an apostrophe, expected \`${apostrophe}\``);
      continue;
    }
    if (!kind || (decision.role !== 'open' && decision.role !== 'close')) {
      warnings.push({ offset: mark.index, reason: unpairedReason(decision, style), severity: 'warning', unpaired: true });
      continue;
    }
    const quotePair = pairFor(style, kind);
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
    const at = opening ? mark.index + 1 : mark.index;
    const space = empty ? { start: at, end: at } : opening ? spaceAfter(text, decision) : spaceBefore(text, decision);
    const from = opening ? mark.index : space.start;
    const to = opening ? space.end : mark.index + 1;
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

/** Only space between the mark and its partner, or the run's end when it has none. */
function quotesNothing(text: string, decision: Decision): boolean {
  const opening = decision.role === 'open';
  const partner = decision.partner?.mark.index ?? (opening ? text.length : -1);
  const [from, to] = opening ? [decision.mark.index, partner] : [partner, decision.mark.index];
  return text.slice(from + 1, to).trim() === '';
}

interface Span {
  start: number;
  end: number;
}

/** White space between an opening mark and the quoted text; none taken across a line break. */
function spaceAfter(text: string, decision: Decision): Span {
  const start = decision.mark.index + 1;
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
