// Fetching one AO3 work through the polite client: its page (past the consent page, or why not), and its full HTML download, checked whole.
import { ArchiveError } from '../errors.ts';
import { isAo3Document } from '../readers/ao3-html.ts';
import { isConsentPage, isLoginAddress, parsePage, readDownloadStats, readSeriesPage, readWorkPage, workAddress, workPageAddress, type WorkPage, type WorkStats } from './ao3.ts';
import { FetchFailed, type FetchedPage, type PoliteClient } from './polite-client.ts';

/** Why a work could not be fetched, for `update` to report per story (and `add` to stop on). */
export type WorkProblem = 'gone' | 'locked' | 'failed';

export class WorkUnavailable extends ArchiveError {
  constructor(readonly problem: WorkProblem, address: string, message: string, options?: { cause?: unknown }) {
    super(message, { file: address }, options);
  }
}

export const lockedMessage =
  'this work is only for logged-in AO3 users: log in with your browser, export its cookies as a cookies.txt file (Netscape format) and run again with --cookies FILE (ficbind never asks for your password)';

/** Follows at most this many redirects (AO3 sends /works/1/chapters/2 to the work, http to https). */
const maxRedirects = 5;

/** GET with redirects followed one polite request at a time; a redirect to the login page is a locked work. */
async function getFollowing(client: PoliteClient, url: string, address: string): Promise<FetchedPage> {
  let current = url;
  for (let hop = 0; ; hop++) {
    let page: FetchedPage;
    try {
      page = await client.get(current);
    } catch (error) {
      if (error instanceof FetchFailed) throw new WorkUnavailable('failed', address, error.message, { cause: error });
      throw error;
    }
    if (page.status < 300 || page.status >= 400 || !page.location) return page;
    if (isLoginAddress(page.location)) throw new WorkUnavailable('locked', address, lockedMessage);
    if (hop >= maxRedirects) throw new WorkUnavailable('failed', address, `more than ${maxRedirects} redirects`);
    current = page.location;
  }
}

function refuseStatus(page: FetchedPage, address: string): void {
  if (page.status === 200) return;
  if (page.status === 404 || page.status === 410) throw new WorkUnavailable('gone', address, `not found on the archive (HTTP ${page.status}): the work was deleted, hidden or made a draft`);
  if (page.status === 401 || page.status === 403) throw new WorkUnavailable('locked', address, lockedMessage);
  if (page.status === 429 || page.status === 503) {
    throw new WorkUnavailable('failed', address, `the archive is busy (HTTP ${page.status}) and still was after several tries with growing pauses; try again later`);
  }
  throw new WorkUnavailable('failed', address, `the archive answered HTTP ${page.status}`);
}

/** The work's page: title, stats and download link. A consent page that persists, a login redirect or a 404 is an error saying so. */
export async function fetchWorkPage(client: PoliteClient, origin: string, id: string): Promise<WorkPage> {
  const address = workAddress(origin, id);
  const page = await getFollowing(client, workPageAddress(origin, id), address);
  refuseStatus(page, address);
  const tree = parsePage(page.text());
  if (isConsentPage(tree)) throw new WorkUnavailable('failed', address, 'the archive still shows its adult-content notice after consent was given (view_adult=true); open the work in a browser to check it');
  const work = readWorkPage(tree, page.url);
  if (!work.downloadUrl) throw new WorkUnavailable('failed', address, 'the work page has no HTML download link (is this an AO3 work page?)');
  return work;
}

/** The full-work HTML download, checked to be a whole AO3 work with as many chapters as its page says. */
export async function downloadWork(client: PoliteClient, work: WorkPage, address: string): Promise<{ bytes: Uint8Array; stats: WorkStats }> {
  const page = await getFollowing(client, work.downloadUrl!, address);
  refuseStatus(page, address);
  const tree = parsePage(page.text());
  if (!isAo3Document(tree)) throw new WorkUnavailable('failed', address, `the download is not an AO3 work (${page.body.byteLength.toLocaleString('en')} bytes without its preface and text); nothing was saved`);
  const stats = readDownloadStats(tree);
  if (work.stats.chapters !== undefined && stats.chapters !== undefined && stats.chapters !== work.stats.chapters) {
    throw new WorkUnavailable('failed', address, `the download has ${stats.chapters} chapters but the work page says ${work.stats.chapters}; nothing was saved (try again later)`);
  }
  return { bytes: page.body, stats };
}

/** The works of a series in order, following its pages. */
export async function fetchSeriesWorks(client: PoliteClient, origin: string, id: string): Promise<{ name?: string; works: string[] }> {
  const address = `${origin}/series/${id}`;
  const works: string[] = [];
  let name: string | undefined;
  let next: string | undefined = address;
  for (let pages = 0; next && pages < 50; pages++) {
    const page = await getFollowing(client, next, address);
    refuseStatus(page, address);
    const series = readSeriesPage(parsePage(page.text()), page.url);
    name ??= series.name;
    for (const work of series.works) if (!works.includes(work)) works.push(work);
    next = series.next;
  }
  if (works.length === 0) throw new WorkUnavailable('failed', address, 'the series page lists no works');
  return { name, works };
}
