// Builds the typography development set: paragraphs of Standard Ebooks' proofread novels, read from their fetched git repositories, normalized and gzipped under bench/typography/data/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Nodes } from 'hast';
import { books, type BookData } from './books.ts';
import { normalize } from './normalize.ts';

const usage = `Usage: tsx bench/typography/extract.ts MIRROR_DIR

Reads each book of bench/typography/books.ts from MIRROR_DIR/standardebooks+<repo>/repo (a git directory, as
the search tool's fetch leaves it), takes every <p> of the text files under src/epub/text/ (front and back matter
left out), and writes bench/typography/data/<repo>.json.gz.`;

/** Files that are not the author's prose. */
const notProse = /^(colophon|imprint|titlepage|halftitlepage|uncopyright|toc|loi|dedication|epigraph|endnotes|glossary|acknowledgments)/;

function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' && node.tagName === 'br') return '\n';
  if (node.type === 'element' && node.tagName === 'a' && (node.properties.dataNoteref !== undefined || String(node.properties.id ?? '').startsWith('noteref'))) return '';
  if ('children' in node) return node.children.map((child) => textOf(child as Nodes)).join('');
  return '';
}

function paragraphsOf(html: string): string[] {
  const found: string[] = [];
  const walk = (node: Nodes, inTitle: boolean) => {
    if (node.type === 'element') {
      const element = node as Element;
      const title = inTitle || element.tagName === 'hgroup' || element.tagName === 'header' || /^h[1-6]$/.test(element.tagName);
      if (element.tagName === 'p' && !title) {
        const text = normalize(textOf(element));
        if (text) found.push(text);
        return;
      }
      for (const child of element.children) walk(child as Nodes, title);
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes, inTitle);
  };
  walk(fromHtml(html), false);
  return found;
}

const git = (dir: string, ...args: string[]) => execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });

function extractBook(mirror: string, repo: string): BookData {
  const dir = `${mirror}/standardebooks+${repo}/repo`;
  const commit = git(dir, 'rev-parse', 'HEAD').trim();
  const spine = git(dir, 'show', 'HEAD:src/epub/content.opf');
  const items = new Map([...spine.matchAll(/<item href="text\/([^"]+)" id="([^"]+)"/g)].map((match) => [match[2], match[1]]));
  const order = [...spine.matchAll(/<itemref idref="([^"]+)"/g)].map((match) => items.get(match[1])).filter((name): name is string => !!name);
  const chapters = order
    .filter((name) => !notProse.test(name))
    .map((name) => paragraphsOf(git(dir, 'show', `HEAD:src/epub/text/${name}`)))
    .filter((chapter) => chapter.length > 0);
  return { repo, commit, chapters };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const mirror = process.argv[2];
  if (!mirror || mirror === '--help') {
    process.stderr.write(`${usage}\n`);
    process.exitCode = mirror ? 0 : 2;
  } else {
    const out = fileURLToPath(new URL('data/', import.meta.url));
    mkdirSync(out, { recursive: true });
    for (const { repo } of books) {
      const book = extractBook(mirror, repo);
      writeFileSync(`${out}${repo}.json.gz`, gzipSync(JSON.stringify(book), { level: 9 }));
      process.stderr.write(`${repo}: ${book.chapters.reduce((sum, chapter) => sum + chapter.length, 0)} paragraphs\n`);
    }
  }
}
