// The labelled metadata both writers show in a story's opener, in one order and wording, so a book reads back to the same story.
import type { StoryMeta } from '../story.ts';

/** One line of the opener's list: `Fandoms` → `Harry Potter, Discworld`. */
export interface StoryDetail {
  label: string;
  value: string;
}

/**
 * The plain-text details a story has, in AO3's order: fandoms, relationships, characters, rating, warnings,
 * categories, tags, series (with its part), collections, dates, status, words. Lists take a plural label when
 * they hold several values. The source and the summary are left to the writers, which link and paragraph them.
 * The labels are ones the readers' label matching (`src/readers/html-metadata.ts`) knows.
 */
export function storyDetails(meta: StoryMeta): StoryDetail[] {
  const details: StoryDetail[] = [];
  const add = (label: string, value: string | undefined) => {
    if (value?.trim()) details.push({ label, value: value.trim() });
  };
  const addList = (singular: string, plural: string, values: readonly string[] | undefined) => {
    const present = (values ?? []).map((value) => value.trim()).filter(Boolean);
    if (present.length > 0) add(present.length === 1 ? singular : plural, present.join(', '));
  };
  addList('Fandom', 'Fandoms', meta.fandoms);
  addList('Relationship', 'Relationships', meta.relationships);
  addList('Character', 'Characters', meta.characters);
  add('Rating', meta.rating);
  addList('Warning', 'Warnings', meta.warnings);
  addList('Category', 'Categories', meta.categories);
  addList('Tag', 'Tags', meta.tags);
  if (meta.series?.name.trim()) add('Series', seriesText(meta.series));
  addList('Collection', 'Collections', meta.collections);
  add('Published', meta.published);
  add('Updated', meta.updated);
  if (meta.complete !== undefined) add('Status', meta.complete ? 'Complete' : 'In progress');
  if (meta.words > 0) add('Words', formatCount(meta.words));
  return details;
}

/** `Name, part 2` (the readers also take AO3's `Part 2 of Name`), or the bare name. */
function seriesText(series: NonNullable<StoryMeta['series']>): string {
  return series.position === undefined ? series.name.trim() : `${series.name.trim()}, part ${series.position}`;
}

/** Digits grouped by threes with commas, the same on every machine (no locale lookup). */
export function formatCount(count: number): string {
  return String(Math.round(count)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
