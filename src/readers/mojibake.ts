// Repairs mojibake (UTF-8 read as Windows-1252 and saved again, `donâ€™t`) only where real text could not have those characters.
import { lineAt } from '../errors.ts';

export interface MojibakeRepair {
  /** 1-based line of the run in the decoded text. */
  line: number;
  found: string;
  repaired: string;
}

/** Windows-1252 code points for bytes 0x80–0x9f that differ from Latin-1 (the five unassigned bytes stay C1 controls). */
const cp1252High: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
  'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95,
  '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

function cp1252Byte(char: string): number | undefined {
  const code = char.charCodeAt(0);
  if (code < 0x100) return code;
  return cp1252High[char];
}

const continuation = '[\\u0080-\\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]';
/** A UTF-8 lead byte (Â–ô as Windows-1252) followed by the right number of continuation bytes; runs of them together. */
const candidate = `[\\u00c2-\\u00df]${continuation}|[\\u00e0-\\u00ef]${continuation}{2}|[\\u00f0-\\u00f4]${continuation}{3}`;
const candidateRun = new RegExp(`(?:${candidate})+`, 'g');
const oneCandidate = new RegExp(candidate, 'g');

/**
 * Characters real text puts right after a letter: closing quotes and guillemets, ellipses, dashes, ordinals, degrees,
 * superscripts, no-break and soft hyphens, footnote daggers, and letters. A continuation byte seen as one of these
 * proves nothing; any other (`€`, `©`, `¤`, `¶`, `±`, `™`, a C1 control…) never follows a letter in real text.
 */
const seenAfterLetters = new Set('’”“‘„‚…–—»«‹›•·\u00a0\u00adªº°¹²³´¨˜ŠšŒœŽžŸƒµ†‡');

/**
 * Whether one lead-and-continuation sequence could only be mojibake: a continuation real text never puts after a
 * letter, or a capital lead inside a lower-case word. `café…”`, `weiß“`, `IRMÃ»` and `N°` stay; `Ã©`, `sÃ»r`, `gÅ‚os`
 * and `â€™` do not.
 */
function isCertain(sequence: string, before: string | undefined): boolean {
  const [lead, ...rest] = [...sequence];
  // A two-byte lead is a capital (Â, Ã, Å, Ð…): after a lower-case letter (`sÃ»r`, `gÅ‚os`) it is no real word's letter.
  if (/[\u00c2-\u00de]/.test(lead) && lead !== '\u00d7' && before !== undefined && /\p{Ll}/u.test(before)) return true;
  return rest.some((char) => !seenAfterLetters.has(char));
}

/** The UTF-8 text a sequence of Windows-1252 characters stands for, or undefined when its bytes are not UTF-8. */
function asUtf8(sequence: string): string | undefined {
  const bytes = [...sequence].map(cp1252Byte);
  if (bytes.some((byte) => byte === undefined)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes as number[]));
  } catch {
    return undefined;
  }
}

/**
 * Repairs each run of adjacent mojibake sequences that holds at least one certain sequence (so `Ð¿Ñ€Ð°` is repaired
 * whole though `Ð°` alone could be real); a run of only ambiguous ones is left as written. Linear in the text.
 */
export function repairMojibake(text: string): { text: string; repairs: MojibakeRepair[] } {
  const repairs: MojibakeRepair[] = [];
  if (!/[\u00c2-\u00f4]/.test(text)) return { text, repairs };
  let lineSearch = { offset: 0, line: 1 };
  const repaired = text.replace(candidateRun, (run, offset: number) => {
    const sequences = run.match(oneCandidate) ?? [];
    const befores = sequences.map((_, index) => (index === 0 ? text[offset - 1] : sequences[index - 1].at(-1)));
    if (sequences.join('') !== run || !sequences.some((sequence, index) => isCertain(sequence, befores[index]))) return run;
    const fixed = sequences.map(asUtf8);
    if (fixed.some((part) => part === undefined)) return run;
    lineSearch = { offset, line: lineSearch.line + lineAt(text.slice(lineSearch.offset, offset), offset - lineSearch.offset) - 1 };
    repairs.push({ line: lineSearch.line, found: run, repaired: fixed.join('') });
    return fixed.join('');
  });
  return { text: repaired, repairs };
}
