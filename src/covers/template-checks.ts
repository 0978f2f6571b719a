// Keeps a cover template to itself: no scripts, no SVG text, no references outside its folder, known placeholders only.
import { InputError } from '../errors.ts';
import { localName, walkElements, type Element, type Root } from './svg-tree.ts';
import { backgroundPlaceholder, paletteNames, placeholderNames, placeholdersIn, strayBraces, textPlaceholders } from './placeholders.ts';

/** Elements a template may not hold, and why. */
const refusedElements: Record<string, string> = {
  script: 'templates cannot run scripts',
  foreignobject: 'templates are plain SVG; <foreignObject> can embed HTML and outside content',
  iframe: 'templates are plain SVG',
  object: 'templates are plain SVG',
  embed: 'templates are plain SVG',
  handler: 'templates cannot run scripts',
  listener: 'templates cannot run scripts',
  text: 'SVG text is drawn with system fonts; put words in a text box (<rect data-text="{{title}}" …/>) set in the theme’s fonts',
  tspan: 'SVG text is drawn with system fonts; use a text box',
  textpath: 'SVG text is drawn with system fonts; use a text box',
  tref: 'SVG text is drawn with system fonts; use a text box',
  include: 'templates cannot include other files',
  animate: 'a cover is a still picture, and animations can change references',
  set: 'a cover is a still picture, and animations can change references',
  animatemotion: 'a cover is a still picture',
  animatetransform: 'a cover is a still picture',
  discard: 'a cover is a still picture',
};

/** Image types a `data:` URI or a file beside the template may hold. */
export const imageDataUri = /^data:image\/(?:png|jpeg|gif);base64,[A-Za-z0-9+/=\s]*$/;

/** A reference the checks allowed that is a file beside the template, to be read and inlined. */
export interface LocalReference {
  element: Element;
  attribute: string;
  /** The path as written, relative to the template's folder. */
  path: string;
  line?: number;
}

/**
 * Checks the whole tree and returns the relative file references (to be resolved inside the template's folder).
 * `isTextBox` says which elements' `data-text` may hold text placeholders.
 */
export function checkTemplateTree(tree: Root, file: string, isTextBox: (element: Element) => boolean): LocalReference[] {
  const references: LocalReference[] = [];
  for (const node of tree.children) {
    if (node.type === 'instruction' && node.name.toLowerCase() !== 'xml') {
      throw new InputError(`Unexpected processing instruction <?${node.name}?>: a template cannot load stylesheets or other files`, at(file, node.position?.start.line));
    }
  }
  walkElements(tree, (element) => {
    const line = element.position?.start.line;
    const name = localName(element.name).toLowerCase();
    const refusal = refusedElements[name];
    if (refusal) throw new InputError(`Unexpected <${element.name}> in a cover template: ${refusal}`, at(file, line));
    if (element.attributes['data-text'] != null && !isTextBox(element)) {
      throw new InputError(`Unexpected data-text on <${element.name}>; expected text boxes to be <rect> elements`, at(file, line));
    }
    for (const [attribute, value] of Object.entries(element.attributes)) {
      if (typeof value !== 'string') continue;
      checkAttribute(element, attribute, value, file, line, isTextBox(element), references);
    }
    for (const child of element.children) {
      if ((child.type === 'text' || child.type === 'cdata') && name === 'style') checkStyleText(child.value, file, child.position?.start.line ?? line);
    }
  });
  return references;
}

function checkAttribute(element: Element, attribute: string, value: string, file: string, line: number | undefined, textBox: boolean, references: LocalReference[]): void {
  const name = localName(attribute).toLowerCase();
  const where = at(file, line);
  if (name.startsWith('on')) throw new InputError(`Unexpected event handler ${attribute}="…": templates cannot run scripts`, where);
  checkPlaceholders(element, attribute, value, textBox && attribute === 'data-text', where);
  if (name === 'href' || name === 'src') {
    const reference = referenceKind(value);
    if (reference === 'placeholder' && localName(element.name) !== 'image') {
      throw new InputError(`Unexpected {{${backgroundPlaceholder}}} on <${element.name}>; expected it as the href of an <image>`, where);
    }
    if (reference === 'local') references.push({ element, attribute, path: value.trim(), line });
    if (reference === 'refused') {
      throw new InputError(`Unexpected reference ${attribute}="${value.slice(0, 60)}": a template may point only at its own elements (#id), at image files in its own folder, or at data:image/png|jpeg|gif URIs`, where);
    }
  }
  checkCssUrls(value, where);
}

function checkPlaceholders(element: Element, attribute: string, value: string, textAllowed: boolean, where: ReturnType<typeof at>): void {
  if (strayBraces(value)) throw new InputError(`Malformed placeholder in ${attribute}="${value}"; expected {{name}}`, where);
  for (const placeholder of placeholdersIn(value)) {
    if (!placeholderNames.includes(placeholder)) {
      throw new InputError(`Unknown placeholder {{${placeholder}}} in ${attribute}; expected one of ${placeholderNames.map((known) => `{{${known}}}`).join(', ')}`, where);
    }
    const isText = (textPlaceholders as readonly string[]).includes(placeholder);
    if (isText && !textAllowed) {
      throw new InputError(`Unexpected {{${placeholder}}} in ${attribute} of <${element.name}>; text placeholders belong in a text box's data-text`, where);
    }
    if (!isText && textAllowed) {
      throw new InputError(`Unexpected {{${placeholder}}} in data-text; expected text placeholders (${textPlaceholders.map((known) => `{{${known}}}`).join(', ')})`, where);
    }
    if (placeholder === backgroundPlaceholder && value.trim() !== `{{${backgroundPlaceholder}}}`) {
      throw new InputError(`Unexpected {{${backgroundPlaceholder}}} inside ${attribute}="${value}"; expected it as the whole href of an <image>`, where);
    }
  }
}

/** How an `href`/`src` value is treated: an id in the same file, the photo, an inline image, a file beside the template, or refused. */
export function referenceKind(value: string): 'fragment' | 'placeholder' | 'data' | 'local' | 'refused' {
  const trimmed = value.trim();
  if (/^#[^\s#]+$/.test(trimmed)) return 'fragment';
  if (/^\{\{\s*background\s*\}\}$/.test(trimmed)) return 'placeholder';
  if (imageDataUri.test(trimmed)) return 'data';
  // Any scheme (http:, file:, data: of other types, javascript:), absolute paths, parent folders, query strings: refused.
  if (trimmed === '' || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('/') || trimmed.startsWith('\\') || /[?#%\\]/.test(trimmed)) return 'refused';
  if (trimmed.split('/').some((part) => part === '..' || part === '')) return 'refused';
  return /\.(?:png|jpe?g|gif)$/i.test(trimmed) ? 'local' : 'refused';
}

/** `url(…)` in CSS (attributes and `<style>`) may only name an element of the same file. */
function checkCssUrls(value: string, where: ReturnType<typeof at>): void {
  for (const match of value.matchAll(/url\s*\(\s*(['"]?)(.*?)\1\s*\)/gi)) {
    if (!/^#[^\s#'"()]+$/.test(match[2])) {
      throw new InputError(`Unexpected url(${match[2].slice(0, 60)}): a template's CSS may only point at its own elements, url(#id)`, where);
    }
  }
  if (/url\s*\(/i.test(value.replace(/url\s*\(\s*(['"]?)#[^\s#'"()]+\1\s*\)/gi, ''))) {
    throw new InputError('Malformed url(…) in a cover template; expected url(#id)', where);
  }
}

function checkStyleText(css: string, file: string, line: number | undefined): void {
  const where = at(file, line);
  if (/@import|@font-face/i.test(css)) throw new InputError('Unexpected @import or @font-face in <style>: a template cannot load stylesheets or fonts', where);
  if (css.replace(/\{\{\s*[^{}]*?\s*\}\}/g, '').includes('{{')) throw new InputError('Malformed placeholder in <style>; expected {{color.name}}', where);
  for (const placeholder of placeholdersIn(css)) {
    if (!paletteNames.some((name) => placeholder === `color.${name}`)) {
      throw new InputError(`Unexpected {{${placeholder}}} in <style>; expected palette colors (${paletteNames.map((name) => `{{color.${name}}}`).join(', ')})`, where);
    }
  }
  checkCssUrls(css, where);
}

function at(file: string, line: number | undefined) {
  return { file, line };
}
