// The labels a book prints, in its language: one table per language, anthology.yaml's `labels:` over it, and the
// language's own way to write dates, numbers and lists of names.
import { englishLabels, type LabelKey, type LabelTable } from './english.ts';
import { de } from './languages/de.ts';
import { es } from './languages/es.ts';
import { fr } from './languages/fr.ts';
import { it } from './languages/it.ts';
import { ja } from './languages/ja.ts';
import { ko } from './languages/ko.ts';
import { nl } from './languages/nl.ts';
import { pl } from './languages/pl.ts';
import { pt } from './languages/pt.ts';
import { ru } from './languages/ru.ts';
import { zh } from './languages/zh.ts';

export { englishLabels, type LabelKey, type LabelTable };

/** The languages with a table of their own, by primary language subtag; any other language gets English labels. */
export const labelTables: Readonly<Record<string, LabelTable>> = { en: englishLabels, de, es, fr, it, ja, ko, nl, pl, pt, ru, zh };

export const labelKeys = Object.keys(englishLabels) as LabelKey[];

/** What anthology.yaml's `labels:` gives: some keys, each with the placeholders of the English label. */
export type LabelOverrides = Partial<Record<LabelKey, string>>;

/** The book's labels, filled in, and the formats of its language. */
export interface BookLabels {
  /** The BCP 47 tag the labels are for. */
  language: string;
  /** The label for `key` with its `{placeholders}` replaced by `values`. */
  text(key: LabelKey, values?: Readonly<Record<string, string | number>>): string;
  /** "A", "A and B", "A, B and C", in the language's own words and punctuation (`Intl.ListFormat`). */
  names(names: readonly string[]): string;
  /** A date in the language's long form, in UTC: `3 December 2026`, `3 décembre 2026`, `2026年12月3日`. */
  date(date: Date): string;
  /** A whole number grouped in the language's way: `12,345`, `12 345`, `12.345`. */
  count(count: number): string;
}

/** The placeholders a label holds: `{names}`, `{number}`. */
export function placeholdersOf(label: string): string[] {
  return [...label.matchAll(/\{([a-z]+)\}/g)].map((match) => match[1]);
}

/**
 * The labels for `language` (its primary subtag picks the table: `pt-BR` takes `pt`, `zh-Hant` takes `zh`; a
 * language without one takes English), with `overrides` over them.
 */
export function bookLabels(language: string, overrides: LabelOverrides = {}): BookLabels {
  const table = { ...tableFor(language), ...definedOnly(overrides) };
  const formats = formatsFor(formattingLocale(language));
  return {
    language,
    text: (key, values = {}) => table[key].replace(/\{([a-z]+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)),
    names: (names) => formats.list().format(names),
    date: (date) => formats.dates().format(date),
    count: (count) => formats.numbers().format(Math.round(count)),
  };
}

interface LocaleFormats {
  list(): Intl.ListFormat;
  dates(): Intl.DateTimeFormat;
  numbers(): Intl.NumberFormat;
}

/** Each locale's formatters, made when first used and kept: making one costs about a millisecond, and a build asks for labels often. */
const localeFormats = new Map<string, LocaleFormats>();

function formatsFor(locale: string): LocaleFormats {
  let formats = localeFormats.get(locale);
  if (!formats) {
    let list: Intl.ListFormat | undefined;
    let dates: Intl.DateTimeFormat | undefined;
    let numbers: Intl.NumberFormat | undefined;
    formats = {
      list: () => (list ??= new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })),
      dates: () => (dates ??= new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })),
      numbers: () => (numbers ??= new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })),
    };
    localeFormats.set(locale, formats);
  }
  return formats;
}

/** The table for a language tag: by its primary subtag, English when none matches. */
export function tableFor(language: string): LabelTable {
  const primary = language.split('-')[0].toLowerCase();
  return labelTables[primary] ?? englishLabels;
}

/**
 * The locale dates, numbers and lists are formatted in. English books keep ficbind's British forms (`3 December
 * 2026`, `A, B and C`), whatever the region; a tag Intl does not know falls back to them too.
 */
function formattingLocale(language: string): string {
  if (language.split('-')[0].toLowerCase() === 'en') return 'en-GB';
  try {
    return Intl.getCanonicalLocales(language)[0] ?? 'en-GB';
  } catch {
    return 'en-GB';
  }
}

function definedOnly(overrides: LabelOverrides): LabelOverrides {
  return Object.fromEntries(Object.entries(overrides).filter(([key, value]) => key in englishLabels && typeof value === 'string'));
}
