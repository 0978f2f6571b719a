// The anthology's cover: its configured template rendered with the book's title, subtitle, editors and series.
import { ConfigError, type Place } from '../errors.ts';
import type { AnthologyMeta } from '../story.ts';
import { defaultCoverTemplate, findCoverTemplate, UnknownCoverTemplate } from './catalog.ts';
import type { CoverFonts } from './fonts.ts';
import type { CoverPalette } from './placeholders.ts';
import { renderCover, type RenderedCover } from './render.ts';

/** anthology.yaml's `cover:` mapping, paths already absolute. */
export interface CoverSettings {
  /** A template name (`ornament`) or an absolute path to an `.svg`. Default `typographic`. */
  template?: string;
  /** A background photo, absolute path. */
  background?: string;
  /** Palette colors over the template's (and the theme's). */
  colors?: CoverPalette;
  /** `{{series}}`: the series the anthology belongs to. */
  series?: string;
}

export interface BookCoverOptions {
  /** Where the project's own `covers/` folder is: the folder of anthology.yaml, else the input folder. */
  projectFolder: string;
  /** Where `cover.template` is set (anthology.yaml and its line), named when no template has that name. */
  configPlace?: Place;
  /** The theme: its fonts set the words, its palette the colors the template lets it. Default: EB Garamond, the template's colors. */
  theme?: CoverTheme;
  onWarning?: (message: string) => void;
}

/** What a cover takes from a theme (a `Theme` from src/themes fits): fonts by role, and the palette. */
export interface CoverTheme {
  fonts: readonly { role: string; family: string; faces: readonly { path: string }[] }[];
  colors: CoverPalette;
}

/** A theme's fonts by role (`text`, `display`); a theme without fonts leaves the default. */
export function coverFontsOf(theme: CoverTheme): CoverFonts | undefined {
  if (theme.fonts.length === 0) return undefined;
  return Object.fromEntries(theme.fonts.map((font) => [font.role, { family: font.family, files: font.faces.map((face) => face.path) }]));
}

/** "A", "A and B", "A, B and C". */
function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export async function renderBookCover(meta: AnthologyMeta, settings: CoverSettings, options: BookCoverOptions): Promise<RenderedCover> {
  let template;
  try {
    template = await findCoverTemplate(settings.template ?? defaultCoverTemplate, { projectFolder: options.projectFolder });
  } catch (error) {
    if (error instanceof UnknownCoverTemplate) throw new ConfigError(error.message, options.configPlace);
    throw error;
  }
  return renderCover({
    template,
    text: { title: meta.title, subtitle: meta.subtitle, author: joinNames(meta.editors), series: settings.series },
    background: settings.background,
    themeColors: options.theme?.colors,
    colors: settings.colors,
    fonts: options.theme ? coverFontsOf(options.theme) : undefined,
    onWarning: options.onWarning,
  });
}
