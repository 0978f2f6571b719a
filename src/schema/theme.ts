// The keys of a theme's manifest (templates/<name>/theme.json or theme.yaml). schema/theme.schema.json is made from this.
import * as z from 'zod';
import { dashStyle, flag, longColor, mapping as anyMapping, pageSize, schemaPointer, text } from './values.ts';

/** Every mapping of a manifest: its unknown keys are reported as theme keys. */
const mapping: typeof anyMapping = (shape, options = {}) => anyMapping(shape, { noun: 'theme key', ...options });

/** `400`, `400italic`, `700`: a weight, then `italic` for the slanted face. */
export const faceKey = /^([1-9]00)(italic)?$/;

const relativeFile = (what: string) => text.meta({ description: `${what}, a path relative to the theme's folder.` });

const font = mapping({
  family: text.meta({ description: 'The family name the font files declare (EB Garamond), used in CSS and in Typst.' }),
  package: text.optional().meta({ description: 'An npm package holding the files; without it, paths are inside the theme folder.' }),
  licence: text.meta({ description: 'The licence\'s name, printed in the colophon: "SIL Open Font License 1.1".' }),
  'licence-file': text.meta({ description: 'The licence text shipped with the font; its first line is the copyright notice.' }),
  faces: z
    .record(z.string().regex(faceKey, { error: 'face names like 400, 400italic, 700, 700italic' }), text, { error: 'a mapping of face name (400, 400italic, 700…) to a TTF or OTF file' })
    .meta({ description: 'Face name (400, 400italic, 700, 700italic…) → TTF or OTF file. The EPUB embeds weights 400 and 700; the PDF may use all. A regular face (400) is required.' }),
});

const colorsSchema = mapping({
  text: longColor.meta({ description: 'Story text, as #rrggbb.' }),
  background: longColor.meta({ description: 'The page, as #rrggbb.' }),
  accent: longColor.meta({ description: 'Titles and ornaments, as #rrggbb.' }),
  muted: longColor.meta({ description: 'Secondary text (bylines, notes), as #rrggbb.' }),
});

/** theme.json / theme.yaml. Files are relative to the theme's folder (or to a font's npm package). */
export const themeSchema = mapping(
  {
    $schema: schemaPointer,
    name: text
      .pipe(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'lower-case letters, digits and hyphens (the folder name)' }))
      .meta({ description: "The theme's name: its folder's name, in lower-case letters, digits and hyphens." }),
    description: text.meta({ description: 'One line for `ficbind themes`.' }),
    fonts: mapping({
      text: font.optional().meta({ description: 'The font of the story text. Required unless the EPUB embeds no fonts (the PDF still needs one).' }),
      display: font.optional().meta({ description: 'The font of titles and headings; the text font when absent.' }),
    })
      .optional()
      .meta({ description: 'text (required) and display fonts: a family, its licence and its face files.' }),
    colors: colorsSchema.meta({ description: "The theme's palette for stylesheets, PDF templates and covers." }),
    ornament: mapping({
      glyph: text.meta({ description: 'The scene break the PDF prints (the fonts must have it): ❧, ⁂, *.' }),
      image: relativeFile('An SVG or PNG drawing of the glyph for EPUB stylesheets').optional(),
    }).meta({ description: 'The scene-break ornament: a glyph for the PDF, a drawing for the EPUB.' }),
    'dash-style': dashStyle.optional().meta({ description: 'Parenthetical dashes where the language has no convention: closed-em (word—word) or spaced-en (word – word). Default closed-em.' }),
    'page-size': pageSize.optional().meta({ description: 'The PDF trim size: 6x9, a5 or ereader. Default 6x9.' }),
    'drop-cap': flag.optional().meta({ description: 'A drop cap opening each story. Default false.' }),
    epub: mapping({
      stylesheet: relativeFile("The EPUB's CSS, after the rules every book gets"),
      'embed-fonts': flag.optional().meta({ description: 'false embeds no fonts, leaving them to the reader. Default true.' }),
    }).meta({ description: "The EPUB's stylesheet and whether it embeds fonts." }),
    pdf: mapping({
      template: relativeFile('The Typst template; it reads the book from /book.json'),
    }).meta({ description: "The PDF's Typst template." }),
  },
  { expected: 'a mapping with keys name, description, fonts, colors, ornament, epub, pdf' },
);

export type ThemeData = z.output<typeof themeSchema>;
export type ThemeFontData = NonNullable<NonNullable<ThemeData['fonts']>['text']>;
