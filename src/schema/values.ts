// Value schemas anthology.yaml, theme manifests and typography options share; each error message says what was expected.
import * as z from 'zod';
import { suggestion } from '../did-you-mean.ts';
import { keyName } from './validate.ts';
import { pageSizeNames } from '../writers/pdf/page-sizes.ts';
import { hexColorPattern, longHexColor } from '../covers/placeholders.ts';

/**
 * A strict mapping: an unknown key is an error naming the nearest known one (`did you mean "quotes"?`).
 * `noun` names what the keys are in that error (`unknown rule "typography.quotez"`).
 */
export function mapping<Shape extends z.ZodRawShape>(shape: Shape, options: { noun?: string; expected?: string } = {}) {
  const keys = Object.keys(shape).filter((key) => key !== '$schema');
  const noun = options.noun ?? 'key';
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return options.expected ?? `a mapping of ${keys.join(', ')}`;
      const at = issue.path ?? [];
      const key = keyName([...at, issue.keys[0]]);
      return `unknown ${noun} "${key}"${keys.length === 0 ? ' (this rule takes no options)' : suggestion(issue.keys[0], keys)}`;
    },
  });
}

/** Text, trimmed and not empty; a number (`title: 1984`) is read as text. */
export const text = z
  .union([z.string(), z.number()], { error: 'text' })
  .transform(String)
  .pipe(z.string().trim().min(1, { error: 'text' }));

/** One text or a list of texts, always read as a list. */
export const textList = z
  .union([text, z.array(text).min(1, { error: 'a list with at least one entry' })], { error: 'text or a list of text' })
  .transform((value) => (Array.isArray(value) ? value : [value]));

export const flag = z.boolean({ error: 'true or false' });

/** Named choices; a misspelt one is answered with the nearest (the formatter adds "did you mean"). */
export function choice<const Names extends readonly [string, ...string[]]>(names: Names, expected = `one of ${names.join(', ')}`) {
  return z.enum(names, { error: expected });
}

export const dashStyles = ['closed-em', 'spaced-en'] as const;
export type DashStyle = (typeof dashStyles)[number];
export const dashStyle = choice(dashStyles, 'closed-em or spaced-en').meta({
  description: 'Parenthetical dashes: closed-em (word—word) or spaced-en (word – word).',
});

export const pageSize = choice(pageSizeNames).meta({ description: 'PDF trim size: 6x9 (US trade paperback), a5, or ereader (a 6-inch screen, one page at a time).' });

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * The canonical form of a well-formed BCP 47 tag (`en`, `en-GB`, `pt-BR`, `zh-Hant`) whose language ICU knows,
 * else undefined: `english` is well-formed but no language code, and Kindle rejects it.
 */
export function canonicalLanguage(tag: string): string | undefined {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    const language = canonical?.split('-')[0];
    if (canonical && language && /^[a-z]{2,3}$/.test(language) && languageNames.of(language)) return canonical;
  } catch {
    // not well-formed
  }
  return undefined;
}

export const languageExpected = 'a BCP 47 language tag such as en, en-GB or fr';

export const languageTag = z
  .string({ error: languageExpected })
  .trim()
  .refine((tag) => canonicalLanguage(tag) !== undefined, { error: languageExpected })
  .transform((tag) => canonicalLanguage(tag)!);

/** `#1f2a44`, as a theme's palette has them. */
export const longColor = z
  .string({ error: 'a colour as #rrggbb' })
  .regex(/^#[0-9a-f]{6}$/i, { error: 'a colour as #rrggbb' })
  .transform((color) => color.toLowerCase());

/** `#1f2a44` or `#123`, lower-cased and made long: cover colors. */
export const color = z
  .string({ error: 'a color like "#1f2a44" (quoted in YAML)' })
  .trim()
  .regex(hexColorPattern, { error: 'a color like "#1f2a44" (quoted in YAML)' })
  .transform(longHexColor);

/** The `$schema` key editors write into JSON files (`"$schema": "…/theme.schema.json"`); ignored. */
export const schemaPointer = z.string({ error: 'the address of a JSON Schema' }).optional().meta({ description: 'The JSON Schema editors check this file against; ignored by ficbind.' });
