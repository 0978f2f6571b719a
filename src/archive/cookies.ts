// Netscape cookie files (what browser "cookies.txt" extensions export): read, and turned into a Cookie header for a host.
import { InputError } from '../errors.ts';

export interface Cookie {
  domain: string;
  /** Whether subdomains of `domain` get it too. */
  includeSubdomains: boolean;
  path: string;
  secure: boolean;
  /** Seconds since 1970; 0 for a session cookie. */
  expires: number;
  name: string;
  value: string;
}

/**
 * Seven tab-separated fields a line: domain, subdomains flag, path, secure flag, expiry, name, value. `#` lines are
 * comments, except `#HttpOnly_` which marks an HttpOnly cookie (curl's and the extensions' form). A malformed
 * line is an error naming the file and line.
 */
export function parseCookieFile(text: string, file: string): Cookie[] {
  const cookies: Cookie[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    let line = raw.trim();
    if (line.startsWith('#HttpOnly_')) line = line.slice('#HttpOnly_'.length);
    else if (line === '' || line.startsWith('#')) continue;
    const fields = line.split('\t');
    if (fields.length !== 7 || !/^\d+$/.test(fields[4])) {
      throw new InputError('not a Netscape cookie file line (expected 7 tab-separated fields: domain, subdomains, path, secure, expiry, name, value)', { file, line: index + 1 });
    }
    const [domain, subdomains, path, secure, expires, name, value] = fields;
    cookies.push({ domain: domain.replace(/^\./, '').toLowerCase(), includeSubdomains: subdomains.toUpperCase() === 'TRUE' || domain.startsWith('.'), path, secure: secure.toUpperCase() === 'TRUE', expires: Number(expires), name, value });
  }
  return cookies;
}

/** `name=value; …` of the cookies that go to `url` at `nowMs`, or undefined. */
export function cookieHeaderFor(cookies: readonly Cookie[], url: URL, nowMs: number): string | undefined {
  const host = url.hostname.toLowerCase();
  const matching = cookies.filter(
    (cookie) =>
      (host === cookie.domain || (cookie.includeSubdomains && host.endsWith(`.${cookie.domain}`))) &&
      url.pathname.startsWith(cookie.path) &&
      (!cookie.secure || url.protocol === 'https:' || host === '127.0.0.1' || host === 'localhost') &&
      (cookie.expires === 0 || cookie.expires * 1000 > nowMs),
  );
  return matching.length > 0 ? matching.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ') : undefined;
}
