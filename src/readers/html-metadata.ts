// Story metadata from labelled HTML lists (AO3's tag list, ficbind's own story opener): loose label matching, language names.
import type { Element, Nodes } from 'hast';
import { select } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { StoryMeta } from '../story.ts';

/** The visible text of an element on one line, whitespace collapsed. */
export function textOf(node: Nodes | undefined): string {
  return node ? toText(node, { whitespace: 'normal' }).replace(/\s+/g, ' ').trim() : '';
}

type Field =
  | 'rating' | 'warnings' | 'categories' | 'fandoms' | 'relationships' | 'characters' | 'tags' | 'language'
  | 'series' | 'collections' | 'stats' | 'summary' | 'source' | 'authors' | 'published' | 'updated' | 'status' | 'ignored';

/** Labels vary across years and sites (`Archive Warning`, `Warnings`, `Freeform`, `Pairing`): matched loosely, first match wins. */
const labelPatterns: [RegExp, Field][] = [
  [/^rat(?:ing|ed)/, 'rating'],
  [/warning/, 'warnings'],
  [/^categor/, 'categories'],
  [/^fandom/, 'fandoms'],
  [/^(?:relationship|pairing|ship)/, 'relationships'],
  [/^character/, 'characters'],
  [/^(?:additional tag|freeform|tag|genre)/, 'tags'],
  [/^language/, 'language'],
  [/^series/, 'series'],
  [/^collection/, 'collections'],
  [/^stat(?!us)/, 'stats'],
  [/^(?:summary|description)/, 'summary'],
  [/^(?:source|url|link|original)/, 'source'],
  [/^(?:author|creator|writer|by$)/, 'authors'],
  [/^published/, 'published'],
  [/^(?:updated|completed)/, 'updated'],
  [/^status/, 'status'],
  [/^(?:words?|chapters?|kudos|hits|bookmarks|comments|reviews|favs|follows|id)$/, 'ignored'],
];

export function fieldForLabel(label: string): Field | undefined {
  const normalized = label.toLowerCase().replace(/[:：]\s*$/, '').replace(/\s+/g, ' ').trim();
  return labelPatterns.find(([pattern]) => pattern.test(normalized))?.[1];
}

/**
 * Sets the field a label names from its value. `items` are the value's separate entries (links in AO3's
 * lists) when known; otherwise the text is split at commas. Returns false for a label nobody knows.
 */
export function applyLabelledValue(meta: Partial<StoryMeta>, label: string, text: string, items?: string[]): boolean {
  const field = fieldForLabel(label);
  if (!field) return false;
  const list = () => (items && items.length > 0 ? items : text.split(/\s*,\s*/)).map((item) => item.trim()).filter(Boolean);
  switch (field) {
    case 'rating':
      if (text) meta.rating = list().join(', ');
      break;
    case 'warnings': case 'categories': case 'fandoms': case 'relationships': case 'characters': case 'tags': case 'collections': case 'authors':
      meta[field] = unique([...(meta[field] ?? []), ...list()]);
      break;
    case 'language':
      meta.language = languageTag(text) ?? meta.language;
      break;
    case 'series':
      meta.series = parseSeries(text) ?? meta.series;
      break;
    case 'stats':
      applyStats(meta, text);
      break;
    case 'summary':
      if (text) meta.summary = text;
      break;
    case 'source':
      if (text) meta.source = text;
      break;
    case 'published':
      if (text) meta.published = text;
      break;
    case 'updated':
      if (text) meta.updated = text;
      if (/^completed/i.test(label)) meta.complete = true;
      break;
    case 'status':
      // `Incomplete` contains `complete`: the unfinished words are tried first.
      if (/progress|incomplete|wip|ongoing/i.test(text)) meta.complete = false;
      else if (/complete/i.test(text)) meta.complete = true;
      break;
  }
  return true;
}

export function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** `Part 2 of Name` (AO3), `Name, part 2` (ficbind), `Name [2]` (calibre), or a bare name. */
export function parseSeries(text: string): StoryMeta['series'] | undefined {
  const first = text.split(/,\s*(?=Part\s+\d+\s+of\b)/i)[0].trim();
  if (!first) return undefined;
  const ao3 = /^Part\s+(\d+)\s+of\s+(.+)$/i.exec(first);
  if (ao3) return { name: ao3[2].trim(), position: Number(ao3[1]) };
  const ours = /^(.+?),\s*part\s+(\d+)$/i.exec(first) ?? /^(.+?)\s*\[(\d+)\]$/.exec(first);
  if (ours) return { name: ours[1].trim(), position: Number(ours[2]) };
  return { name: first };
}

/** AO3's stats line: `Published: 2020-01-02 Completed: 2020-03-04 Words: 1,234 Chapters: 3/3`. */
function applyStats(meta: Partial<StoryMeta>, text: string): void {
  for (const [, label, value] of text.matchAll(/([A-Za-z]+):\s*(\S+)/g)) {
    const key = label.toLowerCase();
    if (key === 'published') meta.published = value;
    else if (key === 'updated' || key === 'completed') meta.updated = value;
    if (key === 'completed') meta.complete = true;
    if (key === 'chapters') {
      const [written, planned] = value.split('/');
      meta.complete = planned !== '?' && written === planned;
    }
  }
}

/** The text of story blocks as a summary: paragraphs separated by a blank line. */
export function blocksToSummary(blocks: RootContent[]): string {
  const paragraphs: string[] = [];
  const visit = (nodes: RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'paragraph' || node.type === 'heading') paragraphs.push(toString(node).replace(/\s+/g, ' ').trim());
      else if ('children' in node) visit(node.children as RootContent[]);
    }
  };
  visit(blocks);
  return paragraphs.filter(Boolean).join('\n\n');
}

/** Languages a story is likely to name, by BCP 47 tag; their English and native names are looked up in ICU. */
const knownLanguages = [
  'en', 'es', 'fr', 'de', 'it', 'pt', 'pt-BR', 'ru', 'zh', 'ja', 'ko', 'pl', 'nl', 'sv', 'nb', 'no', 'da', 'fi', 'cs',
  'sk', 'hu', 'ro', 'tr', 'el', 'he', 'ar', 'uk', 'bg', 'hr', 'sr', 'sl', 'ca', 'eu', 'gl', 'vi', 'id', 'ms', 'th',
  'hi', 'bn', 'fa', 'lt', 'lv', 'et', 'is', 'ga', 'cy', 'la', 'eo', 'fil', 'sq', 'mk', 'be', 'ka', 'hy', 'af', 'sw',
  'ta', 'te', 'ur', 'mn', 'yi', 'gd', 'lb', 'fo', 'kk', 'uz', 'az', 'km', 'my', 'ne', 'si', 'pa', 'mr', 'gu', 'kn', 'ml',
];
const languageAliases: Record<string, string> = { 'bahasa indonesia': 'id', 'bahasa malaysia': 'ms', 'português brasileiro': 'pt-BR', filipino: 'fil', tagalog: 'fil' };

let languageNames: Map<string, string> | undefined;

/** `English`, `Français`, `中文-普通话 國語`, `fr`, `pt-BR` → a BCP 47 tag; undefined when unknown. */
export function languageTag(name: string): string | undefined {
  const normalized = name.trim().toLowerCase();
  if (!normalized) return undefined;
  if (languageAliases[normalized]) return languageAliases[normalized];
  try {
    const [canonical] = Intl.getCanonicalLocales(name.trim());
    if (/^[a-z]{2,3}(?:-[a-z0-9]+)*$/i.test(name.trim()) && knownLanguages.some((tag) => canonical.split('-')[0] === tag.split('-')[0])) return canonical;
  } catch {
    // Not a tag; try it as a language name.
  }
  languageNames ??= namesOfKnownLanguages();
  const exact = languageNames.get(normalized);
  if (exact) return exact;
  const firstWord = normalized.split(/[\s(),\-–/]+/)[0];
  return languageNames.get(firstWord);
}

function namesOfKnownLanguages(): Map<string, string> {
  const names = new Map<string, string>();
  const english = new Intl.DisplayNames(['en'], { type: 'language' });
  for (const tag of knownLanguages) {
    const native = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    for (const name of [english.of(tag), native]) {
      if (!name) continue;
      const lower = name.toLowerCase();
      if (!names.has(lower)) names.set(lower, tag);
      const first = lower.split(/[\s(),\-–/]+/)[0];
      if (first && !names.has(first)) names.set(first, tag);
    }
  }
  return names;
}

/** `<dt>`/`<dd>` pairs of a definition list, in order. */
export function definitionPairs(list: Element): { term: Element; definition: Element }[] {
  const pairs: { term: Element; definition: Element }[] = [];
  let term: Element | undefined;
  for (const child of list.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'dt') term = child;
    else if (child.tagName === 'dd' && term) pairs.push({ term, definition: child }), (term = undefined);
  }
  return pairs;
}

/** Whether something inside `element` (not the element itself, which `select` would also try) matches. */
export function hasDescendant(element: Element, selector: string): boolean {
  return element.children.some((child) => child.type === 'element' && select(selector, child) !== undefined);
}
