// The typesetters the development set is run through: ficbind's rules, and pandoc, calibre and retext-smartypants when installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { comparable } from './normalize.ts';

/** Chapters of paragraphs in, the same shape out; a paragraph the tool lost is `undefined`. */
export interface Typesetter {
  name: string;
  run(chapters: string[][]): Promise<(string | undefined)[][]>;
}

/** Paragraphs in a chapter split back after a tool joined them with blank lines; a count that differs loses the alignment. */
function splitBack(output: string, count: number): string[] | undefined {
  const paragraphs = output.replace(/\n+$/, '').split(/\n\n+/).map(comparable);
  return paragraphs.length === count ? paragraphs : undefined;
}

/**
 * ficbind's typography on plain text, the quotes rule and what it needs (white space, primes): the
 * structure rules (chapters, notes, scene breaks) would read the prose as headings, and the input's
 * dashes and ellipses are already final (the dashes rule would close Standard Ebooks' few spaced ones).
 */
export async function ficbind(): Promise<Typesetter> {
  const { loadStoryFromBytes } = await import('../../src/load-story.ts');
  const { storyToText } = await import('../../src/writers/text.ts');
  const options = { language: 'en', typography: { chapters: false, 'author-notes': false, 'scene-breaks': false, ellipses: false, dashes: false, 'punctuation-spacing': false } };
  const typeset = (text: string) => storyToText(loadStoryFromBytes(new TextEncoder().encode(text), 'chapter.txt', options).tree);
  return {
    name: 'ficbind',
    async run(chapters) {
      return chapters.map((chapter) => splitBack(typeset(chapter.join('\n\n')), chapter.length) ?? chapter.map((paragraph) => splitBack(typeset(paragraph), 1)?.[0]));
    },
  };
}

const markdownSpecial = /[\\*_[\]<>#`|~^$@]/g;

/** pandoc's `markdown+smart`, em dashes given as `---` as its manual asks, Markdown's own characters escaped. */
export function pandoc(): Typesetter | string {
  const found = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
  if (found.status !== 0) return 'pandoc not found on PATH';
  const version = found.stdout.split('\n')[0];
  const escape = (paragraph: string) => paragraph.replace(markdownSpecial, '\\$&').replace(/—/g, '---').replace(/^(\d+)\./, '$1\\.').replace(/^([-+])/, '\\$1');
  return {
    name: version,
    async run(chapters) {
      const input = chapters.flat().map(escape).join('\n\n');
      const output = execFileSync('pandoc', ['--from', 'markdown+smart', '--to', 'plain', '--wrap=none'], { input, encoding: 'utf8', maxBuffer: 256 << 20 });
      const all = splitBack(output, chapters.flat().length);
      let at = 0;
      return chapters.map((chapter) => chapter.map(() => all?.[at++]));
    },
  };
}

const calibreScript = `
import json, sys, html
from calibre.utils.smartypants import smartyPants
paragraphs = json.load(open(sys.argv[-2], encoding='utf-8'))
out = [html.unescape(smartyPants(html.escape(p, quote=False))) for p in paragraphs]
json.dump(out, open(sys.argv[-1], 'w', encoding='utf-8'))
`;

/** calibre's smarten punctuation (`calibre.utils.smartypants`, what `ebook-polish --smarten-punctuation` runs). */
export function calibre(): Typesetter | string {
  const found = spawnSync('calibre-debug', ['--version'], { encoding: 'utf8' });
  if (found.status !== 0) return 'calibre-debug not found on PATH';
  const version = `calibre ${found.stdout.match(/[0-9]+(?:\.[0-9]+)+/)?.[0] ?? ''}`.trim();
  return {
    name: `${version} smarten punctuation`,
    async run(chapters) {
      const dir = mkdtempSync(join(tmpdir(), 'ficbind-calibre-'));
      try {
        writeFileSync(join(dir, 'in.json'), JSON.stringify(chapters.flat()));
        writeFileSync(join(dir, 'smarten.py'), calibreScript);
        execFileSync('calibre-debug', [join(dir, 'smarten.py'), '--', join(dir, 'in.json'), join(dir, 'out.json')], { stdio: 'ignore' });
        const all = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as string[];
        let at = 0;
        return chapters.map((chapter) => chapter.map(() => comparable(all[at++])));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** retext-smartypants with its defaults, one paragraph at a time. */
export async function retextSmartypants(): Promise<Typesetter | string> {
  try {
    const { retext } = await import('retext');
    const { default: smartypants } = await import('retext-smartypants');
    const processor = retext().use(smartypants);
    return {
      name: 'retext-smartypants',
      async run(chapters) {
        return chapters.map((chapter) => chapter.map((paragraph) => comparable(String(processor.processSync(paragraph)))));
      },
    };
  } catch {
    return 'retext-smartypants not installed (npm install)';
  }
}
