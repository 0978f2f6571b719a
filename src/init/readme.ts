// The short README.md `ficbind init` leaves in a project folder: what goes where and the commands to run.
import { configFileName } from '../project.ts';

export function projectReadme(title: string): string {
  return [
    `# ${title}`,
    '',
    'An anthology built with ficbind.',
    '',
    '- **Stories** go in this folder: plain text (`.txt`), Markdown (`.md`), HTML saved from AO3 or',
    '  FanFiction.net (`.html`) or EPUB (`.epub`). They are read in natural file-name order (`2-…` before',
    `  \`10-…\`) unless \`${configFileName}\` lists them under \`stories:\`. This README is never read as a story.`,
    `- **Settings** are in \`${configFileName}\`: title, language, formats, theme, cover and typography, each`,
    '  explained there. An editor with YAML support (VS Code with the YAML extension) completes and checks them.',
    '- **Books** are written to `out/`.',
    '',
    '```sh',
    'ficbind build                         # the EPUB, in out/',
    'ficbind build --format epub,pdf,kepub # and a PDF, and a KEPUB for Kobo',
    'ficbind check                         # what the typography rules repaired, story by story',
    '```',
    '',
  ].join('\n');
}
