// The labelled metadata both writers show in a story's opener, in one order and wording, so a book reads back to the same story.
import type { StoryMeta } from '../story.ts';
import type { BookLabels, LabelKey } from '../labels/index.ts';

/** One line of the opener's list: `Fandoms` → `Harry Potter, Discworld`. */
export interface StoryDetail {
  /** The label's key in the tables (`fandoms`), the same in every language: a book read back finds its fields by it. */
  key: LabelKey;
  label: string;
  value: string;
}

/**
 * The plain-text details a story has, in AO3's order: fandoms, relationships, characters, rating, warnings,
 * categories, tags, series (with its part), collections, dates, status, words. Lists take a plural label when
 * they hold several values. The source and the summary are left to the writers, which link and paragraph them.
 * The labels are in the book's language (`labels`); their English forms are ones the readers' label matching
 * (`src/readers/html-metadata.ts`) knows.
 */
export function storyDetails(meta: StoryMeta, labels: BookLabels): StoryDetail[] {
  const details: StoryDetail[] = [];
  const add = (key: LabelKey, value: string | undefined) => {
    if (value?.trim()) details.push({ key, label: labels.text(key), value: value.trim() });
  };
  const addList = (singular: LabelKey, plural: LabelKey, values: readonly string[] | undefined) => {
    const present = (values ?? []).map((value) => value.trim()).filter(Boolean);
    if (present.length > 0) add(present.length === 1 ? singular : plural, present.join(', '));
  };
  addList('fandom', 'fandoms', meta.fandoms);
  addList('relationship', 'relationships', meta.relationships);
  addList('character', 'characters', meta.characters);
  add('rating', meta.rating);
  addList('warning', 'warnings', meta.warnings);
  addList('category', 'categories', meta.categories);
  addList('tag', 'tags', meta.tags);
  if (meta.series?.name.trim()) add('series', seriesText(meta.series, labels));
  addList('collection', 'collections', meta.collections);
  add('published', meta.published);
  add('updated', meta.updated);
  if (meta.complete !== undefined) add('status', labels.text(meta.complete ? 'complete' : 'in-progress'));
  if (meta.words > 0) add('words', labels.count(meta.words));
  return details;
}

/** `Name, part 2` (the readers also take AO3's `Part 2 of Name`), or the bare name. */
function seriesText(series: NonNullable<StoryMeta['series']>, labels: BookLabels): string {
  return series.position === undefined ? series.name.trim() : labels.text('series-part', { series: series.name.trim(), number: series.position });
}
