// The allowlist every piece of input HTML passes through before it becomes story text: what may stay, and nothing else.
import type { Element, ElementContent, Root } from 'hast';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** Phrasing elements a story may use: AO3's allowed set, the legacy tags it still accepts, and `font`. */
const inlineTags = [
  'a', 'abbr', 'acronym', 'b', 'big', 'br', 'cite', 'code', 'del', 'dfn', 'em', 'font', 'i', 'img', 'ins',
  'kbd', 'mark', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup',
  'time', 'tt', 'u', 'var', 'wbr',
];

/** Block elements; anything sectioning is a transparent container for the converter. */
const blockTags = [
  'address', 'article', 'aside', 'blockquote', 'caption', 'center', 'dd', 'div', 'dl', 'dt', 'figcaption',
  'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'ol', 'p', 'pre',
  'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
];

/**
 * Removed together with everything inside them: code, embedded documents and plug-ins, form controls whose
 * text is not prose, and foreign content (SVG and MathML can carry scripts and remote references).
 */
const strippedTags = [
  'applet', 'audio', 'button', 'canvas', 'datalist', 'embed', 'frame', 'frameset', 'head', 'iframe', 'map',
  'math', 'noembed', 'noframes', 'noscript', 'object', 'option', 'script', 'select', 'style', 'svg',
  'template', 'textarea', 'title', 'video',
];

/** Classes ficbind itself writes into books, so a book read back keeps its notes and styles. */
export const ficbindClasses = {
  note: 'author-note',
  disclaimer: 'disclaimer',
  centered: 'centered',
  rightAligned: 'right-aligned',
  sceneBreak: 'scene-break',
} as const;

/** Inline styles that have no mdast node; each is kept as a class on a span (or its own element). */
export const leafStyleClasses = ['big', 'small', 'sub', 'sup', 'tt', 'u', 'ins'] as const;

const alignments = ['left', 'center', 'right', 'justify'];

export const storySchema: Schema = {
  tagNames: [...inlineTags, ...blockTags],
  strip: strippedTags,
  attributes: {
    '*': [['align', ...alignments]],
    a: ['href'],
    img: ['src', 'alt'],
    aside: [['className', ficbindClasses.note, ficbindClasses.disclaimer]],
    span: [['className', ...leafStyleClasses]],
    p: [['className', ficbindClasses.centered, ficbindClasses.rightAligned]],
    div: [['className', ficbindClasses.sceneBreak]],
  },
  // Relative URLs are always kept; of absolute ones only these schemes. An image's `src` never reaches the
  // book (only an embedded copy of a local file does): other schemes stay so the warning can name them.
  protocols: { href: ['http', 'https', 'mailto'], src: ['http', 'https', 'data', 'file'] },
  ancestors: { tbody: ['table'], td: ['table'], th: ['table'], thead: ['table'], tfoot: ['table'], tr: ['table'] },
  allowComments: false,
  allowDoctypes: false,
  clobber: [],
};

/**
 * A sanitized copy of some input HTML (the input is not changed). Presentational CSS that carries meaning
 * (`text-align`, italic, bold, underline, strike-through in `style` attributes, as word processors write
 * them) is first turned into the equivalent elements and `align`, because `style` itself never passes.
 */
export function sanitizeStoryHtml(nodes: ElementContent[] | Root): Root {
  const root: Root = Array.isArray(nodes) ? { type: 'root', children: nodes } : nodes;
  return sanitizeInPlace(structuredClone(root));
}

function sanitizeInPlace(root: Root): Root {
  for (const child of root.children) if (child.type === 'element') styleToMarkup(child);
  return sanitize(root, storySchema) as Root;
}

const wrapperForStyle: [RegExp, string][] = [
  [/font-style\s*:\s*(?:italic|oblique)/i, 'i'],
  [/font-weight\s*:\s*(?:bold|bolder|[6-9]00)/i, 'b'],
  [/text-decoration(?:-line)?\s*:[^;]*underline/i, 'u'],
  [/text-decoration(?:-line)?\s*:[^;]*line-through/i, 's'],
];

const neutralInline = new Set(['span', 'font']);

/** Rewrites the meaningful part of `style` attributes into markup, everywhere below `element`. */
function styleToMarkup(element: Element): void {
  for (const child of element.children) if (child.type === 'element') styleToMarkup(child);
  const style = element.properties.style;
  if (typeof style !== 'string') return;
  const align = /text-align\s*:\s*(left|center|right|justify)/i.exec(style)?.[1].toLowerCase();
  if (align && element.properties.align === undefined) element.properties.align = align;
  const wrappers = wrapperForStyle.filter(([pattern]) => pattern.test(style)).map(([, tagName]) => tagName);
  if (wrappers.length === 0) return;
  // A `<span style="font-style: italic">` becomes `<i>`; a styled block keeps its tag and wraps its content.
  let inner: ElementContent[] = element.children;
  for (const tagName of wrappers.slice(neutralInline.has(element.tagName) ? 1 : 0).reverse()) {
    inner = [{ type: 'element', tagName, properties: {}, children: inner, position: element.position }];
  }
  element.children = inner;
  if (neutralInline.has(element.tagName)) element.tagName = wrappers[0];
}

/** Markup that can run code, load something or submit somewhere: worth telling the user it was removed. */
const unsafeTags = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'applet', 'form', 'input', 'button', 'link', 'meta', 'base', 'style', 'svg', 'math']);

/**
 * `sanitizeStoryHtml`, plus one warning per kind of unsafe markup found (`<script>`, event handlers,
 * `javascript:` links) at its first place, so a reader knows why something is missing. For speed the input is
 * not copied: its `style` and `<font size>` are rewritten in place (readers parse a fresh tree for each file).
 */
export function sanitizeAndReport(nodes: ElementContent[], file: VFile): Root {
  const found = new Map<string, { element: Element; count: number }>();
  const note = (what: string, element: Element) => {
    const entry = found.get(what);
    if (entry) entry.count++;
    else found.set(what, { element, count: 1 });
  };
  const root: Root = { type: 'root', children: nodes };
  visit(root, 'element', (element) => {
    if (unsafeTags.has(element.tagName)) note(`\`<${element.tagName}>\``, element);
    for (const [name, value] of Object.entries(element.properties)) {
      if (/^on/i.test(name)) note('event handler attributes', element);
      else if (typeof value === 'string' && /^\s*(?:javascript|vbscript|data):/i.test(value) && name !== 'src') note('`javascript:` or `data:` URLs', element);
      else if (name === 'style' && /url\s*\(|@import|expression\s*\(/i.test(String(value))) note('styles that load resources', element);
    }
  });
  normalizeFontSizes(root, String(file.value));
  for (const [what, { element, count }] of found) {
    const times = count === 1 ? '' : ` (${count} times)`;
    const message = file.message(`Unexpected ${what} in the story's HTML${times}, expected text and formatting only: removed`, {
      place: element.position,
      ruleId: 'html-unsafe',
      source: 'ficbind',
    });
    message.fatal = false;
  }
  return sanitizeInPlace(root);
}

/**
 * `<font size="+1">` is bigger text, `<font size="1">` smaller; the parsed number lost the sign, so the
 * start tag is read again from the source. Each becomes `<big>` or `<small>` (or a plain `<span>`).
 */
function normalizeFontSizes(root: Root, source: string): void {
  visit(root, 'element', (element) => {
    if (element.tagName !== 'font' || element.properties.size === undefined) return;
    const start = element.position?.start.offset;
    const tag = start === undefined ? '' : source.slice(start, source.indexOf('>', start) + 1);
    const raw = /\bsize\s*=\s*["']?\s*([+-]?\d)/i.exec(tag)?.[1] ?? String(element.properties.size);
    const level = /^[+-]/.test(raw) ? 3 + Number(raw) : Number(raw);
    element.tagName = level > 3 ? 'big' : level < 3 ? 'small' : 'span';
    delete element.properties.size;
  });
}
