// When a story opens with a drop cap: one rule for the EPUB and the PDF, so both books drop the same initials.

/**
 * Fewest words an opening paragraph needs for a drop cap: enough to wrap a three-line initial on a phone and
 * to run past it on a 6x9 page. A shorter paragraph opens with small capitals only, in every format.
 */
export const dropCapMinimumWords = 40;

/** An opening paragraph as both writers see it. */
export interface OpeningParagraph {
  /** The paragraph's first text, when it starts with plain text (not emphasis, a link or a picture). */
  leadingText: string | undefined;
  /** All of its text. */
  text: string;
}

/**
 * Whether the paragraph takes a drop cap: it starts with plain text whose first letter or digit (after any
 * opening punctuation, which drops with it) is followed by more of the word, and it has at least
 * `dropCapMinimumWords` words. A lone-letter word ("I", "A") stays in the line, as the PDF's layout needs.
 */
export function takesDropCap(paragraph: OpeningParagraph): boolean {
  if (paragraph.leadingText === undefined || !/^[\p{P}\p{S}]*[\p{L}\p{N}][^\s]/u.test(paragraph.leadingText)) return false;
  return paragraph.text.trim().split(/\s+/u).length >= dropCapMinimumWords;
}
