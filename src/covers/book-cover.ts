// The anthology's cover: its configured template rendered with the book's title, subtitle, editors and series.
import { ConfigError, type Place } from '../errors.ts';
import type { AnthologyMeta } from '../story.ts';
import { defaultCoverTemplate, findCoverTemplate, UnknownCoverTemplate } from './catalog.ts';
import type { CoverFonts } from './fonts.ts';
import type { CoverPalette } from './placeholders.ts';
import type { CoverRequest, RenderedCover } from './render.ts';
import { readFile, stat } from 'node:fs/promises';
import { maxImageFileBytes, readRegularFile } from '../input-files.ts';
import { CacheFolder } from '../cache/cache-folder.ts';
import { bookLabels } from '../labels/index.ts';
import { boldCoverPalette, contrastRatio, minimumTitleContrast } from './contrast.ts';

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
  /** Where a cover made before from the same template, words, colors, fonts and photo is found, and this one kept. Default: none. */
  cache?: CacheFolder;
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

export async function renderBookCover(meta: AnthologyMeta, settings: CoverSettings, options: BookCoverOptions): Promise<RenderedCover> {
  // With no cover cached to take, the renderer (and sharp with it) starts loading now, beside finding the template
  // and the key: loaded after them, its many small steps waited on an event loop that reading and laying out the
  // stories keep busy, and a 30-story build waited for its cover at the end.
  const renderer = options.cache?.holdsAny('cover') ? undefined : loadRenderer();
  renderer?.catch(() => {});
  let template;
  try {
    template = await findCoverTemplate(settings.template ?? defaultCoverTemplate, { projectFolder: options.projectFolder });
  } catch (error) {
    if (error instanceof UnknownCoverTemplate) throw new ConfigError(error.message, options.configPlace);
    throw error;
  }
  const request: CoverRequest = {
    template,
    text: { title: meta.title, subtitle: meta.subtitle, author: bookLabels(meta.language, meta.labels).names(meta.editors), series: settings.series ?? meta.series?.name },
    background: settings.background,
    themeColors: options.theme ? boldCoverPalette(options.theme.colors) : undefined,
    colors: settings.colors,
    fonts: options.theme ? coverFontsOf(options.theme) : undefined,
    language: meta.language,
  };
  warnLowTitleContrast(request, options.onWarning);
  const { cache } = options;
  const key = await coverKey(request);
  const stored = await cache?.get<DrawnCover>('cover', key);
  const drawn = stored ?? recentCovers.get(key);
  if (drawn) {
    for (const warning of drawn.warnings) options.onWarning?.(warning);
    remember(key, drawn);
    if (!stored) cache?.set('cover', key, drawn);
    return drawn.cover;
  }
  const warnings: string[] = [];
  // The renderer (and sharp with it) is loaded only when a cover is drawn, not when it comes from the cache.
  const { renderCover } = await (renderer ?? loadRenderer());
  const cover = await renderCover({ ...request, onWarning: (message) => warnings.push(message) });
  for (const warning of warnings) options.onWarning?.(warning);
  remember(key, { cover, warnings });
  cache?.set('cover', key, { cover, warnings });
  return cover;
}

function loadRenderer(): Promise<typeof import('./render.ts')> {
  return import('./render.ts');
}

interface DrawnCover {
  cover: RenderedCover;
  warnings: string[];
}

/**
 * The covers this process drew last, by their inputs' key: a process that builds again (watch, the studio, a
 * program calling buildAnthology) draws an unchanged cover once, with the cache folder or without it.
 */
const recentCovers = new Map<string, DrawnCover>();
const recentCoverLimit = 4;

function remember(key: string, drawn: DrawnCover): void {
  recentCovers.delete(key);
  recentCovers.set(key, drawn);
  for (const oldest of recentCovers.keys()) {
    if (recentCovers.size <= recentCoverLimit) break;
    recentCovers.delete(oldest);
  }
}

/**
 * Warns when the palette's title colour on its ground is under WCAG's 4.5 (a user's `cover.colors`, say): the
 * title would not read at thumbnail size. A template over a photo is judged by its pixels, not here.
 */
function warnLowTitleContrast(request: CoverRequest, onWarning: ((message: string) => void) | undefined): void {
  const { template } = request;
  if (template.photoSlots.length > 0) return;
  const palette = { ...template.colors };
  for (const name of template.themeColors) if (request.themeColors?.[name]) palette[name] = request.themeColors[name];
  Object.assign(palette, Object.fromEntries(Object.entries(request.colors ?? {}).filter(([, value]) => value !== undefined)));
  if (!palette.text || !palette.background) return;
  const ratio = contrastRatio(palette.text, palette.background);
  if (ratio < minimumTitleContrast) {
    onWarning?.(`The cover's title colour ${palette.text} on ${palette.background} has a contrast of ${ratio.toFixed(1)}, under the 4.5 a title needs to read at thumbnail size: change cover.colors in anthology.yaml.`);
  }
}

/** Everything a cover is drawn from: the template file's bytes, the words, colors, the fonts' files and the photo's bytes. */
async function coverKey(request: CoverRequest): Promise<string> {
  const fontFiles = Object.values(request.fonts ?? {}).flatMap((font) => font?.files ?? []);
  const fontFacts = await Promise.all(fontFiles.map(async (file) => `${file}\t${(await stat(file)).size}\t${(await stat(file)).mtimeMs}`));
  const { template, background, ...rest } = request;
  return CacheFolder.key(
    'cover',
    JSON.stringify({ ...rest, template: template.path, fontFacts }),
    await readFile(template.path),
    // Read as the renderer reads it (a FIFO or device is never waited on); one it cannot read fails the render, uncached.
    typeof background === 'string' ? await readRegularFile(background, maxImageFileBytes).catch(() => new Uint8Array()) : (background?.bytes ?? new Uint8Array()),
  );
}
