// The studio's HTTP layer on node:http: loopback only, every request through the token/Host/Origin gate, the page and its packaged scripts, JSON and server-sent events.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, sep } from 'node:path';
import { FicbindError } from '../errors.ts';
import { OutsideProject } from './project-paths.ts';
import { newToken, refusalOf, tokenCookieHeader } from './request-gate.ts';
import { packageFolder } from '../code-files.ts';

/** The page's own files (HTML, scripts, styles), shipped in the package's `studio/` folder. */
export const pageFolder = join(packageFolder, 'studio') + sep;

const require = createRequire(import.meta.url);
/** The packages the page runs on, served from node_modules so nothing is fetched from elsewhere at run time. */
const vendorFiles: Record<string, string> = {
  'preact.mjs': require.resolve('preact').replace(/preact\.js$/, 'preact.mjs'),
  'preact-hooks.mjs': join(dirname(require.resolve('preact/hooks')), 'hooks.mjs'),
  'htm.mjs': join(dirname(require.resolve('htm')), 'htm.module.js'),
};
const foliateFolder = dirname(require.resolve('foliate-js/view.js'));

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

export type Handler = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void>;

export interface HttpOptions {
  /** 0 (default) for a free port. */
  port?: number;
  /** Answers `/api/…` and `/preview.epub`; anything it does not answer is a 404. */
  handle: Handler;
}

export interface RunningServer {
  server: Server;
  port: number;
  token: string;
  /** The address to open, token included. */
  url: string;
  /** Sends an event to every open `/api/events` stream. */
  broadcast(event: string, data: unknown): void;
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpOptions): Promise<RunningServer> {
  const token = newToken();
  const streams = new Set<ServerResponse>();
  const page = await readFile(join(pageFolder, 'index.html'), 'utf8');
  const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
  const policy = contentSecurityPolicy(createHash('sha256').update(importMap).digest('base64'));
  let port = 0;

  const server = createServer(async (request, response) => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cache-Control', 'no-store');
    const refusal = refusalOf(request, token, port);
    if (refusal) return sendText(response, refusal.status, refusal.reason);
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    response.setHeader('Set-Cookie', tokenCookieHeader(token, port));
    try {
      if (request.method === 'GET' && url.pathname === '/') {
        // The token leaves the address bar (and history) once the cookie holds it.
        if (url.searchParams.has('token')) return redirect(response, '/' + withoutToken(url.search));
        response.setHeader('Content-Security-Policy', policy);
        return send(response, 200, contentTypes['.html'], page);
      }
      if (request.method === 'GET' && url.pathname === '/api/events') return openStream(response, streams);
      if (request.method === 'GET' && (await serveStatic(response, url.pathname))) return;
      await options.handle(request, response, url);
      if (!response.headersSent) sendText(response, 404, 'not found');
    } catch (error) {
      if (response.headersSent) return void response.end();
      if (error instanceof OutsideProject) return sendJson(response, 403, { error: error.message });
      if (error instanceof FicbindError) return sendJson(response, 400, { error: error.describe() });
      if (error instanceof RequestError) return sendJson(response, error.status, { error: error.message });
      sendJson(response, 500, { error: `internal error: ${(error as Error).message}` });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  const keepAlive = setInterval(() => {
    for (const stream of streams) stream.write(': keep-alive\n\n');
  }, 15_000);
  keepAlive.unref();
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    broadcast(event, data) {
      const message = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      for (const stream of streams) stream.write(message);
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(keepAlive);
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Scripts only from the server (and the import map by its hash), no plug-ins, no framing, no form posts elsewhere; the EPUB's pages (blob: frames) may use their own styles, fonts and pictures. */
function contentSecurityPolicy(importMapHash: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'sha256-${importMapHash}'`,
    "style-src 'self' 'unsafe-inline' blob:",
    "img-src 'self' blob: data:",
    "font-src 'self' blob: data:",
    "connect-src 'self'",
    "frame-src 'self' blob:",
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function withoutToken(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('token');
  const rest = params.toString();
  return rest ? `?${rest}` : '';
}

/** The page's files (`/app/…`), its packages (`/vendor/…`) and foliate-js (`/foliate/…`); true when it answered. */
async function serveStatic(response: ServerResponse, pathname: string): Promise<boolean> {
  const [, area, ...rest] = pathname.split('/');
  // Only plain names: no `..`, no encoded separators, nothing hidden.
  if (rest.length === 0 || rest.some((part) => !/^[\w-][\w.-]*$/.test(part) || part.includes('..'))) return false;
  let file: string | undefined;
  if (area === 'app' && rest.length === 1) file = join(pageFolder, rest[0]);
  else if (area === 'vendor' && rest.length === 1) file = vendorFiles[rest[0]];
  else if (area === 'foliate') file = join(foliateFolder, ...rest);
  if (!file || !contentTypes[extname(file)]) return false;
  const bytes = await readFile(file).catch(() => undefined);
  if (!bytes) return false;
  send(response, 200, contentTypes[extname(file)], bytes);
  return true;
}

function openStream(response: ServerResponse, streams: Set<ServerResponse>): void {
  response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
  response.write(': connected\n\n');
  streams.add(response);
  response.on('close', () => streams.delete(response));
}

/** A refusal the handler throws: its status and message go back as JSON. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The request's body, refused past `limit` bytes. */
export async function readBody(request: IncomingMessage, limit: number): Promise<Uint8Array> {
  if (Number(request.headers['content-length'] ?? 0) > limit) throw new RequestError(413, `refused: larger than ${Math.round(limit / 1024 / 1024)} MB`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).byteLength;
    if (size > limit) throw new RequestError(413, `refused: larger than ${Math.round(limit / 1024 / 1024)} MB`);
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** A JSON body (sent as application/json, which another site's form cannot send), at most 1 MB. */
export async function readJson<T>(request: IncomingMessage): Promise<T> {
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) throw new RequestError(415, 'expected application/json');
  try {
    return JSON.parse(new TextDecoder().decode(await readBody(request, 1024 * 1024))) as T;
  } catch (error) {
    if (error instanceof RequestError) throw error;
    throw new RequestError(400, 'expected a JSON body');
  }
}

export function send(response: ServerResponse, status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': type, ...headers });
  response.end(body);
}

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function sendText(response: ServerResponse, status: number, text: string): void {
  send(response, status, 'text/plain; charset=utf-8', text + '\n');
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(303, { Location: location });
  response.end();
}

