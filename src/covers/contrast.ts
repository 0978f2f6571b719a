// Colour contrast as WCAG 2 measures it, and the bold palette a build's cover takes from a theme so its title reads at thumbnail size.
import { isHexColor, longHexColor, type CoverPalette } from './placeholders.ts';

/** WCAG's minimum contrast for text (level AA): what a cover title must have against its background. */
export const minimumTitleContrast = 4.5;

/** Relative luminance of `#rrggbb` (WCAG 2.x), 0 for black to 1 for white. */
export function relativeLuminance(color: string): number {
  const hex = longHexColor(color).slice(1);
  const [r, g, b] = [0, 2, 4].map((start) => {
    const channel = parseInt(hex.slice(start, start + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two luminances, from 1 (none) to 21 (black on white). */
export function luminanceContrast(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

export function contrastRatio(a: string, b: string): number {
  return luminanceContrast(relativeLuminance(a), relativeLuminance(b));
}

/** `a` moved `amount` (0–1) of the way towards `b`, as `#rrggbb`. */
export function mixColors(a: string, b: string, amount: number): string {
  const channels = (color: string) => [1, 3, 5].map((start) => parseInt(longHexColor(color).slice(start, start + 2), 16));
  const [from, to] = [channels(a), channels(b)];
  return `#${from.map((value, index) => Math.round(value + (to[index] - value) * amount).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The palette a build's cover takes from a theme's page colours. A page's pale paper washes out among other
 * covers at store-thumbnail size (200 px wide), so the cover is the theme turned over: its accent (or, when the
 * accent is too light, its text colour) as the ground, the paper colour for the title, and for series and
 * subtitle a tint between the two that keeps a large-text contrast of 3. The title's contrast is at least 4.5
 * whenever the theme's own text contrast is. A theme without page colours leaves the template's palette.
 */
export function boldCoverPalette(theme: CoverPalette): CoverPalette {
  const { text, background, accent } = theme;
  if (!text || !background || !isHexColor(text) || !isHexColor(background)) return {};
  const paper = longHexColor(background);
  const ground = accent && isHexColor(accent) && contrastRatio(accent, paper) >= minimumTitleContrast ? longHexColor(accent) : longHexColor(text);
  let tint = paper;
  for (const amount of [0.35, 0.25, 0.15]) {
    const candidate = mixColors(paper, ground, amount);
    if (contrastRatio(candidate, ground) >= 3) {
      tint = candidate;
      break;
    }
  }
  return { background: ground, text: paper, accent: tint };
}
