// Turns a story file's bytes into text: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1252, mojibake repaired.
import { lineAt } from '../errors.ts';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: Encoding;
  /** Mojibake sequences (UTF-8 read as Windows-1252) that were repaired, with their 1-based line. */
  repairs: { line: number; found: string; repaired: string }[];
}

export function decodeStoryBytes(bytes: Uint8Array): DecodedText {
  const { text, encoding } = decodeBytes(bytes);
  const { text: repairedText, repairs } = repairMojibake(text);
  return { text: repairedText, encoding, repairs };
}

function decodeBytes(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: Windows-1252 is what Word and old Windows editors save (0x91–0x94 quotes, 0x85 ellipsis).
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** Node's TextDecoder treats 'windows-1252' as Latin-1, losing the curly quotes at 0x91–0x94: map by hand. */
function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte >= 0x80 && byte < 0xa0 ? (cp1252Char.get(byte) ?? '\ufffd') : String.fromCharCode(byte);
  return text;
}

/** Windows-1252 code points for bytes 0x80–0x9f, which differ from Latin-1. */
const cp1252High: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
  'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95,
  '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

const cp1252Char = new Map(Object.entries(cp1252High).map(([char, byte]) => [byte, char]));

const cp1252Byte = (char: string): number | undefined => {
  const code = char.charCodeAt(0);
  if (code < 0x100 && !(code >= 0x80 && code < 0xa0)) return code;
  return cp1252High[char];
};

const cp1252Class = '[\\u0080-\\u00ff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]';
/** A UTF-8 lead byte (Â–ô as Windows-1252) followed by the right number of continuation bytes. */
const mojibakePattern = new RegExp(`[\\u00c2-\\u00df]${cp1252Class}|[\\u00e0-\\u00ef]${cp1252Class}{2}|[\\u00f0-\\u00f4]${cp1252Class}{3}`, 'g');

function repairMojibake(text: string): { text: string; repairs: DecodedText['repairs'] } {
  const repairs: DecodedText['repairs'] = [];
  if (!/[\u00c2-\u00f4]/.test(text)) return { text, repairs };
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const repaired = text.replace(mojibakePattern, (found, offset: number) => {
    const bytes = [...found].map(cp1252Byte);
    if (bytes.some((byte) => byte === undefined || (byte !== bytes[0] && (byte < 0x80 || byte > 0xbf)))) return found;
    let fixed: string;
    try {
      fixed = utf8.decode(Uint8Array.from(bytes as number[]));
    } catch {
      return found;
    }
    repairs.push({ line: lineAt(text, offset), found, repaired: fixed });
    return fixed;
  });
  return { text: repaired, repairs };
}
