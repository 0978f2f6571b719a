// `ficbind cover`: render one cover JPEG (1600 × 2560) from a template, for a store upload or a sideloaded book.
import type { Argv } from 'yargs';
import { relative, resolve } from 'node:path';
import type { CoverPalette, CoverTemplate } from '../../covers/index.ts';
import { UsageError } from '../../errors.ts';
import { tell, warn, type CliIO } from '../io.ts';
import { formatSize } from '../report.ts';
import { defaultCoverTemplate } from '../../covers/placeholders.ts';

export const command = 'cover';
export const describe = 'Render a cover (1600 × 2560 JPEG) from a template';
export const examples: [string, string][] = [
  ['$0 cover --title "Harbor Lights" --author "Various" -o cover.jpg', 'The default typographic cover'],
  ['$0 cover --template photograph --background sea.jpg --title "Tides" -o tides.jpg', 'A photo cover'],
];

export function builder(yargs: Argv) {
  return yargs
    .option('template', { type: 'string', describe: `Template name (see \`ficbind covers\`) or path to an .svg file [default: ${defaultCoverTemplate}]` })
    .option('title', { type: 'string', demandOption: true, describe: 'The title (required)' })
    .option('subtitle', { type: 'string', describe: 'A subtitle' })
    .option('author', { type: 'string', describe: 'Author or editors, as printed' })
    .option('series', { type: 'string', describe: 'The series the book belongs to' })
    .option('background', { type: 'string', describe: 'A photo for templates with a background image (cropped to 1 : 1.6)' })
    .option('color', { type: 'string', array: true, describe: 'A palette color, NAME=#RRGGBB (background, text, accent); repeatable [default: the template\'s]' })
    .option('theme', { type: 'string', describe: "Take fonts and palette from a theme (see `ficbind themes`) [default: EB Garamond, the template's colors]" })
    .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'The JPEG to write (required)' });
}

export interface CoverArgs {
  template?: string;
  title: string;
  subtitle?: string;
  author?: string;
  series?: string;
  background?: string;
  color?: string[];
  theme?: string;
  out: string;
}

export async function handler(args: CoverArgs, io: CliIO): Promise<number> {
  const { coverFontsOf, renderCover } = await import('../../covers/index.ts');
  const { writeFileAtomic } = await import('../../atomic-write.ts');
  const template = await templateFor(args.template ?? defaultCoverTemplate, io.cwd);
  const theme = args.theme ? await themeFor(args.theme, io.cwd) : undefined;
  const cover = await renderCover({
    template,
    text: { title: args.title, subtitle: args.subtitle, author: args.author, series: args.series },
    background: args.background === undefined ? undefined : resolve(io.cwd, args.background),
    themeColors: theme?.colors,
    colors: colorsFrom(args.color ?? []),
    fonts: theme ? coverFontsOf(theme) : undefined,
    onWarning: (message) => warn(io, message),
  });
  const out = resolve(io.cwd, args.out);
  await writeFileAtomic(out, cover.jpeg);
  tell(io, `Wrote ${relative(io.cwd, out) || out}: ${cover.width} × ${cover.height} JPEG, ${formatSize(cover.jpeg.byteLength)}, template ${template.name}`);
  return 0;
}

async function templateFor(reference: string, cwd: string): Promise<CoverTemplate> {
  const { findCoverTemplate, UnknownCoverTemplate } = await import('../../covers/index.ts');
  try {
    return await findCoverTemplate(reference, { projectFolder: cwd, base: cwd });
  } catch (error) {
    throw error instanceof UnknownCoverTemplate ? new UsageError(`--template: ${error.message}`) : error;
  }
}

async function themeFor(name: string, cwd: string) {
  const { loadTheme } = await import('../../themes/index.ts');
  try {
    return loadTheme(name, { projectFolders: [cwd] });
  } catch (error) {
    // loadTheme's UnknownTheme carries the names there are; a broken manifest is a ConfigError and passes through.
    throw error instanceof Error && 'available' in error ? new UsageError(`--theme: ${error.message}`) : error;
  }
}

/** `accent=#aa3300` pairs; the names and values are checked when the cover is rendered. */
function colorsFrom(pairs: string[]): CoverPalette {
  const colors: Record<string, string> = {};
  for (const pair of pairs) {
    const match = /^\s*([a-z]+)\s*=\s*(\S+)\s*$/.exec(pair);
    if (!match) throw new UsageError(`--color must be NAME=#RRGGBB (background, text or accent), got "${pair}"`);
    colors[match[1]] = match[2];
  }
  return colors as CoverPalette;
}
