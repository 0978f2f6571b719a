// What ficbind knows of Archive of Our Own: its addresses, a work page's stats and download link, series pages, consent and login pages.
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import type { Root } from 'hast';
import { textOf } from '../readers/html-metadata.ts';

/** An AO3 address: a work (any chapter of it) or a series, on the host it was given with. */
export type ArchiveAddress = { kind: 'work'; origin: string; id: string } | { kind: 'series'; origin: string; id: string };

/**
 * `https://archiveofourown.org/works/123`, `/works/123/chapters/456`, `?view_full_work=true`, `/series/7`;
 * `http(s)` on any host with AO3's paths (its mirrors, a test server). Anything else: undefined.
 */
export function parseArchiveAddress(text: string): ArchiveAddress | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const path = url.pathname.replace(/\/+$/, '');
  const work = /^(?:\/collections\/[^/]+)?\/works\/(\d+)(?:\/chapters\/\d+)?$/.exec(path);
  if (work) return { kind: 'work', origin: url.origin, id: work[1] };
  const series = /^\/series\/(\d+)$/.exec(path);
  if (series) return { kind: 'series', origin: url.origin, id: series[1] };
  return undefined;
}

/** The address a work is known by in anthology.yaml's `source:`. */
export function workAddress(origin: string, id: string): string {
  return `${origin}/works/${id}`;
}

/** The whole work on one page, past the adult-content consent (`view_adult=true`). */
export function workPageAddress(origin: string, id: string): string {
  return `${origin}/works/${id}?view_adult=true&view_full_work=true`;
}

/** What a work's stats say: chapters written and planned (`?` when open), the last update (or first publication). */
export interface WorkStats {
  chapters?: number;
  plannedChapters?: number;
  updated?: string;
}

export interface WorkPage {
  title?: string;
  stats: WorkStats;
  /** The "Download → HTML" address, absolute. */
  downloadUrl?: string;
}

export function parsePage(html: string): Root {
  return fromHtml(html);
}

/** The adult-content interstitial ("This work could have adult content. If you continue…") instead of the work. */
export function isConsentPage(page: Root): boolean {
  const caution = select('p.caution, .caution', page);
  return Boolean(caution && /adult content/i.test(textOf(caution))) && !select('#workskin, #chapters', page);
}

/** Where AO3 sends visitors who may not see a work: its login page. */
export function isLoginAddress(location: string | undefined): boolean {
  return location !== undefined && /\/users\/login\b/.test(new URL(location).pathname);
}

/** The title, stats and HTML download link of a work page. */
export function readWorkPage(page: Root, pageUrl: string): WorkPage {
  const title = textOf(select('h2.title', page) ?? select('#workskin h2', page) ?? undefined) || undefined;
  const stats = statsFromText(textOf(select('dl.stats', page) ?? select('dd.stats', page) ?? undefined));
  const link = selectAll('li.download a[href], a[href*="/downloads/"]', page)
    .map((anchor) => String(anchor.properties.href))
    .find((href) => /\.html?$/i.test(new URL(href, pageUrl).pathname));
  return { title, stats, downloadUrl: link === undefined ? undefined : new URL(link, pageUrl).href };
}

/** The stats of a saved download (`#preface dl.tags`: "Published: … Updated: … Chapters: 12/14"). */
export function readDownloadStats(page: Root): WorkStats {
  return statsFromText(textOf(select('#preface dl.tags', page) ?? select('dl.tags', page) ?? undefined));
}

/** `Published: 2021-05-01 Updated: 2021-05-20 Words: 640 Chapters: 3/4`, spaced or not, as both pages print it. */
export function statsFromText(text: string): WorkStats {
  const stats: WorkStats = {};
  const chapters = /Chapters:\s*([\d,]+)\s*\/\s*([\d,]+|\?)/i.exec(text);
  if (chapters) {
    stats.chapters = Number(chapters[1].replace(/,/g, ''));
    if (chapters[2] !== '?') stats.plannedChapters = Number(chapters[2].replace(/,/g, ''));
  }
  const updated = /(?:Updated|Completed):\s*(\d{4}-\d{2}-\d{2})/i.exec(text) ?? /Published:\s*(\d{4}-\d{2}-\d{2})/i.exec(text);
  if (updated) stats.updated = updated[1];
  return stats;
}

/** A series page: its name, its works' addresses in order, and the next page of a long series. */
export function readSeriesPage(page: Root, pageUrl: string): { name?: string; works: string[]; next?: string } {
  const name = textOf(select('#main h2.heading', page) ?? select('h2.heading', page) ?? undefined) || undefined;
  const works: string[] = [];
  for (const anchor of selectAll('ul.series li.work h4.heading a[href], li.work h4.heading a[href]', page)) {
    const address = parseArchiveAddress(new URL(String(anchor.properties.href), pageUrl).href);
    if (address?.kind === 'work' && !works.includes(workAddress(address.origin, address.id))) works.push(workAddress(address.origin, address.id));
  }
  const next = select('ol.pagination a[rel~=next], li.next a[href]', page);
  return { name, works, next: next ? new URL(String(next.properties.href), pageUrl).href : undefined };
}
