// The words a book prints around its stories, in English: the reference table every language's table has the keys of.

/**
 * Every label a book prints, with `{placeholders}` the writers fill in. Keys are what anthology.yaml's
 * `labels:` overrides; the comment says where each one shows.
 */
export const englishLabels = {
  /** The contents page's heading, the PDF's too, and its landmark. */
  contents: 'Contents',
  /** The hidden landmarks list's heading (read by reading systems, not shown). */
  landmarks: 'Landmarks',
  /** Landmark names. */
  cover: 'Cover',
  'title-page': 'Title Page',
  start: 'Start',
  /** The cover picture's text alternative. */
  'cover-alt': 'Cover of {title}',
  /** The title page's and the PDF's editor line. */
  'edited-by': 'Edited by {names}',
  /** A story's byline, in its opener and on the contents page. */
  by: 'by {names}',
  /** A story or chapter with no title of its own. */
  'untitled-story': 'Untitled {number}',
  chapter: 'Chapter {number}',
  /** Labels of the opener's metadata list (a plural where several values are listed). */
  fandom: 'Fandom',
  fandoms: 'Fandoms',
  relationship: 'Relationship',
  relationships: 'Relationships',
  character: 'Character',
  characters: 'Characters',
  rating: 'Rating',
  warning: 'Warning',
  warnings: 'Warnings',
  category: 'Category',
  categories: 'Categories',
  tag: 'Tag',
  tags: 'Tags',
  series: 'Series',
  'series-part': '{series}, part {number}',
  collection: 'Collection',
  collections: 'Collections',
  published: 'Published',
  updated: 'Updated',
  status: 'Status',
  complete: 'Complete',
  'in-progress': 'In progress',
  words: 'Words',
  /** A story opener with no other details: the word count alone, as a line of text. */
  'word-count': '{count} words',
  source: 'Source',
  summary: 'Summary',
  /** Notes set apart from the story (the PDF labels them). */
  'authors-note': 'Author’s note',
  disclaimer: 'Disclaimer',
  /** Footnotes at the end of a story or chapter. */
  footnotes: 'Footnotes',
  'back-to-reference': 'Back to reference {number}',
  /** The colophon's page title and lines. */
  colophon: 'Colophon',
  'made-with': 'Made with {generator}.',
  'typeset-with': 'Typeset with {generator} and {typesetter}.',
  dated: 'Dated {date}.',
  'set-in': 'Set in {fonts}.',
  'reader-fonts': 'Set in your reading system’s own fonts.',
} as const;

export type LabelKey = keyof typeof englishLabels;

/** A language's table: every key, each with the placeholders of the English label. */
export type LabelTable = Record<LabelKey, string>;
