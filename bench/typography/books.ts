// The novels of the typography development set (Standard Ebooks' CC0 editions of public-domain texts) and how their data is stored.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface BookData {
  /** Standard Ebooks' repository name, `author_title`. */
  repo: string;
  /** The commit the paragraphs were read from. */
  commit: string;
  /** Paragraphs, as proofread, per chapter file; chapters in reading order. */
  chapters: string[][];
}

/** Dialogue- and dialect-heavy novels: pirates and Scots, Yorkshire, Missouri, Lancashire, Nottinghamshire. */
export const books = [
  { repo: 'robert-louis-stevenson_treasure-island', short: 'Treasure Island' },
  { repo: 'robert-louis-stevenson_kidnapped', short: 'Kidnapped' },
  { repo: 'frances-hodgson-burnett_the-secret-garden', short: 'The Secret Garden' },
  { repo: 'mark-twain_the-adventures-of-huckleberry-finn', short: 'Huckleberry Finn' },
  { repo: 'elizabeth-gaskell_north-and-south', short: 'North and South' },
  { repo: 'd-h-lawrence_sons-and-lovers', short: 'Sons and Lovers' },
  { repo: 'emily-bronte_wuthering-heights', short: 'Wuthering Heights' },
] as const;

export function readBook(repo: string): BookData {
  return JSON.parse(gunzipSync(readFileSync(new URL(`data/${repo}.json.gz`, import.meta.url))).toString('utf8')) as BookData;
}
