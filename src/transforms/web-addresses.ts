// Web addresses in a text run (`http://…`, `www.…`): the character rules leave them exactly as typed.

export interface Span {
  start: number;
  end: number;
}

/** An address runs to the next space, bracket or quote mark. */
const webAddress = /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>()[\]{}"“”‘’«»]+/giu;
/** One sentence mark or closing mark after an address belongs to the sentence (`see www.a.org.`). */
const sentenceEnd = /[.,;:!?']$/;
const hint = /:\/\/|www\./i;

/** Where the web addresses of `text` are, in order; an empty list for ordinary prose (checked cheaply first). */
export function webAddressSpans(text: string): Span[] {
  if (!hint.test(text)) return [];
  const spans: Span[] = [];
  webAddress.lastIndex = 0;
  for (let match = webAddress.exec(text); match; match = webAddress.exec(text)) {
    const address = match[0].replace(sentenceEnd, '');
    spans.push({ start: match.index, end: match.index + address.length });
  }
  return spans;
}

/** True when `[start, end)` overlaps one of the spans. */
export function overlapsSpan(spans: Span[], start: number, end: number): boolean {
  for (const span of spans) if (start < span.end && end > span.start) return true;
  return false;
}
