// A real reading engine for the tests: foliate-js in Debian's Chromium (puppeteer-core), served from 127.0.0.1, reporting what a reader sees.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import type { TestContext } from 'node:test';
import { toolAvailable } from './external-tools.ts';

export const chromiumPath = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';
const foliateFolder = new URL('../../node_modules/foliate-js/', import.meta.url).pathname;

/** What the reader shows of one section (one XHTML document, or one KF8 part), read from the rendered page. */
export interface SectionView {
  index: number;
  /** The document's `lang` (or `xml:lang`). */
  language: string;
  /** Its visible text, whitespace collapsed. */
  text: string;
  /** Each scene break's ornament picture: loaded, drawn at a size, and not hidden. */
  ornaments: { alt: string; loaded: boolean; width: number; height: number; shown: boolean }[];
  /** Scene breaks drawn as text (a theme without an image): their text. */
  textOrnaments: string[];
  /** Paragraphs whose first line a stylesheet rule sets in small capitals (the rule's selector matches them). */
  smallCapsOpenings: number;
  /** Paragraphs whose first letter a stylesheet rule floats as a drop cap. */
  dropCaps: number;
  /** Link texts of the contents (`nav[epub:type=toc]`, or any `nav`), when the section is the contents page. */
  contents: string[];
}

export interface OpenedBook {
  /** Sections in reading order. */
  sections: number;
  /** The book's table of contents as the reader lists it (labels, nested ones flattened in order). */
  toc: string[];
  /** Renders section `index` and reports what it shows. */
  section(index: number): Promise<SectionView>;
  /** Every section, in reading order. */
  allSections(): Promise<SectionView[]>;
}

export interface Reader {
  open(bytes: Uint8Array, fileName: string): Promise<OpenedBook>;
  close(): Promise<void>;
}

/** Why the reader cannot run here, or undefined; a missing piece skips the test, or fails it when CI=true. */
export function readerAvailable(t: TestContext): boolean {
  const missing = !existsSync(chromiumPath)
    ? `Chromium is not at ${chromiumPath} (apt-get install chromium, or set PUPPETEER_EXECUTABLE_PATH)`
    : !existsSync(join(foliateFolder, 'view.js'))
      ? 'foliate-js is not installed (npm ci)'
      : undefined;
  return toolAvailable(t, missing);
}

/** The page foliate-js runs in: it opens a book given as a URL and describes the section it shows. */
const readerPage = `<!doctype html>
<html><head><meta charset="utf-8"><title>reader</title></head>
<body style="margin:0">
<script type="module">
import '/foliate/view.js';
const flatten = (items) => (items ?? []).flatMap((item) => [item.label?.trim() ?? '', ...flatten(item.subitems)]);
let view;
function smallCapsFirstLine(doc, element, pseudo, test) {
  for (const sheet of doc.styleSheets) {
    let rules;
    try { rules = sheet.cssRules; } catch { continue; }
    for (const rule of rules) {
      if (!rule.selectorText || !test(rule.style)) continue;
      for (const part of rule.selectorText.split(',')) {
        if (!new RegExp('::?' + pseudo + '\\\\s*$').test(part)) continue;
        const base = part.replace(new RegExp('::?' + pseudo + '\\\\s*$'), '').trim();
        try { if (element.matches(base)) return true; } catch {}
      }
    }
  }
  return false;
}
window.reader = {
  async open(url, name) {
    view?.close?.();
    document.body.querySelectorAll('foliate-view').forEach((old) => old.remove());
    const blob = await (await fetch(url)).blob();
    view = document.createElement('foliate-view');
    view.style.cssText = 'display:block;width:600px;height:800px';
    document.body.append(view);
    await view.open(new File([blob], name));
    return { sections: view.book.sections.length, toc: flatten(view.book.toc) };
  },
  async section(index) {
    await view.renderer.goTo({ index });
    const contents = view.renderer.getContents().find((content) => content.index === index) ?? view.renderer.getContents()[0];
    const doc = contents.doc;
    await Promise.all([...doc.images].map((image) => (image.complete ? null : image.decode().catch(() => null))));
    const win = doc.defaultView;
    const breaks = [...doc.querySelectorAll('.scene-break, [role=separator]')];
    const ornaments = breaks.flatMap((element) => [...element.querySelectorAll('img')]).map((image) => {
      const box = image.getBoundingClientRect();
      const style = win.getComputedStyle(image);
      return { alt: image.alt, loaded: image.complete && image.naturalWidth > 0, width: box.width, height: box.height, shown: style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0 };
    });
    const paragraphs = [...doc.querySelectorAll('p')];
    const nav = doc.querySelector('nav[epub\\\\:type~="toc"], nav#toc, nav') ;
    return {
      index,
      language: doc.documentElement.lang || doc.documentElement.getAttribute('xml:lang') || '',
      text: (doc.body?.innerText ?? '').replace(/\\s+/g, ' ').trim(),
      ornaments,
      textOrnaments: breaks.filter((element) => !element.querySelector('img')).map((element) => element.textContent.trim()),
      smallCapsOpenings: paragraphs.filter((p) => smallCapsFirstLine(doc, p, 'first-line', (style) => /small-caps/.test(style.fontVariant + ' ' + style.fontVariantCaps))).length,
      dropCaps: paragraphs.filter((p) => smallCapsFirstLine(doc, p, 'first-letter', (style) => style.float === 'left')).length,
      contents: nav ? [...nav.querySelectorAll('a')].map((a) => a.textContent.replace(/\\s+/g, ' ').trim()) : [],
    };
  },
};
window.readerReady = true;
</script>
</body></html>`;

const mediaTypes: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.css': 'text/css', '.json': 'application/json' };

/**
 * Starts a server on 127.0.0.1 (the page, foliate-js's files, the books opened) and Chromium, headless with a
 * fresh profile. Close it when done.
 */
export async function startReader(): Promise<Reader> {
  const books = new Map<string, Uint8Array>();
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
      if (path === '/') return send(response, 200, 'text/html', readerPage);
      if (path.startsWith('/books/')) {
        const bytes = books.get(path.slice('/books/'.length));
        return bytes ? send(response, 200, 'application/octet-stream', bytes) : send(response, 404, 'text/plain', 'no such book');
      }
      if (path.startsWith('/foliate/')) {
        const file = normalize(join(foliateFolder, path.slice('/foliate/'.length)));
        if (!file.startsWith(foliateFolder.replace(/\/$/, '') + sep)) return send(response, 403, 'text/plain', 'outside foliate-js');
        try {
          return send(response, 200, mediaTypes[extname(file)] ?? 'application/octet-stream', await readFile(file));
        } catch {
          return send(response, 404, 'text/plain', 'not found');
        }
      }
      send(response, 404, 'text/plain', 'not found');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const profile = await mkdtemp(join(tmpdir(), 'ficbind-reader-profile-'));
  const puppeteer = (await import('puppeteer-core')).default;
  const browser = await puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => {
    if (!isFoliateUnloadRace(error)) errors.push(String(error));
  });
  await page.goto(`${origin}/`);
  await page.waitForFunction('window.readerReady === true', { timeout: 20_000 });

  let opened = 0;
  return {
    async open(bytes, fileName) {
      opened += 1;
      const key = `${opened}/${encodeURIComponent(fileName)}`;
      books.set(key, bytes);
      const summary = (await page.evaluate((url: string, name: string) => (window as any).reader.open(url, name), `/books/${key}`, fileName)) as { sections: number; toc: string[] };
      const section = (index: number) => page.evaluate((i: number) => (window as any).reader.section(i), index) as Promise<SectionView>;
      return {
        ...summary,
        section,
        async allSections() {
          const views: SectionView[] = [];
          for (let index = 0; index < summary.sections; index++) views.push(await section(index));
          return views;
        },
      };
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(profile, { recursive: true, force: true });
      if (errors.length > 0) throw new Error(`The reader's page reported errors: ${errors.join('; ')}`);
    },
  };
}

/**
 * foliate-js's paginator restyles a section's document on a resize, and repaints its background in the next
 * animation frame, both of which can arrive after the next section has replaced it, when `doc.body` or the view
 * is already gone (seen under load in the full suite, never in what a test reads): `setStylesImportant` or the
 * background's `this.#view.docBackground` then throws. Every other page error fails the test file.
 */
function isFoliateUnloadRace(error: unknown): boolean {
  const stack = error instanceof Error ? (error.stack ?? '') : String(error);
  const goneDocument = /Cannot destructure property 'style' of 'el' as it is null/.test(stack) && /setStylesImportant|paginator\.js/.test(stack);
  const goneView = /Cannot read properties of null \(reading 'docBackground'\)/.test(stack);
  return goneDocument || goneView;
}

function send(response: import('node:http').ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}
