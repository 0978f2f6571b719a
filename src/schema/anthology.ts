// The keys of anthology.yaml: what each holds, in words an editor shows on hover. schema/anthology.schema.json is made from this.
import * as z from 'zod';
import { typographyRules } from '../transforms/index.ts';
import { paletteNames } from '../covers/placeholders.ts';
import { isKnownEncoding } from '../readers/known-encodings.ts';
import { englishLabels, labelKeys, placeholdersOf } from '../labels/index.ts';
import { choice, color, dashStyle, flag, languageExpected, languageTag, mapping, pageSize, schemaPointer, text, textList } from './values.ts';

export const outputFormats = ['epub', 'pdf', 'kepub', 'azw3'] as const;
export type OutputFormat = (typeof outputFormats)[number];

const format = choice(outputFormats);
const formats = z
  .union([format, z.array(format).min(1, { error: 'a list with at least one format' })], { error: `a format or a list of formats: ${outputFormats.join(', ')}` })
  .transform((value) => [...new Set(Array.isArray(value) ? value : [value])]);

/** Every rule id of src/transforms, each `false`, `true` or a mapping of the rule's own options. */
export const typography = mapping(
  Object.fromEntries(
    typographyRules.map((rule) => [
      rule.id,
      z
        .union([flag, rule.options ?? mapping({}, { noun: 'option' })], { error: 'true, false or a mapping of options' })
        .optional()
        .meta({ description: `${rule.description} false turns the rule off.` }),
    ]),
  ),
  { noun: 'rule', expected: 'a mapping of rule id to true, false or options' },
);

const coverExpected = 'true, false or a mapping of template, background, colors, series';
const cover = z.union(
  [
    z.boolean({ error: coverExpected }),
    mapping(
      {
        template: text.optional().meta({ description: 'A shipped template (typographic, photograph, ornament; see `ficbind covers`) or a path to an .svg file. Default typographic.' }),
        background: text.optional().meta({ description: 'A photo for the photograph template, cropped to 1 : 1.6 around its most striking part.' }),
        colors: mapping(Object.fromEntries(paletteNames.map((name) => [name, color.optional()])), { noun: 'color' })
          .optional()
          .meta({ description: `Palette colors over the template's and the theme's: ${paletteNames.join(', ')}, as "#rrggbb".` }),
        series: text.optional().meta({ description: 'The series the anthology belongs to, printed on the cover.' }),
      },
      { expected: coverExpected },
    ),
  ],
  { error: coverExpected },
);

const encodingExpected = 'a text encoding such as utf-8, windows-1252, windows-1251, iso-8859-2, shift_jis, gb18030 or utf-16le';
const encodingName = z
  .string({ error: encodingExpected })
  .trim()
  .refine(isKnownEncoding, { error: encodingExpected })
  .transform((name) => name.toLowerCase());
const encoding = z.union([encodingName, z.record(z.string(), encodingName, { error: 'a mapping of story file to encoding' })], {
  error: 'an encoding name, or a mapping of story file to encoding',
});

const storySeriesExpected = 'a series name, or a mapping of name and position';
const storySeries = z.union([text, mapping({ name: text, position: z.number({ error: 'a number' }).int({ error: 'a whole number' }).positive({ error: 'a number from 1' }).optional() }, { expected: storySeriesExpected })], {
  error: storySeriesExpected,
});

const storyEntryExpected = 'a story file, or a mapping of file and the story\'s metadata (title, authors, source…)';
/** One `stories:` entry written out: the file and metadata that fill or replace what the story says of itself. */
export const storyEntry = mapping(
  {
    file: text.meta({ description: 'The story file, relative to this file.' }),
    source: text.optional().meta({ description: 'Where the story came from (its address on the archive); `ficbind update` checks it for new chapters.' }),
    title: text.optional().meta({ description: "The story's title, over the one in the file." }),
    authors: textList.optional().meta({ description: "The story's author or authors." }),
    fandoms: textList.optional(),
    relationships: textList.optional(),
    characters: textList.optional(),
    rating: text.optional(),
    summary: text.optional(),
    tags: textList.optional(),
    language: languageTag.optional().meta({ description: `The story's language, ${languageExpected}.` }),
    series: storySeries.optional().meta({ description: 'The series the story belongs to: a name, or { name, position }.' }),
  },
  { expected: storyEntryExpected },
);
export type StoryEntryData = z.output<typeof storyEntry>;

const storyListItem = z.union([text, storyEntry], { error: storyEntryExpected });
const stories = z
  .union([storyListItem, z.array(storyListItem).min(1, { error: 'a list with at least one story' })], { error: 'a story file or a list of story files (each may be a mapping of file, title, authors…)' })
  .transform((value) => (Array.isArray(value) ? value : [value]));

/** `labels:` — any label of the book, each keeping the placeholders of the English one (`{names}`, `{number}`). */
const labels = mapping(
  Object.fromEntries(
    labelKeys.map((key) => {
      const expected = placeholdersOf(englishLabels[key]);
      const wanted = expected.length === 0 ? 'text without {placeholders}' : `text whose placeholders are among ${expected.map((name) => `{${name}}`).join(', ')}`;
      return [
        key,
        text
          .refine((value) => placeholdersOf(value).every((name) => expected.includes(name)), { error: wanted })
          .optional()
          .meta({ description: `Default (English): "${englishLabels[key]}".` }),
      ];
    }),
  ),
  { noun: 'label', expected: 'a mapping of label name to text' },
);

const seriesExpected = 'a mapping with name and position';
const series = mapping(
  {
    name: text.meta({ description: "The series' name." }),
    position: z.number({ error: 'a number' }).positive({ error: 'a number above 0' }).optional().meta({ description: 'The book\'s place in the series: 1, 2, 2.5…' }),
  },
  { expected: seriesExpected },
);

/** anthology.yaml. Paths are relative to the file; flags override every key. */
export const anthologySchema = mapping({
  $schema: schemaPointer,
  title: text.optional().meta({ description: "The anthology's title. Default: the folder's name." }),
  subtitle: text.optional().meta({ description: 'Shown on the title page and the cover.' }),
  editor: textList.optional().meta({ description: "The book's creator: one name or a list. Default: the stories' author when they share one, else Various." }),
  editors: textList.optional().meta({ description: 'Same as editor.' }),
  language: languageTag.optional().meta({ description: `${languageExpected[0].toUpperCase()}${languageExpected.slice(1)}: quotes, dashes and spacing follow it. Default en.` }),
  description: text.optional().meta({ description: "The book's description in its metadata." }),
  rights: text.optional().meta({ description: 'The rights statement in its metadata.' }),
  identifier: text.optional().meta({ description: "The book's identifier (dc:identifier), kept by every rebuild so e-readers replace the book instead of adding a copy. Default: derived from this file's folder name and the title." }),
  stories: stories.optional().meta({ description: 'Story files in reading order, relative to this file; an entry may be a mapping of file and metadata (title, authors, source…) over what the story says. Default: every story in input, in natural file-name order.' }),
  input: text.optional().meta({ description: "The folder of stories, relative to this file. Default: this file's folder." }),
  theme: text.optional().meta({ description: 'classic, modern, plain (see `ficbind themes`) or a templates/<name>/ folder beside this file. Default classic.' }),
  'drop-cap': flag.optional().meta({ description: "A drop cap opening each story. Default: the theme's choice." }),
  formats: formats.optional().meta({ description: `Output formats: ${outputFormats.join(', ')}. Default [epub].` }),
  output: text.optional().meta({ description: 'Output folder, relative to this file. Default: out/ in the current folder.' }),
  'page-size': pageSize.optional(),
  'dash-style': dashStyle.optional(),
  typography: typography.optional().meta({ description: 'Per rule id: false turns a rule off; a mapping sets its options. Default: every rule on.' }),
  cover: cover.optional().meta({ description: 'The cover: false for none, true for the default, or template, background, colors and series. Default: the typographic template.' }),
  labels: labels.optional().meta({ description: "Words the book prints (contents, by, Words, Author's note…), over the table for its language (en, fr, de, es, it, pt, nl, pl, ru, ja, zh, ko; others take English)." }),
  series: series.optional().meta({ description: 'The series the anthology belongs to: shown by library apps (EPUB belongs-to-collection and Calibre series) and on the cover unless cover.series says otherwise.' }),
  subjects: textList.optional().meta({ description: "Subjects (dc:subject) library apps show as tags, besides the stories' fandoms and tags." }),
  encoding: encoding.optional().meta({ description: "The stories' text encoding (utf-8, windows-1252, windows-1251, shift_jis…), for every story or as a mapping of story file to encoding. Default: detected, with a warning naming what was assumed." }),
});

export type AnthologyData = z.output<typeof anthologySchema>;
