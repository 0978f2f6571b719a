// A small AO3 look-alike on 127.0.0.1 for the add and update tests: work pages, HTML downloads, series, consent, login, 404, 429, slow and cut-off answers. Markup written for these tests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeWork {
  title: string;
  author: string;
  /** One paragraph of text per chapter. */
  chapters: string[];
  updated: string;
  adult?: boolean;
  /** Only with the cookie `_otwarchive_session=let-me-in`. */
  locked?: boolean;
  deleted?: boolean;
  /** The download's Content-Length promises more than is sent, then the connection closes. */
  truncatedDownload?: boolean;
  /** The work page answers 429 with this Retry-After (seconds) this many times first. */
  busy?: { times: number; retryAfter: number };
  /** The work page answers after this many milliseconds. */
  slowMs?: number;
}

export interface SeenRequest {
  path: string;
  userAgent?: string;
  cookie?: string;
  /** The injected clock's time when the request arrived. */
  at: number;
}

export interface FakeArchive {
  origin: string;
  works: Map<string, FakeWork>;
  series: Map<string, { name: string; works: string[] }>;
  requests: SeenRequest[];
  close(): Promise<void>;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function stats(work: FakeWork): string {
  return `Published: 2023-01-05 Updated: ${work.updated} Words: ${work.chapters.join(' ').split(/\s+/).length} Chapters: ${work.chapters.length}/?`;
}

function workPage(id: string, work: FakeWork): string {
  const file = encodeURIComponent(work.title);
  return `<!DOCTYPE html><html><head><title>${escape(work.title)} - ${escape(work.author)} [Archive of Our Own]</title></head><body>
<div id="main" class="works-show region">
  <ul class="work navigation actions">
    <li class="download"><a href="#">Download</a>
      <ul class="expandable secondary"><li><a href="/downloads/${id}/${file}.epub?updated_at=17">EPUB</a></li><li><a href="/downloads/${id}/${file}.html?updated_at=17">HTML</a></li></ul>
    </li>
  </ul>
  <div class="wrapper"><dl class="work meta group">
    <dt class="rating tags">Rating:</dt><dd class="rating tags"><a class="tag" href="/tags/General">General Audiences</a></dd>
    <dt class="stats">Stats:</dt><dd class="stats"><dl class="stats">
      <dt class="published">Published:</dt><dd class="published">2023-01-05</dd>
      <dt class="status">Updated:</dt><dd class="status">${work.updated}</dd>
      <dt class="chapters">Chapters:</dt><dd class="chapters">${work.chapters.length}/?</dd>
    </dl></dd>
  </dl></div>
  <div id="workskin"><div class="preface group"><h2 class="title heading">${escape(work.title)}</h2><h3 class="byline heading"><a rel="author" href="/users/${escape(work.author)}">${escape(work.author)}</a></h3></div>
    <div id="chapters">${work.chapters.map((text, index) => `<div class="chapter" id="chapter-${index + 1}"><h3 class="title">Chapter ${index + 1}</h3><div class="userstuff module"><p>${escape(text)}</p></div></div>`).join('\n')}</div>
  </div>
</div></body></html>`;
}

function downloadPage(origin: string, id: string, work: FakeWork): string {
  return `<!DOCTYPE html><html><head><meta charset="UTF-8"/><title>${escape(work.title)} - ${escape(work.author)} [Archive of Our Own]</title></head><body>
<div id="preface">
  <p class="message"><b>${escape(work.title)}</b><br/>Posted originally on the <a href="${origin}/">Archive of Our Own</a> at <a href="${origin}/works/${id}">${origin}/works/${id}</a>.</p>
  <div class="meta"><dl class="tags">
    <dt>Rating:</dt><dd><a href="${origin}/tags/General">General Audiences</a></dd>
    <dt>Fandom:</dt><dd><a href="${origin}/tags/Harbor">Harbor Lights (TV)</a></dd>
    <dt>Stats:</dt><dd>${stats(work)}</dd>
  </dl>
  <h1>${escape(work.title)}</h1>
  <div class="byline">by <a rel="author" href="${origin}/users/${escape(work.author)}">${escape(work.author)}</a></div></div>
</div>
<div id="chapters" class="userstuff">
${work.chapters
  .map(
    (text, index) => `<div class="meta group"><h2 class="heading">Chapter ${index + 1}</h2></div>
<div class="userstuff"><p>${escape(text)}</p></div>`,
  )
  .join('\n')}
</div>
<div id="afterword"><p class="message">Please drop by the archive and comment to let the creator know if you enjoyed their work!</p></div>
</body></html>`;
}

function seriesPage(id: string, name: string, works: [string, FakeWork | undefined][]): string {
  return `<!DOCTYPE html><html><head><title>${escape(name)} - Series [Archive of Our Own]</title></head><body><div id="main" class="series-show region">
<h2 class="heading">${escape(name)}</h2>
<ul class="series work index group">${works
    .map(([workId, work]) => `<li id="work_${workId}" class="work blurb group" role="article"><div class="header module"><h4 class="heading"><a href="/works/${workId}">${escape(work?.title ?? 'Gone')}</a> by <a rel="author" href="/users/x">x</a></h4></div></li>`)
    .join('\n')}</ul></div></body></html>`;
}

const consentPage = `<!DOCTYPE html><html><head><title>Adult content [Archive of Our Own]</title></head><body><div id="main">
<p class="caution">This work could have adult content. If you continue, you have agreed that you are willing to see such content.</p>
<ul class="actions"><li><a href="?view_adult=true">Yes, Continue</a></li><li><a href="/">No, Go Back</a></li></ul></div></body></html>`;

export async function startFakeArchive(clock: { now(): number }): Promise<FakeArchive> {
  const works = new Map<string, FakeWork>();
  const series = new Map<string, { name: string; works: string[] }>();
  const requests: SeenRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const send = (response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), ...headers });
    response.end(body);
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', origin);
    requests.push({ path: url.pathname + url.search, userAgent: request.headers['user-agent'], cookie: request.headers.cookie, at: clock.now() });
    const workMatch = /^\/works\/(\d+)(?:\/chapters\/\d+)?$/.exec(url.pathname);
    const downloadMatch = /^\/downloads\/(\d+)\/[^/]+\.html$/.exec(url.pathname);
    const seriesMatch = /^\/series\/(\d+)$/.exec(url.pathname);
    const id = workMatch?.[1] ?? downloadMatch?.[1];
    const work = id === undefined ? undefined : works.get(id);
    if (seriesMatch && series.has(seriesMatch[1])) {
      const { name, works: ids } = series.get(seriesMatch[1])!;
      return send(response, 200, seriesPage(seriesMatch[1], name, ids.map((workId) => [workId, works.get(workId)])));
    }
    if (!work || work.deleted || id === undefined) return send(response, 404, '<html><body><h2>Error 404</h2><p>The page you were looking for doesn\'t exist.</p></body></html>');
    if (work.locked && !/_otwarchive_session=let-me-in/.test(request.headers.cookie ?? '')) {
      response.writeHead(302, { Location: `${origin}/users/login?restricted=true`, 'Content-Length': '0' });
      return response.end();
    }
    if (workMatch) {
      if (work.busy && work.busy.times > 0) {
        work.busy.times--;
        return send(response, 429, '<html><body>Retry later</body></html>', { 'Retry-After': String(work.busy.retryAfter) });
      }
      if (work.adult && url.searchParams.get('view_adult') !== 'true') return send(response, 200, consentPage);
      const answer = () => send(response, 200, workPage(id, work));
      if (work.slowMs) {
        const timer = setTimeout(answer, work.slowMs);
        timers.add(timer);
        response.on('close', () => clearTimeout(timer));
        return;
      }
      return answer();
    }
    const body = downloadPage(origin, id, work);
    if (work.truncatedDownload) {
      const bytes = Buffer.from(body);
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(bytes.byteLength) });
      response.write(bytes.subarray(0, Math.floor(bytes.byteLength / 2)));
      setImmediate(() => response.destroy());
      return;
    }
    send(response, 200, body);
  };

  const server = createServer(handle);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    works,
    series,
    requests,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}
