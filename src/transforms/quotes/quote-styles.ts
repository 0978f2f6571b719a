// The quotation marks each language uses: primary (outer) and secondary (inner) pairs, and the space kept inside them.
import type { QuoteKind } from './marks.ts';

export interface QuotePair {
  open: string;
  close: string;
  /** Space set between the mark and the quoted text (French: U+202F); empty for none. */
  inside: string;
}

export interface QuoteStyle {
  /** The tag the style was chosen for (`en`, `fr`, `de-ch`…), for messages. */
  tag: string;
  double: QuotePair;
  single: QuotePair;
  /** English only: a top-level quotation keeps the kind the author typed (`'…'` stays single). */
  authorKindAtTop: boolean;
  /** Another set of marks the language's books use (German `»…«`, `›…‹`): kept where the author typed a whole pair of it. */
  alternative?: QuotePairs;
}

interface QuotePairs {
  double: QuotePair;
  single: QuotePair;
}

/** U+202F NARROW NO-BREAK SPACE: the French space inside guillemets. */
export const narrowNoBreakSpace = '\u202F';

const pair = (open: string, close: string, inside = ''): QuotePair => ({ open, close, inside });

const english = { double: pair('“', '”'), single: pair('‘', '’') };
const guillemetsThenEnglish = { double: pair('«', '»'), single: pair('“', '”') };
/** German, Czech and Slovak books set `„…“` or, as often, `»…«` (Duden, ÚJČ): both are right. */
const german = { double: pair('„', '“'), single: pair('‚', '‘'), alternative: { double: pair('»', '«'), single: pair('›', '‹') } };

/**
 * By BCP 47 tag, lower case; a full tag (`de-ch`) wins over its language (`de`). `double` is the
 * style's primary pair, `single` its secondary one: what the author typed as `"…"` and `'…'`.
 */
const styles: Record<string, QuotePairs & { alternative?: QuotePairs }> = {
  en: english,
  fr: { double: pair('«', '»', narrowNoBreakSpace), single: pair('“', '”') },
  de: german,
  'de-ch': { double: pair('«', '»'), single: pair('‹', '›') },
  'de-li': { double: pair('«', '»'), single: pair('‹', '›') },
  cs: german,
  sk: german,
  es: guillemetsThenEnglish,
  it: guillemetsThenEnglish,
  pt: guillemetsThenEnglish,
  'pt-br': english,
  nl: english,
  ru: { double: pair('«', '»'), single: pair('„', '“') },
  uk: { double: pair('«', '»'), single: pair('„', '“') },
  pl: { double: pair('„', '”'), single: pair('«', '»') },
  sv: { double: pair('”', '”'), single: pair('’', '’') },
  fi: { double: pair('”', '”'), single: pair('’', '’') },
  da: { double: pair('»', '«'), single: pair('›', '‹') },
  nb: { double: pair('«', '»'), single: pair('‘', '’') },
  nn: { double: pair('«', '»'), single: pair('‘', '’') },
  no: { double: pair('«', '»'), single: pair('‘', '’') },
};

/** The style for a BCP 47 tag; English for a language the table does not know. */
export function quoteStyleFor(language: string): QuoteStyle {
  const tag = language.toLowerCase();
  const primary = tag.split('-')[0];
  const found = styles[tag] ? tag : styles[primary] ? primary : 'en';
  return { tag: found, ...styles[found], authorKindAtTop: found === 'en' };
}

export function pairFor(style: QuoteStyle, kind: QuoteKind): QuotePair {
  return kind === 'double' ? style.double : style.single;
}

/**
 * Which way a typed glyph faces in this style, when it can tell: `“` opens in English but closes
 * in German; Swedish `”` does both, so it tells nothing. Glyphs the style does not use face the
 * way they do in the style where they are most common.
 */
export function glyphFacing(style: QuoteStyle, glyph: string): 'open' | 'close' | undefined {
  const sets = style.alternative ? [style, style.alternative] : [style];
  const opens = sets.some((set) => set.double.open === glyph || set.single.open === glyph);
  const closes = sets.some((set) => set.double.close === glyph || set.single.close === glyph);
  if (opens !== closes) return opens ? 'open' : 'close';
  if (opens && closes) return undefined;
  return defaultFacing(glyph);
}

/** The way a glyph faces where it is most common (`“` opens in English, `»` closes in French). */
export function defaultFacing(glyph: string): 'open' | 'close' | undefined {
  return facings[glyph];
}

const facings: Record<string, 'open' | 'close'> = {
  '“': 'open',
  '‘': 'open',
  '”': 'close',
  '’': 'close',
  '„': 'open',
  '‚': 'open',
  '«': 'open',
  '»': 'close',
  '‹': 'open',
  '›': 'close',
};
