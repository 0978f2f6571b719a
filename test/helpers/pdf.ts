// Reads facts back from a PDF with poppler (pdfinfo, pdffonts, pdftotext, pdfimages) and qpdf, as a reader would see them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandMissing, run } from './external-tools.ts';

/** Why the PDF tools cannot run here (install with `apt-get install -y poppler-utils qpdf`), or undefined. */
export async function pdfToolsMissing(): Promise<string | undefined> {
  for (const [command, args] of [['pdfinfo', ['-v']], ['pdffonts', ['-v']], ['pdftotext', ['-v']], ['pdfimages', ['-v']], ['qpdf', ['--version']]] as const) {
    const missing = await commandMissing(command, [...args]);
    if (missing) return `${missing} (apt-get install -y poppler-utils qpdf)`;
  }
  return undefined;
}

/** Runs `tool` on the PDF bytes, saved to a temporary file. */
async function withPdf(pdf: Uint8Array, tool: string, args: (path: string) => string[]): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'ficbind-pdf-'));
  const path = join(directory, 'book.pdf');
  try {
    await writeFile(path, pdf);
    const { stdout } = await run(tool, args(path), { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

export interface PdfInfo {
  title?: string;
  author?: string;
  pages: number;
  /** Every page's size in points, rounded to 0.01. */
  pageSizes: { width: number; height: number }[];
  fields: Record<string, string>;
}

export async function pdfInfo(pdf: Uint8Array): Promise<PdfInfo> {
  const output = await withPdf(pdf, 'pdfinfo', (path) => ['-f', '1', '-l', '100000', path]);
  const fields: Record<string, string> = {};
  const pageSizes: PdfInfo['pageSizes'] = [];
  for (const line of output.split('\n')) {
    const size = /^Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts/.exec(line);
    if (size) {
      pageSizes.push({ width: round(Number(size[1])), height: round(Number(size[2])) });
      continue;
    }
    const field = /^([^:]+):\s*(.*)$/.exec(line);
    if (field) fields[field[1].trim()] = field[2].trim();
  }
  return { title: fields.Title, author: fields.Author, pages: Number(fields.Pages), pageSizes, fields };
}

export interface PdfFontRow {
  name: string;
  type: string;
  embedded: boolean;
}

export async function pdfFonts(pdf: Uint8Array): Promise<PdfFontRow[]> {
  const output = await withPdf(pdf, 'pdffonts', (path) => [path]);
  // Columns after the name: type (may hold spaces), encoding, emb, sub, uni, object id, generation.
  return output
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      const match = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line);
      if (!match) throw new Error(`Unexpected pdffonts line: ${line}`);
      return { name: match[1], type: match[2], embedded: match[4] === 'yes' };
    });
}

/** The text of the PDF (or of pages `first`…`last`, from 1). `raw` keeps content order and line-end hyphens. */
export async function pdfText(pdf: Uint8Array, options: { first?: number; last?: number; raw?: boolean } = {}): Promise<string> {
  const args = [...(options.raw ? ['-raw'] : []), ...(options.first ? ['-f', String(options.first)] : []), ...(options.last ? ['-l', String(options.last)] : [])];
  return withPdf(pdf, 'pdftotext', (path) => [...args, '-enc', 'UTF-8', path, '-']);
}

/** One string per page, split at form feeds. */
export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const pages = (await pdfText(pdf, { raw: true })).split('\f');
  if (pages[pages.length - 1].trim() === '') pages.pop();
  return pages;
}

/** Lines that end in a hyphen (poppler reports Typst's hyphenation as U+00AD) followed by more of the word. */
export function hyphenatedLineEnds(text: string): string[] {
  const lines = text.split('\n');
  return lines.filter((line, index) => /\p{L}[\u00ad-]$/u.test(line) && /^\p{Ll}/u.test(lines[index + 1] ?? ''));
}

export interface OutlineEntry {
  title: string;
  /** Physical page, from 1. */
  page: number;
  children: OutlineEntry[];
}

interface QpdfOutline {
  title: string;
  destpageposfrom1: number;
  kids: QpdfOutline[];
}

/** The PDF's bookmarks, from `qpdf --json`. */
export async function pdfOutline(pdf: Uint8Array): Promise<OutlineEntry[]> {
  const output = await withPdf(pdf, 'qpdf', (path) => ['--json', '--json-key=outlines', path]);
  const convert = (entry: QpdfOutline): OutlineEntry => ({ title: entry.title, page: entry.destpageposfrom1, children: entry.kids.map(convert) });
  return (JSON.parse(output) as { outlines: QpdfOutline[] }).outlines.map(convert);
}

/** The label a viewer shows for each page (`i`, `ii`, `1`, `2`…), from the PDF's /PageLabels through `qpdf --json`. */
export async function pdfPageLabels(pdf: Uint8Array): Promise<string[]> {
  const output = await withPdf(pdf, 'qpdf', (path) => ['--json', '--json-key=pagelabels', '--json-key=pages', path]);
  const { pagelabels, pages } = JSON.parse(output) as { pagelabels: { index: number; label: Record<string, string | number> }[]; pages: unknown[] };
  const roman = (value: number) =>
    [['m', 1000], ['cm', 900], ['d', 500], ['cd', 400], ['c', 100], ['xc', 90], ['l', 50], ['xl', 40], ['x', 10], ['ix', 9], ['v', 5], ['iv', 4], ['i', 1]].reduce(
      (text, [digits, amount]) => {
        while (value >= (amount as number)) (text += digits), (value -= amount as number);
        return text;
      },
      '',
    );
  return pages.map((_, index) => {
    const range = [...pagelabels].reverse().find((entry) => entry.index <= index);
    if (!range) return String(index + 1);
    const value = Number(range.label['/St'] ?? 1) + index - range.index;
    const style = range.label['/S'];
    return `${range.label['/P'] ?? ''}${style === '/r' ? roman(value) : style === '/R' ? roman(value).toUpperCase() : style === '/D' ? String(value) : ''}`;
  });
}

/** The document catalog's /Lang, from `qpdf --json`. */
export async function pdfLanguage(pdf: Uint8Array): Promise<string | undefined> {
  const output = await withPdf(pdf, 'qpdf', (path) => ['--json', '--json-key=qpdf', path]);
  const [, objects] = (JSON.parse(output) as { qpdf: [unknown, Record<string, { value: Record<string, unknown> }>] }).qpdf;
  const root = objects[`obj:${objects.trailer.value['/Root'] as string}`].value;
  const lang = root['/Lang'];
  return typeof lang === 'string' ? lang.replace(/^u:/, '') : undefined;
}

/** Images per page (from 1), from `pdfimages -list`. */
export async function pdfImagePages(pdf: Uint8Array): Promise<number[]> {
  const output = await withPdf(pdf, 'pdfimages', (path) => ['-list', path]);
  return output
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

export interface PdfImageRow {
  page: number;
  /** `image`, or `smask` for a picture's transparency. */
  type: string;
  width: number;
  height: number;
  /** Pixels per inch as drawn: how large the picture is on the page. */
  xPpi: number;
}

/** Every image drawn, one row per drawing, from `pdfimages -list`. */
export async function pdfImages(pdf: Uint8Array): Promise<PdfImageRow[]> {
  const output = await withPdf(pdf, 'pdfimages', (path) => ['-list', path]);
  return output
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      const [page, , type, width, height, , , , , , , , xPpi] = line.trim().split(/\s+/);
      return { page: Number(page), type, width: Number(width), height: Number(height), xPpi: Number(xPpi) };
    });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
