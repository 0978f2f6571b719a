// The studio server's door: a request passes only with the run's secret token, a loopback Host of this port and no foreign Origin (against CSRF and DNS rebinding).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The cookie that carries the token after the first good request, so the page's own requests need not repeat it.
 * Named by port: cookies ignore ports, and two studios (or a studio and `watch --serve`) must not overwrite each other's.
 */
export function tokenCookie(port: number): string {
  return `ficbind-studio-${port}`;
}
export const tokenHeader = 'x-ficbind-token';

/** A fresh secret for one run of the server: 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface Refusal {
  status: 403 | 421;
  reason: string;
}

/** Why the request is refused, or undefined when it may go on. */
export function refusalOf(request: IncomingMessage, token: string, port: number): Refusal | undefined {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!hosts.includes(request.headers.host ?? '')) return { status: 421, reason: `Host must be 127.0.0.1:${port} or localhost:${port}` };
  const origin = request.headers.origin;
  if (origin !== undefined && !hosts.some((host) => origin === `http://${host}`)) return { status: 403, reason: 'requests from other sites are refused' };
  // Browsers say where a request comes from; a page of another port on this machine is "same-site", not "same-origin".
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return { status: 403, reason: 'requests from other sites are refused' };
  if (!sameSecret(tokenOf(request, port), token)) return { status: 403, reason: 'missing or wrong token: open the address the studio printed' };
  return undefined;
}

/** The token of the address (`?token=`), of the header, or of the cookie. */
export function tokenOf(request: IncomingMessage, port: number): string | undefined {
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token');
  if (query) return query;
  const header = request.headers[tokenHeader];
  if (typeof header === 'string') return header;
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === tokenCookie(port)) return value.join('=');
  }
  return undefined;
}

function sameSecret(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const [a, b] = [Buffer.from(given), Buffer.from(token)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The cookie set on a good request: HTTP-only, sent only by this site's own pages. */
export function tokenCookieHeader(token: string, port: number): string {
  return `${tokenCookie(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
