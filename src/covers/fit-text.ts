// Sets a text box's words in its own font with sharp: wrapped to the box, shrunk until the measured ink fits, never overflowing.
import sharp from 'sharp';
import { OutputError } from '../errors.ts';
import type { FontFace } from './fonts.ts';
import { oncePerKey } from '../once-per-key.ts';

export interface TextStyle {
  face: FontFace;
  /** `#rrggbb`. */
  color: string;
  align: 'left' | 'center' | 'right';
  /** Line height as a multiple of the size. */
  lineHeight: number;
  /** Extra space between letters, in em. */
  tracking: number;
  uppercase: boolean;
  /** Families (registered with `registerFontFile`) for the characters `face` lacks, asked in order. Default: none. */
  fallbacks?: readonly { family: string; covered: ReadonlySet<number> }[];
}

export interface FitBox {
  width: number;
  height: number;
  /** Largest size tried, in pixels. */
  maxSize: number;
  /** Smallest size; below it the text is shortened instead. */
  minSize: number;
}

/** Text set at one size: an RGBA image exactly as large as its ink. */
export interface SetText {
  /** Raw RGBA pixels, `width × height × 4`. */
  data: Uint8Array;
  width: number;
  height: number;
  /** Font size in pixels. */
  size: number;
  /** The text set: the input, or a shortened form ending in `…`. */
  text: string;
  shortened: boolean;
}

/** Escapes text for Pango markup: `&`, `<`, `>` (and quotes, harmless in text). */
export function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * The Pango markup for `text` in one face and size. `fallback="false"` keeps Pango from borrowing glyphs from
 * system fonts: a character the font lacks shows as a box (and is reported by the caller), never in another face.
 */
export function textMarkup(text: string, style: TextStyle, size: number): string {
  const attributes = [
    `font_family="${escapeMarkup(style.face.family)}"`,
    `font_weight="${style.face.weight}"`,
    `font_style="${style.face.italic ? 'italic' : 'normal'}"`,
    `font_size="${Math.round(size * 1024)}"`,
    `foreground="${style.color}"`,
    'fallback="false"',
    `line_height="${style.lineHeight}"`,
  ];
  if (style.tracking) attributes.push(`letter_spacing="${Math.round(style.tracking * size * 1024)}"`);
  if (style.uppercase) attributes.push('text_transform="uppercase"');
  const runs = fontRuns(text, style).map((run) => (run.family === undefined ? escapeMarkup(run.text) : `<span font_family="${escapeMarkup(run.family)}">${escapeMarkup(run.text)}</span>`));
  return `<span ${attributes.join(' ')}>${runs.join('')}</span>`;
}

/**
 * `text` cut into runs by the font that draws them: the face where it has every glyph, else the first fallback
 * that has. Marks, joiners, variation selectors and spaces stay in the run before them, so a base and its marks,
 * an emoji sequence or a right-to-left phrase is shaped by one font.
 */
function fontRuns(text: string, style: TextStyle): { text: string; family?: string }[] {
  const runs: { text: string; family?: string }[] = [];
  const has = (covered: ReadonlySet<number>, character: string) => [...(style.uppercase ? character.toUpperCase() : character)].every((c) => covered.has(c.codePointAt(0)!));
  for (const character of text) {
    const last = runs.at(-1);
    if (last && /[\p{M}\p{Cf}\p{Z}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/u.test(character)) {
      last.text += character;
      continue;
    }
    const family = has(style.face.covered, character) ? undefined : style.fallbacks?.find((font) => has(font.covered, character))?.family;
    if (last && last.family === family) last.text += character;
    else runs.push({ text: character, family });
  }
  return runs;
}

/** Makes a font file's family known to the text renderer for the rest of the process (libvips keeps every `fontfile` it is given). */
export const registerFontFile: (file: string) => Promise<void> = oncePerKey(async (file: string) => {
  await sharp({ text: { text: '.', fontfile: file } }).raw().toBuffer();
});

/** Renders `text` at `size` pixels, wrapped at words (at characters inside a word longer than a line) to `width`. */
export async function setText(text: string, style: TextStyle, size: number, width: number): Promise<SetText> {
  const { data, info } = await sharp({
    text: {
      text: textMarkup(text, style, size),
      fontfile: style.face.file,
      width: Math.max(1, Math.floor(width)),
      wrap: 'word-char',
      align: style.align,
      rgba: true,
      dpi: 72,
    },
  })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, size, text, shortened: false };
}

/**
 * The largest whole-pixel size from `minSize` to `maxSize` at which the text, wrapped to the box's width, has ink
 * no wider and no taller than the box: a binary search over sizes, each step rendering and measuring the text
 * (about log2(maxSize − minSize) renders). A size is only ever accepted after its measured ink fit, so the result
 * fits even where wrapping makes height jump unevenly with size. When even `minSize` overflows, the text is
 * shortened at a word boundary (again by binary search, on the number of words) and ends in `…`.
 */
export async function fitText(fullText: string, style: TextStyle, box: FitBox): Promise<SetText> {
  // No cover box shows more; longer text would make a surface taller than the renderer can draw.
  const text = fullText.length > maxCoverTextLength ? cutAtWord(fullText, maxCoverTextLength) : fullText;
  const set = await fitWholeText(text, style, box);
  return text === fullText ? set : { ...set, shortened: true };
}

/** Characters a cover text box is given at most: a long title is cut at a word boundary before it is set. */
export const maxCoverTextLength = 300;

/** `text` cut to at most `length` characters at a space (or mid-word when there is none), ending in `…`. */
export function cutAtWord(text: string, length: number): string {
  const head = text.slice(0, length);
  const space = head.lastIndexOf(' ');
  return `${(space > length / 2 ? head.slice(0, space) : head).replace(/[\s,;:.–—-]+$/, '')}…`;
}

async function fitWholeText(text: string, style: TextStyle, box: FitBox): Promise<SetText> {
  const minSize = Math.max(1, Math.floor(Math.min(box.minSize, box.maxSize)));
  const fits = (set: SetText) => set.width <= box.width && set.height <= box.height;
  const at = (size: number) => setText(text, style, size, box.width);

  const largest = await at(Math.floor(box.maxSize));
  if (fits(largest)) return largest;
  let best = await at(minSize);
  if (!fits(best)) return shorten(text, style, box, minSize);
  let low = minSize;
  let high = Math.floor(box.maxSize);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const set = await at(middle);
    if (fits(set)) {
      low = middle;
      best = set;
    } else {
      high = middle;
    }
  }
  return best;
}

async function shorten(text: string, style: TextStyle, box: FitBox, size: number): Promise<SetText> {
  const words = text.replace(/…$/, '').split(' ');
  const fits = (set: SetText) => set.width <= box.width && set.height <= box.height;
  const withWords = (count: number) => `${words.slice(0, count).join(' ').replace(/[\s,;:.–—-]+$/, '')}…`;
  let best: SetText | undefined;
  let low = 0;
  let high = words.length;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const set = await setText(withWords(middle), style, size, box.width);
    if (fits(set)) {
      low = middle;
      best = set;
    } else {
      high = middle;
    }
  }
  if (!best) {
    throw new OutputError(`A cover text box (${Math.round(box.width)} × ${Math.round(box.height)} px) cannot hold even one word of "${text.slice(0, 40)}" at ${size} px; make the box larger or its data-min-size smaller`);
  }
  return { ...best, shortened: true };
}

/**
 * Proves that the text renderer really draws with `face`: a sample set in its family must differ from the same
 * sample set in a family nobody has. Were they equal, Pango would have quietly used a system font. Once per file.
 */
export const checkFaceRenders: (face: FontFace) => Promise<void> = oncePerKey((face: FontFace) => compareWithFallback(face), (face) => face.file);

async function compareWithFallback(face: FontFace): Promise<void> {
  const style: TextStyle = { face, color: '#000000', align: 'left', lineHeight: 1, tracking: 0, uppercase: false };
  const sample = 'Hamburgefonstiv 0123';
  const own = await setText(sample, style, 48, 2000);
  const other = await setText(sample, { ...style, face: { ...face, family: 'ficbind-no-such-font' } }, 48, 2000);
  if (own.width === other.width && own.height === other.height && Buffer.from(own.data).equals(other.data)) {
    throw new OutputError(`The text renderer did not use this font (family "${face.family}" as the file names it) and would fall back to a system font; use another font file`, { file: face.file });
  }
}
