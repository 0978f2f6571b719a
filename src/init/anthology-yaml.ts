// The anthology.yaml `ficbind init` writes: every key set or commented out, each explained, the stories in build order.
import { stringify } from 'yaml';
import type { ZodObject, ZodType } from 'zod';
import { typographyRules } from '../transforms/index.ts';
import { outputFormats } from '../schema/anthology.ts';

export interface AnthologyYamlFields {
  /** Where editors find the schema: a path relative to the file, or a URL. */
  schema: string;
  title: string;
  /** Story file names in the folder, in the order build reads them. */
  stories: string[];
}

/** One YAML scalar, quoted only when it must be. */
const scalar = (value: string) => stringify(value, { lineWidth: 0 }).trimEnd();

/**
 * Settings a user may turn on are written `#key: value` (the `#` right before the key, nested keys indented
 * after it), so removing the `#` uses them; notes are written `# text`.
 */
export function anthologyYaml({ schema, title, stories }: AnthologyYamlFields): string {
  const storyLines = stories.length
    ? ['stories:', ...stories.map((name) => `  - ${scalar(name)}`)]
    : ['#stories:', '#  - 01-first-story.txt', '#  - 02-second-story.md', '#  - file: 03-from-ao3.html', '#    title: The Long Road Home', '#    authors: [Wren Hale]'];
  return [
    `# yaml-language-server: $schema=${schema}`,
    '# anthology.yaml: how `ficbind build` makes a book of the stories in this folder.',
    '# Lines starting with "# " are notes. Remove the "#" before a setting to use it.',
    '# Paths are relative to this file; flags such as --title and --format win over what is set here.',
    '',
    "# The book's title (default: the folder's name) and a subtitle for the title page and cover.",
    `title: ${scalar(title)}`,
    '#subtitle: A Fan Anthology',
    '',
    "# The book's creator: one name or a list (default: the stories' shared author, Various for several, else none).",
    '#editor: Your Name',
    '#editors: [First Editor, Second Editor]',
    '',
    '# The language, a BCP 47 tag such as en, en-GB, fr or de: quotes, dashes and spacing follow it.',
    'language: en',
    '',
    "# The book's identifier: rebuilds keep it, so e-readers replace the book (default: from this folder's name and title).",
    '#identifier: urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427',
    '',
    "# Written to the book's metadata only when given.",
    '#description: Five stories about the last keepers of a lighthouse.',
    '#rights: Stories © their authors; shared for personal reading.',
    '',
    '# The stories in reading order. Without this list every story in this folder is read (.txt, .md, .html,',
    '# .epub; in natural file-name order, 2 before 10), so a new file joins the book; with it, only these do.',
    '# An entry may be a mapping: file, then title, authors, fandoms, summary, series, source… over the story\'s own.',
    '# `ficbind add URL` downloads an AO3 work and adds it here with its source; `ficbind update` checks for new chapters.',
    ...storyLines,
    '',
    '# A folder of stories to read instead of this one (default: the folder holding this file).',
    '#input: stories',
    '',
    `# Output formats: ${outputFormats.join(', ')} (kepub for Kobo; azw3 for Kindles over USB, needs Calibre). Default: [epub].`,
    '#formats: [epub, pdf]',
    '',
    '# Where the books go (default: out/ in the folder `ficbind build` runs in).',
    '#output: out',
    '',
    '# The look of the book: classic, modern, plain (see `ficbind themes`), or your own in templates/<name>/.',
    '#theme: classic',
    '',
    "# PDF trim size: 6x9, a5 or ereader (default: the theme's).",
    '#page-size: a5',
    '',
    "# A drop cap opening each story (default: the theme's choice).",
    '#drop-cap: true',
    '',
    '# Parenthetical dashes: closed-em (word—word) or spaced-en (word – word).',
    "# Default: the language's convention (spaced in French, German and more), else the theme's.",
    '#dash-style: spaced-en',
    '',
    '# The cover (see `ficbind covers`), or `cover: false` for none. Default: the typographic template.',
    '#cover:',
    '#  template: photograph',
    '#  background: photos/pier.jpg',
    '#  series: Volume One',
    '#  colors: { accent: "#e0a040" }',
    '',
    "# The series the book belongs to: library apps shelve it there (and the cover prints it).",
    '#series: { name: Gannet Point, position: 2 }',
    '',
    "# Subjects library apps show as tags, besides the stories' fandoms and tags.",
    '#subjects: [Anthology]',
    '',
    "# Words the book prints, over its language's table (en, fr, de, es, it, pt, nl, pl, ru, ja, zh, ko).",
    '#labels:',
    '#  contents: Table of Contents',
    '#  by: "written by {names}"',
    '',
    '# Typography rules by id (see `ficbind check`): false turns one off; some take options. Default: all on.',
    '#typography:',
    ...typographyRules.map((rule) => `#  ${rule.id}: ${rule.options ? optionsExample(rule.options) : 'true'}`),
    '',
    '# The stories\' text encoding, when detection guesses wrong: one for all (windows-1251), or per file',
    '# ({ 03-old-story.txt: shift_jis }). Default: detected, with a warning saying what was assumed.',
    '#encoding: windows-1251',
    '',
  ].join('\n');
}

/** `{ placement: end }`: each option with the first example its schema gives. */
function optionsExample(options: ZodObject): string {
  const entries = Object.entries(options.shape as Record<string, ZodType>).map(([key, schema]) => {
    const example = (schema.meta() as { examples?: unknown[] } | undefined)?.examples?.[0];
    return `${key}: ${typeof example === 'string' ? scalar(example) : String(example ?? true)}`;
  });
  return `{ ${entries.join(', ')} }`;
}
