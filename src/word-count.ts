// Counts the words of a story's own text: author's notes and disclaimers do not count.
import type { Nodes } from 'mdast';

/**
 * The words of `text`: runs of letters and digits, joined through an apostrophe, a hyphen or a non-breaking hyphen
 * between two of them (`don't`, `well-known` are one word each): what `/[\p{L}\p{N}]+(?:['’\u2011-][\p{L}\p{N}]+)*\/gu`
 * matches, counted in one pass without making the matches (that regex was a tenth of the time stories took to read).
 */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (isWordCode(text, index, code)) {
      if (!inWord) words++;
      inWord = true;
      if (code >= 0xd800 && code <= 0xdbff) index++;
    } else if (inWord && isJoiner(code) && index + 1 < text.length && isWordCode(text, index + 1, text.charCodeAt(index + 1))) {
      // A joiner between two word characters keeps the word going.
    } else {
      inWord = false;
    }
  }
  return words;
}

function isJoiner(code: number): boolean {
  return code === 0x27 || code === 0x2019 || code === 0x2011 || code === 0x2d;
}

const letterOrNumber = /^[\p{L}\p{N}]$/u;
/** Whether each BMP code unit is a letter or number: 0 not known yet, 1 yes, 2 no. */
const knownCodes = new Uint8Array(0x10000);

/** Whether the character starting at `index` (whose first code unit is `code`) is a letter or a number. */
function isWordCode(text: string, index: number, code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
  if (code >= 0xd800 && code <= 0xdbff) {
    const low = text.charCodeAt(index + 1);
    return low >= 0xdc00 && low <= 0xdfff && letterOrNumber.test(text.slice(index, index + 2));
  }
  let known = knownCodes[code];
  if (known === 0) knownCodes[code] = known = letterOrNumber.test(String.fromCharCode(code)) ? 1 : 2;
  return known === 1;
}

export function countStoryWords(node: Nodes): number {
  if (node.type === 'authorNote') return 0;
  if (node.type === 'text') return countWords(node.value);
  if (!('children' in node)) return 0;
  let words = 0;
  let pending = '';
  // Words split by emphasis (`un*believ*able`) count once: join adjacent inline text first.
  for (const child of node.children as Nodes[]) {
    if (child.type === 'text') pending += child.value;
    else if (isInlineWrapper(child)) pending += inlineText(child);
    else {
      words += countWords(pending) + countStoryWords(child);
      pending = '';
    }
  }
  return words + countWords(pending);
}

function isInlineWrapper(node: Nodes): boolean {
  return node.type === 'emphasis' || node.type === 'strong' || node.type === 'delete' || node.type === 'link' || node.type === 'inlineCode' || node.type === 'break';
}

function inlineText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'break') return ' ';
  return 'children' in node ? (node.children as Nodes[]).map(inlineText).join('') : '';
}
