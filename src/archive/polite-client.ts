// A polite HTTP client for archives: one request at a time per host with a delay between them, a clear User-Agent, retries on 429/503 honouring Retry-After, timeouts, whole bodies or an error.
import { version } from '../version.ts';
import { cookieHeaderFor, type Cookie } from './cookies.ts';

/** What the client needs of `fetch`: Node's built-in (undici) by default; tests pass their own. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** Time, injected so tests never sleep: `now()` in milliseconds, `sleep(ms)`. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((wake) => setTimeout(wake, ms)),
};

/** Seconds between two requests to one host, at least: AO3 asks tools to keep their rate low. */
export const minimumDelaySeconds = 5;
export const userAgent = `ficbind/${version} (+https://www.npmjs.com/package/ficbind)`;

export interface ClientOptions {
  fetch?: Fetch;
  clock?: Clock;
  /** Seconds between requests to one host; never less than `minimumDelaySeconds`. Default that minimum. */
  delaySeconds?: number;
  /** Milliseconds a request (headers and body) may take. Default 60 s. */
  timeoutMs?: number;
  /** Tries per request when the site answers 429 or 503. Default 4. */
  attempts?: number;
  /** Cookies from `--cookies FILE`, sent to the hosts they belong to. */
  cookies?: Cookie[];
  /** Largest body accepted. Default 64 MB (the largest story file ficbind reads). */
  maxBytes?: number;
}

/** What came back: the final status, address and whole body. Redirects are not followed: `location` says where. */
export interface FetchedPage {
  status: number;
  url: string;
  location?: string;
  body: Uint8Array;
  /** The `Retry-After` header of a 429 or 503 that was retried as often as allowed. */
  retryAfter?: string;
  text(): string;
}

/** The request failed in a way a user should hear about: no answer, a timeout, a body cut short. */
export class FetchFailed extends Error {
  constructor(readonly url: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The longest `Retry-After` waited for; a site asking more is told to the user instead. */
const longestWaitMs = 10 * 60_000;

export class PoliteClient {
  readonly delayMs: number;
  private readonly fetch: Fetch;
  private readonly clock: Clock;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly cookies: Cookie[];
  private readonly maxBytes: number;
  /** Per host: when its last request ended, and the queue of requests waiting for it. */
  private readonly hosts = new Map<string, { lastEnd?: number; queue: Promise<unknown> }>();

  constructor(options: ClientOptions = {}) {
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.clock = options.clock ?? systemClock;
    this.delayMs = Math.max(options.delaySeconds ?? minimumDelaySeconds, minimumDelaySeconds) * 1000;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.attempts = Math.max(1, options.attempts ?? 4);
    this.cookies = options.cookies ?? [];
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  /** GETs `url` after the host's previous request and its delay; retries 429 and 503. */
  get(url: string): Promise<FetchedPage> {
    const host = new URL(url).host;
    const slot = this.hosts.get(host) ?? { queue: Promise.resolve() };
    this.hosts.set(host, slot);
    const run = slot.queue.then(() => this.getWithRetries(url, slot));
    slot.queue = run.catch(() => undefined);
    return run;
  }

  private async getWithRetries(url: string, slot: { lastEnd?: number }): Promise<FetchedPage> {
    for (let attempt = 1; ; attempt++) {
      if (slot.lastEnd !== undefined) {
        const wait = slot.lastEnd + this.delayMs - this.clock.now();
        if (wait > 0) await this.clock.sleep(wait);
      }
      let page: FetchedPage;
      try {
        page = await this.getOnce(url);
      } finally {
        slot.lastEnd = this.clock.now();
      }
      if ((page.status !== 429 && page.status !== 503) || attempt >= this.attempts) return page;
      const asked = retryAfterMs(page.retryAfter, this.clock.now());
      const wait = Math.max(asked ?? 0, this.delayMs * 2 ** attempt);
      if (wait > longestWaitMs) {
        throw new FetchFailed(url, `the site is busy and asks to wait ${Math.ceil(wait / 60_000)} minutes; try again later`);
      }
      // The wait is counted from now; the host delay is already inside it.
      await this.clock.sleep(wait);
      slot.lastEnd = undefined;
    }
  }

  private async getOnce(url: string): Promise<FetchedPage> {
    const headers: Record<string, string> = { 'User-Agent': userAgent, Accept: 'text/html,application/xhtml+xml' };
    const cookie = cookieHeaderFor(this.cookies, new URL(url), this.clock.now());
    if (cookie) headers.Cookie = cookie;
    const signal = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    try {
      response = await this.fetch(url, { headers, redirect: 'manual', signal });
    } catch (error) {
      throw new FetchFailed(url, reasonOf(error, this.timeoutMs), { cause: error });
    }
    const body = await this.readBody(url, response);
    const location = response.headers.get('location') ?? undefined;
    return {
      status: response.status,
      url,
      location: location === undefined ? undefined : new URL(location, url).href,
      body,
      retryAfter: response.headers.get('retry-after') ?? undefined,
      text: () => new TextDecoder().decode(body),
    };
  }

  /** The whole body, or an error: one shorter than its Content-Length, or cut off, is never taken for a page. */
  private async readBody(url: string, response: Response): Promise<Uint8Array> {
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > this.maxBytes) throw new FetchFailed(url, `the page is larger than ${this.maxBytes / 1024 / 1024} MB`);
    const chunks: Uint8Array[] = [];
    let received = 0;
    try {
      const reader = response.body?.getReader();
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) break;
        received += chunk.value.byteLength;
        if (received > this.maxBytes) throw new FetchFailed(url, `the page is larger than ${this.maxBytes / 1024 / 1024} MB`);
        chunks.push(chunk.value);
      }
    } catch (error) {
      if (error instanceof FetchFailed) throw error;
      throw new FetchFailed(url, `the download was cut off after ${received.toLocaleString('en')} bytes (${reasonOf(error, this.timeoutMs)})`, { cause: error });
    }
    const encoded = response.headers.get('content-encoding');
    if (Number.isFinite(declared) && !encoded && received !== declared) {
      throw new FetchFailed(url, `the download was cut off: ${received.toLocaleString('en')} of ${declared.toLocaleString('en')} bytes`);
    }
    return Buffer.concat(chunks);
  }
}

/** `Retry-After` as milliseconds from `now`: seconds, or an HTTP date. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function reasonOf(error: unknown, timeoutMs: number): string {
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${Number((timeoutMs / 1000).toFixed(1))} s`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code === 'ECONNREFUSED') return 'the site refused the connection';
  if (cause?.code === 'ENOTFOUND') return 'no such host (are you online?)';
  return cause?.message ?? (error as Error)?.message ?? String(error);
}
