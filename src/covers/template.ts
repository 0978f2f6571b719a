// Reads a cover template (covers/<name>.svg): its description, default palette, text boxes and background slot, checked.
import { readFile, realpath } from 'node:fs/promises';
import { basename, dirname, extname, resolve, sep } from 'node:path';
import { InputError, type Place } from '../errors.ts';
import { localName, parseSvg, removeElements, walkElements, type Element, type Root } from './svg-tree.ts';
import { checkTemplateTree, type LocalReference } from './template-checks.ts';
import { isHexColor, longHexColor, paletteNames, placeholdersIn, type CoverPalette, type PaletteName } from './placeholders.ts';

/** Every cover is rendered at the size stores and e-readers ask for: 1600 × 2560 pixels, 1 : 1.6. */
export const coverSize = { width: 1600, height: 2560 } as const;

/** A rectangle in cover pixels. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A `<rect data-text="…">`: where and how one line of cover text is set. */
export interface TextBox extends Box {
  /** The words with their placeholders: `{{title}}`, `Book {{series}}`. */
  text: string;
  /** Font role (`display`, `text`), looked up in the fonts the cover is given. */
  font: string;
  weight: number;
  italic: boolean;
  /** Largest and smallest font size, pixels. */
  maxSize: number;
  minSize: number;
  align: 'left' | 'center' | 'right';
  valign: 'top' | 'middle' | 'bottom';
  /** `#rrggbb` or a palette placeholder. */
  color: string;
  lineHeight: number;
  tracking: number;
  uppercase: boolean;
  place: Place;
}

/** An `<image href="{{background}}">`: where the photo goes, and how it is toned. */
export interface PhotoSlot extends Box {
  /** Brightness multiplier (sharp `modulate`), 1 leaves it. */
  brightness: number;
  /** Recolor the photo in one hue (sharp `tint`): `#rrggbb` or a palette placeholder. */
  tint?: string;
  grayscale: boolean;
  /** The `<image>`'s line in the template, for errors. */
  line?: number;
}

export interface CoverTemplate {
  /** File name without `.svg`. */
  name: string;
  path: string;
  /** From the template's `<desc>`. */
  description: string;
  /** The SVG with the text boxes taken out and local images inlined; placeholders are still in it. */
  svg: Root;
  boxes: TextBox[];
  /** The palette the template declares on its root (`data-color-accent="#b08d57"`). */
  colors: CoverPalette;
  /** The palette colors a theme may replace (`data-theme-colors`, default all); a cover's own `colors` replace any. */
  themeColors: PaletteName[];
  photoSlots: PhotoSlot[];
}

const textBoxAttributes = new Set(['data-text', 'data-font', 'data-weight', 'data-style', 'data-size', 'data-min-size', 'data-align', 'data-valign', 'data-color', 'data-line-height', 'data-tracking', 'data-case']);

export async function loadCoverTemplate(path: string): Promise<CoverTemplate> {
  const file = resolve(path);
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read cover template: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { file });
  }
  const template = parseCoverTemplate(source, file);
  await inlineLocalImages(template.references, file);
  return template.template;
}

/** Parses and checks a template; files it references beside itself are returned, not yet read. */
export function parseCoverTemplate(source: string, file: string): { template: CoverTemplate; references: LocalReference[] } {
  const svg = parseSvg(source, file);
  const root = svg.children.find((node): node is Element => node.type === 'element');
  if (!root || localName(root.name) !== 'svg') throw new InputError('Expected an <svg> root element in a cover template', { file, line: 1 });
  const references = checkTemplateTree(svg, file, (element) => localName(element.name) === 'rect');
  const scale = canvasScale(root, file);

  const boxes: TextBox[] = [];
  const photoSlots: PhotoSlot[] = [];
  const boxElements = new Set<Element>();
  walkElements(svg, (element, ancestors) => {
    const place = { file, line: element.position?.start.line };
    if (element.attributes['data-text'] !== undefined) {
      if (localName(element.name) !== 'rect') throw new InputError(`Unexpected data-text on <${element.name}>; expected text boxes to be <rect> elements`, place);
      if ([...ancestors, element].some((node) => node.attributes.transform !== undefined || !['svg', 'g', 'rect'].includes(localName(node.name)))) {
        throw new InputError('Unexpected transform around a text box; expected text boxes in the page coordinates, outside transformed groups', place);
      }
      boxes.push(textBox(element, scale, place));
      boxElements.add(element);
    }
    if (localName(element.name) === 'image' && Object.entries(element.attributes).some(([name, value]) => localName(name) === 'href' && /^\{\{\s*background\s*\}\}$/.test(String(value).trim()))) {
      photoSlots.push(photoSlot(element, scale, place));
    }
  });
  if (!boxes.some((box) => placeholdersIn(box.text).includes('title'))) {
    throw new InputError('Expected a text box for the title: <rect data-text="{{title}}" x="…" y="…" width="…" height="…" data-size="…"/>', { file, line: root.position?.start.line });
  }
  removeElements(svg, boxElements);

  const colors: CoverPalette = {};
  for (const name of paletteNames) {
    const value = root.attributes[`data-color-${name}`];
    if (value === undefined || value === null) continue;
    if (!isHexColor(value)) throw new InputError(`data-color-${name} must be a color like #1f2a44, got "${value}"`, { file, line: root.position?.start.line });
    colors[name] = longHexColor(value);
  }
  const themeColors = themeColorsOf(root.attributes['data-theme-colors'], { file, line: root.position?.start.line });
  const desc = root.children.find((node): node is Element => node.type === 'element' && localName(node.name) === 'desc');
  const description = desc ? textOf(desc).replace(/\s+/g, ' ').trim() : '';
  return { template: { name: basename(file, extname(file)), path: file, description, svg, boxes, colors, themeColors, photoSlots }, references };
}

/** Pixels per user unit. The viewBox must have the cover's proportions (1 : 1.6). */
function canvasScale(root: Element, file: string): number {
  const place = { file, line: root.position?.start.line };
  const parts = (root.attributes.viewBox ?? '').trim().split(/[\s,]+/).map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isFinite(part)) || parts[2] <= 0 || parts[3] <= 0) {
    throw new InputError('Expected a viewBox on the <svg> root, such as viewBox="0 0 1600 2560"', place);
  }
  const [x, y, width, height] = parts;
  if (x !== 0 || y !== 0 || Math.abs(height / width - 1.6) > 0.005) {
    throw new InputError(`Expected a viewBox starting at 0 0 with the cover's proportions (1 : 1.6, such as 0 0 1600 2560), got "${root.attributes.viewBox}"`, place);
  }
  return coverSize.width / width;
}

function textBox(element: Element, scale: number, place: Place): TextBox {
  const attributes = element.attributes;
  for (const name of Object.keys(attributes)) {
    if (name.startsWith('data-') && !textBoxAttributes.has(name)) {
      throw new InputError(`Unknown text box attribute ${name}; expected ${[...textBoxAttributes].join(', ')}`, place);
    }
  }
  const box = boxOf(element, scale, place, false);
  const maxSize = number(attributes, 'data-size', place, { min: 1, max: 2000 }) * scale;
  const minSize = (attributes['data-min-size'] === undefined ? Math.min(maxSize / scale, 24) : number(attributes, 'data-min-size', place, { min: 1, max: 2000 })) * scale;
  return {
    ...box,
    text: attributes['data-text']!.replace(/\s+/g, ' ').trim(),
    font: attributes['data-font'] ?? 'display',
    weight: attributes['data-weight'] === undefined ? 400 : number(attributes, 'data-weight', place, { min: 1, max: 1000 }),
    italic: choice(attributes, 'data-style', ['normal', 'italic'], place) === 'italic',
    maxSize,
    minSize: Math.min(minSize, maxSize),
    align: choice(attributes, 'data-align', ['center', 'left', 'right'], place),
    valign: choice(attributes, 'data-valign', ['middle', 'top', 'bottom'], place),
    color: colorValue(attributes['data-color'] ?? '{{color.text}}', 'data-color', place),
    lineHeight: attributes['data-line-height'] === undefined ? 1.1 : number(attributes, 'data-line-height', place, { min: 0.5, max: 3 }),
    tracking: attributes['data-tracking'] === undefined ? 0 : number(attributes, 'data-tracking', place, { min: -0.2, max: 1 }),
    uppercase: choice(attributes, 'data-case', ['none', 'upper'], place) === 'upper',
    place,
  };
}

function photoSlot(element: Element, scale: number, place: Place): PhotoSlot {
  const attributes = element.attributes;
  return {
    ...boxOf(element, scale, place, true),
    brightness: attributes['data-brightness'] === undefined ? 1 : number(attributes, 'data-brightness', place, { min: 0, max: 2 }),
    tint: attributes['data-tint'] == null ? undefined : colorValue(attributes['data-tint'], 'data-tint', place),
    grayscale: attributes['data-grayscale'] === 'true',
    line: place.line,
  };
}

/** x, y, width, height in user units (plain numbers), as pixels; inside the cover. */
function boxOf(element: Element, scale: number, place: Place, fullByDefault: boolean): Box {
  const a = element.attributes;
  const full = { x: 0, y: 0, width: coverSize.width / scale, height: coverSize.height / scale };
  const read = (name: keyof typeof full) => (a[name] === undefined && fullByDefault ? full[name] : number(a, name, place, { min: 0, max: 100_000 }));
  const box = { left: read('x') * scale, top: read('y') * scale, width: read('width') * scale, height: read('height') * scale };
  if (box.width <= 0 || box.height <= 0 || box.left + box.width > coverSize.width + 0.5 || box.top + box.height > coverSize.height + 0.5) {
    throw new InputError(`Expected <${element.name}> to have a size and lie inside the cover (the viewBox)`, place);
  }
  return box;
}

function number(attributes: Record<string, string | null | undefined>, name: string, place: Place, range: { min: number; max: number }): number {
  const raw = attributes[name];
  const value = raw === undefined || raw === null ? NaN : Number(raw.trim().replace(/px$/, ''));
  if (!Number.isFinite(value) || value < range.min || value > range.max) {
    throw new InputError(`${name} must be a number from ${range.min} to ${range.max}${raw === undefined ? '' : `, got "${raw}"`}`, place);
  }
  return value;
}

function choice<T extends string>(attributes: Record<string, string | null | undefined>, name: string, values: readonly T[], place: Place): T {
  const value = attributes[name] ?? values[0];
  if (!(values as readonly string[]).includes(value)) throw new InputError(`${name} must be one of ${values.join(', ')}, got "${value}"`, place);
  return value as T;
}

function colorValue(value: string, name: string, place: Place): string {
  if (isHexColor(value)) return longHexColor(value);
  if (/^\{\{\s*color\.[a-z]+\s*\}\}$/.test(value.trim())) return value.trim();
  throw new InputError(`${name} must be a color like #1f2a44 or a palette placeholder like {{color.text}}, got "${value}"`, place);
}

/** `data-theme-colors="accent text"`: which palette colors come from the theme; `none` for none. Default: all. */
function themeColorsOf(value: string | null | undefined, place: Place): PaletteName[] {
  if (value == null) return [...paletteNames];
  const names = value.trim().split(/[\s,]+/).filter((name) => name && name !== 'none');
  for (const name of names) {
    if (!(paletteNames as readonly string[]).includes(name)) throw new InputError(`data-theme-colors names unknown color "${name}"; expected ${paletteNames.join(', ')} or none`, place);
  }
  return names as PaletteName[];
}

function textOf(element: Element): string {
  return element.children.map((child) => (child.type === 'text' || child.type === 'cdata' ? child.value : child.type === 'element' ? textOf(child) : '')).join('');
}

/** Reads each image a template names beside itself (never outside its folder) into a `data:` URI. */
async function inlineLocalImages(references: LocalReference[], file: string): Promise<void> {
  const folder = await realpath(dirname(file));
  for (const reference of references) {
    const place = { file, line: reference.line };
    let target: string;
    try {
      target = await realpath(resolve(dirname(file), reference.path));
    } catch {
      throw new InputError(`${reference.attribute}="${reference.path}" names no file beside the template`, place);
    }
    if (!target.startsWith(folder + sep)) throw new InputError(`${reference.attribute}="${reference.path}" leads outside the template's folder`, place);
    const bytes = await readFile(target);
    const type = imageType(bytes);
    if (!type) throw new InputError(`${reference.attribute}="${reference.path}" is not a PNG, JPEG or GIF image`, place);
    reference.element.attributes[reference.attribute] = `data:${type};base64,${bytes.toString('base64')}`;
  }
}

function imageType(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) return 'image/gif';
  return undefined;
}
