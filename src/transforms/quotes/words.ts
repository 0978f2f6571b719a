// The words on either side of a mark: letters and digits, with apostrophes inside (`s'pose`, `tisn't`).
import { isWordChar } from './marks.ts';

export const apostropheChars = /['’‘`´]/;

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
