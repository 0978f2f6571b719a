// The placeholders a cover template may hold — text, palette colors, the background photo — and how they are found and filled.

/** Text placeholders: only in a text box's `data-text`. */
export const textPlaceholders = ['title', 'subtitle', 'author', 'series'] as const;
export type TextPlaceholder = (typeof textPlaceholders)[number];

/** Palette colors: `{{color.background}}`, `{{color.text}}`, `{{color.accent}}`, in any attribute or `<style>`. */
export const paletteNames = ['background', 'text', 'accent'] as const;
export type PaletteName = (typeof paletteNames)[number];
export type CoverPalette = Partial<Record<PaletteName, string>>;

/** The background photo: only as the whole `href` of an `<image>`. */
export const backgroundPlaceholder = 'background';

/** Every placeholder name there is, as written between the braces. */
export const placeholderNames: readonly string[] = [...textPlaceholders, ...paletteNames.map((name) => `color.${name}`), backgroundPlaceholder];

const placeholderPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholder names in a value, in order (`{{ title }}` → `title`). */
export function placeholdersIn(value: string): string[] {
  return [...value.matchAll(placeholderPattern)].map((match) => match[1]);
}

/** Braces left once every well-formed placeholder is taken out: a `{{title}` or `{{ }}` typo. */
export function strayBraces(value: string): boolean {
  const rest = value.replace(placeholderPattern, (match, name: string) => (name ? '' : match));
  return rest.includes('{{') || rest.includes('}}');
}

/**
 * Replaces every placeholder with `fill(name)`; `undefined` from `fill` leaves the whole result `undefined`
 * (a placeholder with no value).
 */
export function fillPlaceholders(value: string, fill: (name: string) => string | undefined): string | undefined {
  let missing = false;
  const filled = value.replace(placeholderPattern, (_match, name: string) => {
    const replacement = fill(name);
    if (replacement === undefined) missing = true;
    return replacement ?? '';
  });
  return missing ? undefined : filled;
}

/** `#rgb` or `#rrggbb`, the only color values a palette takes (they are written into SVG attributes). */
/** `#1f2a44` or `#123`. */
export const hexColorPattern = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

export function isHexColor(value: string): boolean {
  return hexColorPattern.test(value);
}

/** `#abc` → `#aabbcc`, lower case. */
export function longHexColor(value: string): string {
  const hex = value.slice(1).toLowerCase();
  return `#${hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex}`;
}

/** The template a book gets when its config names none. */
export const defaultCoverTemplate = 'typographic';
