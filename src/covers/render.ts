// Renders a cover: the template's SVG (palette and photo filled in) at 1600 × 2560, each text box set and composited, as JPEG.
import sharp, { type OverlayOptions } from 'sharp';
import { InputError, UsageError } from '../errors.ts';
import { uncoveredCharacters } from '../writers/pdf/font-check.ts';
import { checkFaceRenders, fitText, registerFontFile, type SetText, type TextStyle } from './fit-text.ts';
import { describeCharacter, fallbackPlan, MissingGlyphError } from '../fonts/fallback.ts';
import { chooseFace, defaultCoverFonts, type CoverFonts, type FontFace } from './fonts.ts';
import { photoDataUri, readPhoto, type PhotoSource } from './photo.ts';
import { fillPlaceholders, isHexColor, longHexColor, paletteNames, type CoverPalette, type TextPlaceholder } from './placeholders.ts';
import { serializeSvg, localName, removeElements, walkElements, type Element, type Root } from './svg-tree.ts';
import { coverSize, type Box, type CoverTemplate, type TextBox } from './template.ts';

export type CoverText = { title: string } & Partial<Record<Exclude<TextPlaceholder, 'title'>, string>>;

export interface CoverRequest {
  template: CoverTemplate;
  /** `{{title}}` (required), `{{subtitle}}`, `{{author}}`, `{{series}}`. A box whose placeholders have no value is left out. */
  text: CoverText;
  /** A photo for the template's `<image href="{{background}}">`. Without one the template's own background shows. */
  background?: PhotoSource;
  /** The theme's palette: replaces the template's own colors where the template allows (`data-theme-colors`). */
  themeColors?: CoverPalette;
  /** The user's colors: replace the template's and the theme's. */
  colors?: CoverPalette;
  /** Font roles to files. Default: `defaultCoverFonts()` (EB Garamond). What they lack comes from the fallback chain (src/fonts/fallback.ts). */
  fonts?: CoverFonts;
  /** The book's language (BCP 47): which CJK family the fallback chain asks first. Default: Japanese first. */
  language?: string;
  /** Receives warnings: text shortened to fit, a photo the template has no place for. */
  onWarning?: (message: string) => void;
}

/** Where a text box's words landed, for checks and tests. */
export interface PlacedText extends Box {
  /** The text box's pixel rectangle (whole pixels) the text had to fit. */
  box: Box;
  text: string;
  /** Font size, pixels. */
  size: number;
  shortened: boolean;
}

export interface RenderedCover {
  /** Baseline JPEG, 1600 × 2560, under 2 MB. */
  jpeg: Uint8Array;
  width: number;
  height: number;
  quality: number;
  texts: PlacedText[];
}

/** JPEG covers must stay under this many bytes (store and e-reader limits). */
export const maxCoverBytes = 2_000_000;
const qualities = [85, 80, 75, 70, 60, 50];

export async function renderCover(request: CoverRequest): Promise<RenderedCover> {
  const { template } = request;
  const values = textValues(request.text);
  const palette = paletteOf(template, request.themeColors, request.colors);
  const background = await svgBackground(request, palette);

  const svg = structuredClone(template.svg);
  fillSvg(svg, template, palette, background);
  const svgBytes = Buffer.from(serializeSvg(svg));

  const texts: PlacedText[] = [];
  const layers: OverlayOptions[] = [];
  for (const box of template.boxes) {
    const text = fillPlaceholders(box.text, (name) => values[name as TextPlaceholder]);
    if (text === undefined || text.trim() === '') continue;
    const placed = await setBox(box, text, palette, request);
    texts.push(placed.placed);
    layers.push({ input: Buffer.from(placed.set.data.buffer, placed.set.data.byteOffset, placed.set.data.byteLength), raw: { width: placed.set.width, height: placed.set.height, channels: 4 }, left: placed.placed.left, top: placed.placed.top });
  }

  // One pipeline from the template to the JPEG: libvips renders, flattens, composites and encodes in strips, never
  // holding the page as raw pixels in JavaScript (about 25 MB less at the peak, and a copy less).
  const page = (quality: number) => sharp(svgBytes).flatten({ background: palette.background ?? '#ffffff' }).composite(layers).jpeg({ quality, chromaSubsampling: '4:2:0' }).toBuffer();
  // Quality 85 keeps every shipped template far under the limit; a busy photo may need less.
  let quality = qualities[0];
  let jpeg: Buffer;
  try {
    jpeg = await page(quality);
  } catch (error) {
    throw new InputError(`cannot render the cover template: ${(error as Error).message}`, { file: template.path }, { cause: error });
  }
  for (const lower of qualities.slice(1)) {
    if (jpeg.byteLength < maxCoverBytes) break;
    quality = lower;
    jpeg = await page(quality);
  }
  const { width, height } = coverSize;
  return { jpeg: new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength), width, height, quality, texts };
}

/**
 * The fallback families (registered with the renderer) that draw what `face` lacks in `shown`; a character none
 * has is an error naming it and the cover text it is in.
 */
async function coverFallbacks(shown: string, face: FontFace, request: CoverRequest): Promise<TextStyle['fallbacks']> {
  if (uncoveredCharacters(shown, face.covered).length === 0) return [];
  const plan = await fallbackPlan(shown, face.covered, request.language);
  const [missing] = plan.missing;
  if (missing !== undefined) {
    const values = textValues(request.text);
    const part = (['title', 'subtitle', 'author', 'series'] as const).find((name) => values[name]?.includes(missing) || values[name]?.toUpperCase().includes(missing)) ?? 'title';
    throw new MissingGlyphError(`No font can draw ${describeCharacter(missing)}, which would print as an empty box on the cover, in the ${part}: replace the character, or use a theme whose fonts have it`);
  }
  for (const font of plan.fonts) await registerFontFile(font.file);
  return plan.fonts;
}

function textValues(text: CoverText): Partial<Record<TextPlaceholder, string>> {
  const clean = (value: string | undefined) => value?.normalize('NFC').replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ').replace(/\s+/g, ' ').trim() || undefined;
  const values = { title: clean(text.title), subtitle: clean(text.subtitle), author: clean(text.author), series: clean(text.series) };
  if (!values.title) throw new UsageError('A cover needs a title');
  return values;
}

function paletteOf(template: CoverTemplate, themeColors: CoverPalette | undefined, colors: CoverPalette | undefined): CoverPalette {
  const palette: CoverPalette = { ...template.colors };
  for (const name of template.themeColors) {
    const value = themeColors?.[name];
    if (value !== undefined && isHexColor(value)) palette[name] = longHexColor(value);
  }
  for (const [name, value] of Object.entries(colors ?? {})) {
    if (value === undefined) continue;
    if (!(paletteNames as readonly string[]).includes(name)) throw new UsageError(`Unknown cover color "${name}"; expected one of ${paletteNames.join(', ')}`);
    if (!isHexColor(value)) throw new UsageError(`Cover color "${name}" must be like #1f2a44, got "${value}"`);
    palette[name as keyof CoverPalette] = longHexColor(value);
  }
  return palette;
}

/** `{{color.x}}` → its value; a color the palette lacks is an error naming the template. */
function paletteValue(value: string, palette: CoverPalette, template: CoverTemplate, line?: number): string {
  const filled = fillPlaceholders(value, (name) => (name.startsWith('color.') ? palette[name.slice(6) as keyof CoverPalette] : undefined));
  if (filled !== undefined) return filled;
  const name = /\{\{\s*color\.([a-z]+)/.exec(value)?.[1] ?? value;
  throw new InputError(`Placeholder {{color.${name}}} is left unfilled: give the template a data-color-${name} on its <svg>, or set cover.colors.${name}`, { file: template.path, line });
}

/** One data URI per photo slot, in document order; none without a photo. */
async function svgBackground(request: CoverRequest, palette: CoverPalette): Promise<string[] | undefined> {
  if (request.background === undefined) return undefined;
  const { template } = request;
  if (template.photoSlots.length === 0) {
    request.onWarning?.(`The cover template "${template.name}" has no place for a background photo (<image href="{{background}}">); the photo is not used.`);
    return undefined;
  }
  const photo = await readPhoto(request.background);
  return Promise.all(template.photoSlots.map((slot) => photoDataUri(photo, slot, slot.tint === undefined ? undefined : paletteValue(slot.tint, palette, template, slot.line))));
}

function fillSvg(svg: Root, template: CoverTemplate, palette: CoverPalette, photos: string[] | undefined): void {
  const unused = new Set<Element>();
  let slot = 0;
  walkElements(svg, (element) => {
    const line = element.position?.start.line;
    for (const [name, value] of Object.entries(element.attributes)) {
      if (typeof value !== 'string' || !value.includes('{{')) continue;
      if (localName(name) === 'href' && /^\{\{\s*background\s*\}\}$/.test(value.trim())) {
        const photo = photos?.[slot++];
        if (photo === undefined) unused.add(element);
        else {
          element.attributes[name] = photo;
          element.attributes.preserveAspectRatio = 'none';
        }
        continue;
      }
      element.attributes[name] = paletteValue(value, palette, template, line);
    }
    for (const child of element.children) {
      if ((child.type === 'text' || child.type === 'cdata') && child.value.includes('{{')) child.value = paletteValue(child.value, palette, template, line);
    }
  });
  removeElements(svg, unused);
  const root = svg.children.find((node): node is Element => node.type === 'element')!;
  root.attributes.width = String(coverSize.width);
  root.attributes.height = String(coverSize.height);
}

async function setBox(box: TextBox, text: string, palette: CoverPalette, request: CoverRequest): Promise<{ set: SetText; placed: PlacedText }> {
  const face = await chooseFace(request.fonts ?? defaultCoverFonts(), box.font, box.weight, box.italic, box.place);
  await checkFaceRenders(face);
  const fallbacks = await coverFallbacks(box.uppercase ? text.toUpperCase() : text, face, request);
  const style: TextStyle = {
    face,
    color: paletteValue(box.color, palette, request.template, box.place.line),
    align: box.align,
    lineHeight: box.lineHeight,
    tracking: box.tracking,
    uppercase: box.uppercase,
    fallbacks,
  };
  // Whole pixels inside the box, so rounding can never push the ink past its edge.
  const area = { left: Math.ceil(box.left), top: Math.ceil(box.top), width: Math.floor(box.left + box.width) - Math.ceil(box.left), height: Math.floor(box.top + box.height) - Math.ceil(box.top) };
  const set = await fitText(text, style, { width: area.width, height: area.height, maxSize: box.maxSize, minSize: box.minSize });
  if (set.shortened) {
    const quoted = text.length > 80 ? `${text.slice(0, 60)}… (${text.length.toLocaleString('en')} characters)` : text;
    request.onWarning?.(`"${quoted}" does not fit its cover text box even at ${set.size} px; the cover shows "${set.text}".`);
  }
  const spareX = area.width - set.width;
  const spareY = area.height - set.height;
  const left = area.left + Math.round(box.align === 'left' ? 0 : box.align === 'right' ? spareX : spareX / 2);
  const top = area.top + Math.round(box.valign === 'top' ? 0 : box.valign === 'bottom' ? spareY : spareY / 2);
  return { set, placed: { left, top, width: set.width, height: set.height, box: area, text: set.text, size: set.size, shortened: set.shortened } };
}
