// Reads a FanFiction.net story page saved from a browser: the profile block's metadata and the chapter in `#storytext`.
import type { Element, Root as HastRoot } from 'hast';
import { select, selectAll } from 'hast-util-select';
import type { RootContent } from 'mdast';
import type { StoryMeta } from '../story.ts';
import { hasDescendant, languageTag, textOf, unique } from './html-metadata.ts';
import { sanitizeAndReport } from './html-sanitize.ts';
import { htmlToBlocks, type HtmlConversion } from './html-to-story.ts';
import { canonicalAddress, rootOf, type HtmlStory } from './html-page.ts';

export function isFfnDocument(document: HastRoot): boolean {
  return Boolean(select('#profile_top', document) && select('#storytext, .storytext', document));
}

/** FanFiction.net's genres, which share the details line with the characters. */
const genres = [
  'Adventure', 'Angst', 'Crime', 'Drama', 'Family', 'Fantasy', 'Friendship', 'General', 'Horror', 'Humor',
  'Hurt/Comfort', 'Mystery', 'Parody', 'Poetry', 'Romance', 'Sci-Fi', 'Spiritual', 'Supernatural', 'Suspense',
  'Tragedy', 'Western',
];
const genreList = new RegExp(`^(?:${genres.map((genre) => genre.replace(/[/-]/g, '\\$&')).join('|')})(?:/(?:${genres.map((genre) => genre.replace(/[/-]/g, '\\$&')).join('|')}))*$`, 'i');

/**
 * `#profile_top` has the title (`b`), the author (a `/u/` link), the summary (a `div`) and the details line
 * "Rated: Fiction T - English - Romance/Drama - [A, B] C - Chapters: 3 - Words: 1,234 - … - id: 123";
 * `#pre_story_links` the fandom. A saved page holds one chapter; when the story has several, the chapter
 * menu's selected entry gives its heading.
 */
export function readFfnDocument(document: HastRoot, conversion: HtmlConversion): HtmlStory {
  const profile = select('#profile_top', document)!;
  const meta: Partial<StoryMeta> = {};
  const title = textOf(select('b', profile));
  if (title) meta.title = title;
  const author = selectAll('a[href]', profile).find((link) => /^(?:https?:)?(?:\/\/[^/]+)?\/u\/\d+/.test(String(link.properties.href)));
  if (author && textOf(author)) meta.authors = [textOf(author)];
  const summary = selectAll('div', profile).find((div) => textOf(div) && !hasDescendant(div, 'div, span.xgray'));
  if (summary) meta.summary = textOf(summary);
  const details = select('span.xgray', profile);
  if (details) applyDetails(meta, textOf(details));
  const fandom = selectAll('#pre_story_links a', document).map(textOf).filter(Boolean).pop();
  if (fandom) meta.fandoms = splitCrossover(fandom);
  const source = canonicalAddress(document) ?? storyAddress(details ? textOf(details) : '');
  if (source) meta.source = source.startsWith('//') ? `https:${source}` : source;

  const story = (select('#storytext', document) ?? select('.storytext', document))!;
  const blocks: RootContent[] = [];
  const chapter = chapterTitle(document);
  if (chapter) blocks.push({ type: 'heading', depth: 2, children: [{ type: 'text', value: chapter }] });
  blocks.push(...htmlToBlocks(sanitizeAndReport(story.children, conversion.file), { ...conversion, minHeadingDepth: chapter ? 3 : undefined }));
  return { tree: rootOf(blocks), meta };
}

function applyDetails(meta: Partial<StoryMeta>, line: string): void {
  const parts = line.split(/\s+-\s+/).map((part) => part.trim()).filter(Boolean);
  let index = 0;
  const rated = /^Rated:\s*(?:Fiction\s+)?(.+)$/i.exec(parts[0] ?? '');
  if (rated) meta.rating = rated[1].trim(), index++;
  if (parts[index] && !parts[index].includes(':')) {
    const language = languageTag(parts[index]);
    if (language) meta.language = language, index++;
  }
  for (; index < parts.length; index++) {
    const part = parts[index];
    const field = /^([A-Za-z]+):\s*(.*)$/.exec(part);
    if (field) applyField(meta, field[1].toLowerCase(), field[2].trim());
    else if (genreList.test(part)) meta.tags = unique([...(meta.tags ?? []), ...splitGenres(part)]);
    else applyCharacters(meta, part);
  }
}

function applyField(meta: Partial<StoryMeta>, key: string, value: string): void {
  if (key === 'published') meta.published = value;
  else if (key === 'updated') meta.updated = value;
  else if (key === 'status') meta.complete = /complete/i.test(value);
}

/** `Hurt/Comfort/Angst` → `Hurt/Comfort`, `Angst`: genres are matched whole, because one has a slash in it. */
function splitGenres(text: string): string[] {
  const found: string[] = [];
  let rest = text;
  while (rest) {
    const genre = genres.find((name) => rest.toLowerCase().startsWith(name.toLowerCase()));
    if (!genre) break;
    found.push(genre);
    rest = rest.slice(genre.length).replace(/^\//, '');
  }
  return found;
}

/** `[Harry P., Draco M.] Hermione G., Ron W.`: bracketed names are a pairing; everyone is a character. */
function applyCharacters(meta: Partial<StoryMeta>, text: string): void {
  const relationships: string[] = [];
  const names: string[] = [];
  for (const [, pairing] of text.matchAll(/\[([^\]]+)\]/g)) {
    const members = pairing.split(/\s*,\s*/).filter(Boolean);
    if (members.length > 1) relationships.push(members.join('/'));
    names.push(...members);
  }
  names.push(...text.replace(/\[[^\]]*\]/g, ',').split(/\s*,\s*/).map((name) => name.trim()).filter(Boolean));
  if (relationships.length > 0) meta.relationships = unique([...(meta.relationships ?? []), ...relationships]);
  if (names.length > 0) meta.characters = unique([...(meta.characters ?? []), ...names]);
}

/** `Harry Potter + Naruto Crossover` names two fandoms. */
function splitCrossover(fandom: string): string[] {
  const crossover = /^(.+?)\s+\+\s+(.+?)\s+Crossover$/i.exec(fandom);
  return crossover ? [crossover[1], crossover[2]] : [fandom];
}

function storyAddress(details: string): string | undefined {
  const id = /\bid:\s*(\d+)/i.exec(details)?.[1];
  return id ? `https://www.fanfiction.net/s/${id}/1/` : undefined;
}

/** The selected entry of the chapter menu, without its number: `2. The Storm` → `The Storm`. */
function chapterTitle(document: HastRoot): string | undefined {
  const menu = select('select#chap_select', document);
  if (!menu) return undefined;
  const options = selectAll('option', menu);
  if (options.length < 2) return undefined;
  const chosen = options.find((option: Element) => option.properties.selected) ?? options[0];
  return textOf(chosen).replace(/^\d+\.\s*/, '') || undefined;
}
