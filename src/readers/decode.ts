// Turns a story file's bytes into text: a BOM or valid UTF-8 is trusted, anything else is detected (jschardet) and named.
import { createRequire } from 'node:module';
import iconv from 'iconv-lite';
import { isKnownEncoding } from './known-encodings.ts';
import { repairMojibake, type MojibakeRepair } from './mojibake.ts';

export interface DecodedText {
  text: string;
  /** The encoding read, as iconv-lite names it (`utf-8`, `utf-16le`, `windows-1251`, `shift_jis` …). */
  encoding: string;
  /** How the encoding was chosen: a byte-order mark, valid UTF-8, the user's `encoding:`, or a guess from the bytes. */
  source: 'bom' | 'utf-8' | 'given' | 'detected';
  /** Mojibake runs (UTF-8 read as Windows-1252 and saved again) that were repaired, with their 1-based line. */
  repairs: MojibakeRepair[];
}

/** Why bytes are not a story; the reader adds the file. */
export class UndecodableText extends Error {}

/** How many bytes the detector looks at: enough for any encoding to show itself, and linear time on huge files. */
const detectionSample = 64 * 1024;

/** Encodings a detector may answer with that we read, mapped to iconv-lite's names; ISO-8859-1 text is read as its superset Windows-1252. */
const detectable: Record<string, string> = {
  'windows-1252': 'windows-1252', 'iso-8859-1': 'windows-1252', ascii: 'windows-1252',
  'windows-1250': 'windows-1250', 'iso-8859-2': 'iso-8859-2', 'windows-1251': 'windows-1251', 'koi8-r': 'koi8-r',
  maccyrillic: 'maccyrillic', 'iso-8859-5': 'iso-8859-5', 'ibm866': 'cp866', 'iso-8859-7': 'iso-8859-7', 'windows-1253': 'windows-1253',
  'iso-8859-8': 'iso-8859-8', 'windows-1255': 'windows-1255', 'tis-620': 'tis-620', 'iso-8859-9': 'iso-8859-9',
  shift_jis: 'shift_jis', cp932: 'cp932', 'euc-jp': 'euc-jp', 'iso-2022-jp': 'iso-2022-jp', gb2312: 'gb18030', gb18030: 'gb18030',
  big5: 'big5', 'euc-kr': 'euc-kr', 'euc-tw': 'big5', 'utf-16le': 'utf-16le', 'utf-16-le': 'utf-16le', 'utf-16be': 'utf-16be', 'utf-16-be': 'utf-16be',
};

export { isKnownEncoding };

/**
 * Decodes a story. `encoding` (the user's word) wins; then a byte-order mark; then UTF-8 when the bytes are valid
 * UTF-8; otherwise the detector's guess, reported by the caller as an assumption. Throws UndecodableText for bytes
 * that are no text in any encoding.
 */
export function decodeStoryBytes(bytes: Uint8Array, encoding?: string): DecodedText {
  const decoded = decodeBytes(bytes, encoding);
  checkLooksLikeText(decoded.text, decoded.encoding, decoded.source);
  const { text, repairs } = repairMojibake(decoded.text);
  return { ...decoded, text, repairs };
}

/**
 * The encoding detector, loaded the first time a file is neither UTF-8 nor marked: most books never need it, and
 * loading it takes about 0.04 s. It is CommonJS, so it loads synchronously, as decoding is.
 */
const requireHere = createRequire(import.meta.url);
const jschardet = {
  detect: (buffer: Buffer) => (requireHere('jschardet') as typeof import('jschardet')).detect(buffer),
};

function decodeBytes(bytes: Uint8Array, encoding: string | undefined): Omit<DecodedText, 'repairs'> {
  if (encoding !== undefined) {
    if (!isKnownEncoding(encoding)) throw new UndecodableText(`unknown encoding "${encoding}"; use a name such as utf-8, windows-1252, windows-1251, iso-8859-2, shift_jis, gb18030 or utf-16le`);
    return { text: iconv.decode(Buffer.from(bytes), encoding), encoding: encoding.toLowerCase(), source: 'given' };
  }
  const bom = byteOrderMark(bytes);
  if (bom) return { text: iconv.decode(Buffer.from(bytes.subarray(bom.length)), bom.encoding, { stripBOM: false }), encoding: bom.encoding, source: 'bom' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', source: 'utf-8' };
  } catch {
    // Not UTF-8: a legacy encoding, detected below.
  }
  const guess = jschardet.detect(Buffer.from(bytes.subarray(0, detectionSample)));
  const detected = guess.encoding ? detectable[guess.encoding.toLowerCase()] : undefined;
  if (detected) return { text: iconv.decode(Buffer.from(bytes), detected), encoding: detected, source: 'detected' };
  const utf16 = utf16WithoutMark(bytes);
  if (utf16) return { text: iconv.decode(Buffer.from(bytes), utf16), encoding: utf16, source: 'detected' };
  // Too little to go on (a short note) and no NUL: Windows-1252, what Word and old Windows editors save; binary is caught next.
  if (!bytes.includes(0)) return { text: iconv.decode(Buffer.from(bytes), 'windows-1252'), encoding: 'windows-1252', source: 'detected' };
  throw new UndecodableText('this looks like a binary file, not a story (it contains NUL bytes)');
}

/**
 * UTF-16 without a byte-order mark that the detector could not place (Japanese, Chinese): the byte order in which
 * 98% of the sample reads as letters, marks, digits, punctuation and spaces, with no broken surrogate.
 */
function utf16WithoutMark(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length % 2 !== 0 || !bytes.includes(0)) return undefined;
  const sample = bytes.subarray(0, detectionSample);
  for (const order of ['utf-16le', 'utf-16be'] as const) {
    const text = new TextDecoder(order).decode(sample);
    const readable = text.match(/[\p{L}\p{M}\p{N}\p{P}\p{Zs}\n\r\t]/gu)?.length ?? 0;
    if (!text.includes('\ufffd') && readable >= 0.98 * text.length) return order;
  }
  return undefined;
}

function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * Refuses decoded text that is really binary: NUL bytes, more than 1 in 200 control or replacement characters, or (in
 * a guessed single-byte encoding) "words" far longer than any language's, as random bytes give.
 */
function checkLooksLikeText(text: string, encoding: string, source: DecodedText['source']): void {
  if (text.includes('\u0000')) {
    throw new UndecodableText(source === 'given' ? `this file is not ${encoding} text (it decodes to NUL characters)` : 'this looks like a binary file, not a story (it contains NUL bytes)');
  }
  const sample = text.slice(0, detectionSample);
  const controls = sample.match(/[\u0001-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufffd]/g)?.length ?? 0;
  if (controls * 200 > sample.length && controls > 2) {
    throw new UndecodableText(`this looks like a binary file, not a story (${controls} control characters in ${encoding})`);
  }
  if (source !== 'detected' || /^(utf-16|shift_jis|cp932|euc|iso-2022|gb|big5)/.test(encoding)) return;
  const words = sample.split(/\s+/).filter(Boolean);
  const meanLength = words.reduce((sum, word) => sum + word.length, 0) / Math.max(1, words.length);
  if (meanLength > 30) throw new UndecodableText(`this looks like a binary file, not a story (no words: read as ${encoding}, its text averages ${Math.round(meanLength)} characters between spaces)`);
}
