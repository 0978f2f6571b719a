// Embeds a theme's fonts in an EPUB: each face cut down to the characters the book uses, with its @font-face rule.
import { setFlagsFromString } from 'node:v8';
import { OutputError } from '../../errors.ts';
import { CacheFolder } from '../../cache/cache-folder.ts';

/** One face of a font to embed, as full TTF/OTF bytes. */
export interface EpubFont {
  /** The family name the stylesheet uses (`EB Garamond`). */
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  bytes: Uint8Array;
  /** `SIL Open Font License 1.1`, named in the colophon. */
  licence: string;
  /** The copyright notice, named in the colophon. */
  copyright?: string;
}

/** A file the book carries besides its content documents: fonts, images the stylesheet uses, the cover. */
export interface EpubResource {
  /** Path relative to the package document (and so to `style.css`): `fonts/eb-garamond-400.ttf`. */
  href: string;
  mediaType: string;
  /** OPF manifest properties (`cover-image`). */
  properties?: string;
  bytes: Uint8Array;
}

export interface EmbeddedFonts {
  /** `@font-face` rules, to put before the theme's stylesheet. */
  css: string;
  resources: EpubResource[];
}

/**
 * The OpenType features a subset keeps: shaping, kerning, standard ligatures and small capitals. The rest
 * (swashes, stylistic sets, old-style figures…) would pull every alternate glyph in and triple the size.
 */
const keptFeatures = ['ccmp', 'locl', 'rlig', 'liga', 'clig', 'calt', 'kern', 'mark', 'mkmk', 'smcp'];

/**
 * Cuts every face down to `text`'s characters (both cases of each letter, so `text-transform` and small capitals
 * find their glyphs), keeping `keptFeatures` and the licence name entries. Same fonts and text, same bytes, so a
 * face cut for the same characters before is taken from `cache` (and harfbuzz is not even loaded).
 */
export async function embedFonts(fonts: readonly EpubFont[], text: string, cache?: CacheFolder): Promise<EmbeddedFonts> {
  const characters = characterSet(text);
  const resources: EpubResource[] = [];
  const rules: string[] = [];
  for (const font of fonts) {
    const href = `fonts/${slug(font.family)}-${font.weight}${font.style === 'italic' ? '-italic' : ''}.${fontExtension(font.bytes)}`;
    const key = cache && (await CacheFolder.key('font', font.bytes, characters, keptFeatures.join(',')));
    let bytes = key && (await cache.get<Uint8Array>('font', key));
    if (!bytes) {
      bytes = await subsetFace(font, characters);
      if (key) cache.set('font', key, bytes);
    }
    resources.push({ href, mediaType: fontExtension(font.bytes) === 'otf' ? 'font/otf' : 'font/ttf', bytes });
    rules.push(
      `@font-face {\n  font-family: "${font.family}";\n  font-weight: ${font.weight};\n  font-style: ${font.style};\n  src: url(${href});\n}`,
    );
  }
  return { css: rules.length > 0 ? `${rules.join('\n\n')}\n\n` : '', resources };
}

async function subsetFace(font: EpubFont, characters: string): Promise<Uint8Array> {
  const { default: subsetFont } = await loadSubsetFont();
  try {
    // Name ids 0 (copyright), 13 (licence) and 14 (licence URL) stay with the font, as the OFL asks.
    return new Uint8Array(await subsetFont(Buffer.from(font.bytes), characters, { targetFormat: 'sfnt', preserveNameIds: [0, 13, 14], keepFeatures: keptFeatures }));
  } catch (error) {
    throw new OutputError(`Cannot subset the font ${font.family} ${font.weight}${font.style === 'italic' ? ' italic' : ''}: ${(error as Error).message}`, undefined, { cause: error });
  }
}

let subsetFontModule: Promise<typeof import('subset-font')> | undefined;

/**
 * subset-font, with HarfBuzz's WebAssembly kept to V8's baseline compiler (Liftoff). By default V8 recompiles the
 * hot functions with TurboFan in the background as they run, and a build's main thread then stalled for 0.3–0.4 s
 * after the last font was cut, waiting on that compile (seen with strace: a futex, not I/O) for work that was over.
 * Liftoff's code is slower, but a book's subsetting is short.
 */
function loadSubsetFont(): Promise<typeof import('subset-font')> {
  if (!subsetFontModule) {
    setFlagsFromString('--liftoff-only');
    subsetFontModule = import('subset-font');
  }
  return subsetFontModule;
}

/**
 * Each character once, in code point order, with the other case of every letter and the composed and decomposed
 * forms of every character added (a reader may normalize what it shows).
 */
function characterSet(text: string): string {
  // Distinct code points first, in one pass over the text: case-mapping or normalizing a book's millions of characters is slow.
  const seen = new Set<number>();
  const basic = new Uint8Array(0x10000);
  for (let index = 0; index < text.length; index++) {
    const code = text.codePointAt(index)!;
    if (code > 0xffff) {
      seen.add(code);
      index++;
    } else if (basic[code] === 0) {
      basic[code] = 1;
      seen.add(code);
    }
  }
  const set = new Set<string>();
  for (const code of seen) {
    const character = String.fromCodePoint(code);
    for (const form of [character, character.normalize('NFC'), character.normalize('NFD')]) {
      for (const part of form) {
        set.add(part);
        set.add(part.toLowerCase());
        set.add(part.toUpperCase());
      }
    }
  }
  return [...set].filter((character) => [...character].length === 1).sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!).join('');
}

/** `EB Garamond` → `eb-garamond`. */
function slug(family: string): string {
  return family.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'font';
}

/** `otf` for CFF-flavoured OpenType (`OTTO`), else `ttf`. */
function fontExtension(bytes: Uint8Array): 'otf' | 'ttf' {
  return bytes[0] === 0x4f && bytes[1] === 0x54 && bytes[2] === 0x54 && bytes[3] === 0x4f ? 'otf' : 'ttf';
}
