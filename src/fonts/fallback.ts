// The fallback font chain: Noto families (regular weight) that draw the scripts and emoji a theme's own fonts lack.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { OutputError } from '../errors.ts';
import { oncePerKey } from '../once-per-key.ts';
import { coveredCharacters, uncoveredCharacters } from '../writers/pdf/font-check.ts';

/** One family of the chain: its npm package and the one (regular) file ficbind uses. */
interface ChainLink {
  family: string;
  package: string;
  file: string;
}

/** A fallback family ready to use: its file and what it covers. */
export interface FallbackFont {
  family: string;
  /** Absolute path of the TTF. */
  file: string;
  licence: string;
  copyright: string;
  covered: ReadonlySet<number>;
}

const licence = 'SIL Open Font License 1.1';
const copyright = 'Copyright The Noto Project Authors (github.com/notofonts)';

const hebrew: ChainLink = { family: 'Noto Sans Hebrew', package: '@expo-google-fonts/noto-sans-hebrew', file: '400Regular/NotoSansHebrew_400Regular.ttf' };
const arabic: ChainLink = { family: 'Noto Sans Arabic', package: '@expo-google-fonts/noto-sans-arabic', file: '400Regular/NotoSansArabic_400Regular.ttf' };
const japanese: ChainLink = { family: 'Noto Sans JP', package: '@expo-google-fonts/noto-sans-jp', file: '400Regular/NotoSansJP_400Regular.ttf' };
const korean: ChainLink = { family: 'Noto Sans KR', package: '@expo-google-fonts/noto-sans-kr', file: '400Regular/NotoSansKR_400Regular.ttf' };
const chinese: ChainLink = { family: 'Noto Sans SC', package: '@expo-google-fonts/noto-sans-sc', file: '400Regular/NotoSansSC_400Regular.ttf' };
const emoji: ChainLink = { family: 'Noto Emoji', package: '@expo-google-fonts/noto-emoji', file: '400Regular/NotoEmoji_400Regular.ttf' };

/**
 * The chain for a book in `language`, in the order fonts are asked: Hebrew, Arabic, then the CJK families with the
 * book's own first (Han characters take Japanese forms in a Japanese book, Chinese ones in a Chinese book), then
 * monochrome emoji last, so a theme's or a script font's own digits and symbols win.
 */
function chainFor(language: string | undefined): ChainLink[] {
  const primary = (language ?? '').toLowerCase().split('-')[0];
  const cjk = primary === 'zh' ? [chinese, japanese, korean] : primary === 'ko' ? [korean, japanese, chinese] : [japanese, korean, chinese];
  return [hebrew, arabic, ...cjk, emoji];
}

/** Every family of the chain (for the README and tests), in the default order. */
export const fallbackFamilies: readonly string[] = chainFor(undefined).map((link) => link.family);

/** A chain link's font, read (and its cmap parsed) once per process. */
const loadLink = oncePerKey(async (link: ChainLink): Promise<FallbackFont> => {
  let file: string;
  let bytes: Buffer;
  try {
    file = join(dirname(createRequire(import.meta.url).resolve(`${link.package}/package.json`)), link.file);
    bytes = await readFile(file);
  } catch (error) {
    throw new OutputError(`Cannot read the fallback font ${link.family} (${link.package}): ${(error as Error).message}. Run npm install.`, undefined, { cause: error });
  }
  return { family: link.family, file, licence, copyright, covered: coveredCharacters(bytes) };
}, (link) => link.family);

/** The fallback fonts `text` needs beyond `covered` (the theme's fonts), in chain order, and what none of them has. */
export interface FallbackPlan {
  fonts: FallbackFont[];
  /** Characters no font draws, in order of first use: each would print as a box. */
  missing: string[];
}

/**
 * Picks the fallback families that draw what the theme's fonts cannot, reading only as many as it needs: a book
 * its theme covers reads none and gets none, so its PDF is the same as without the chain.
 */
export async function fallbackPlan(text: string, covered: ReadonlySet<number>, language?: string): Promise<FallbackPlan> {
  let missing = uncoveredCharacters(text, covered);
  const fonts: FallbackFont[] = [];
  for (const link of chainFor(language)) {
    if (missing.length === 0) break;
    const font = await loadLink(link);
    const left = missing.filter((character) => !font.covered.has(character.codePointAt(0)!));
    if (left.length < missing.length) fonts.push(font);
    missing = left;
  }
  return { fonts, missing };
}

/** A character no font in the chain draws: the PDF or the cover would print an empty box for it. */
export class MissingGlyphError extends OutputError {}

/** `U+E000 ()`: a character as a user can find it, the code point first (the glyph itself may not show). */
export function describeCharacter(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} (${character})`;
}
