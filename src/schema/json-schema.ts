// The JSON Schema files ficbind ships in schema/, made from the zod declarations, so editors complete and check keys.
import * as z from 'zod';
import { anthologySchema } from './anthology.ts';
import { themeSchema } from './theme.ts';

/** The folder in the package that holds them, relative to its root. */
export const schemaFolder = 'schema';

const files = {
  'anthology.schema.json': {
    schema: anthologySchema,
    title: 'ficbind anthology.yaml',
    description: 'An anthology for ficbind: its title, stories, formats, theme, cover and typography. Paths are relative to the file.',
  },
  'theme.schema.json': {
    schema: themeSchema,
    title: 'ficbind theme manifest (theme.json, theme.yaml)',
    description: "A ficbind theme: its fonts, colours, ornament and stylesheets. Files are relative to the theme's folder.",
  },
};

export type SchemaFileName = keyof typeof files;
export const schemaFileNames = Object.keys(files) as SchemaFileName[];

/**
 * The file's text. Draft 7, which VS Code's YAML and JSON support and most other editors read; the input side of
 * each value (what a user writes), since the declarations also normalise (`editor: Ann` becomes a list).
 */
export function jsonSchemaText(name: SchemaFileName): string {
  const { schema, title, description } = files[name];
  const { $schema, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-7', unrepresentable: 'any' });
  return JSON.stringify({ $schema, title, description, ...rest }, null, 2) + '\n';
}
