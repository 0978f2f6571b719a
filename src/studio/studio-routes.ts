// The studio's API: the page's requests turned into StudioProject changes, preview and book builds, downloads.
import type { ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { BuildProgress, BuildResult } from '../build.ts';
import { outputFormats, type OutputFormat } from '../config.ts';
import { addStories } from '../archive/index.ts';
import type { Clock, Fetch } from '../archive/polite-client.ts';
import { readBody, readJson, RequestError, send, sendJson, type Handler } from './http-server.ts';
import { uploadLimit } from './project-paths.ts';
import type { BookSettings, StudioProject } from './studio-project.ts';
import type { StoryFields } from './config-edits.ts';

/** What the routes need besides the project: the preview's state and file, builds, and the event stream. */
export interface StudioContext {
  project?: StudioProject;
  /** The newest preview: its build number, time and failure, and the EPUB's path. */
  preview(): { number: number; milliseconds?: number; error?: string; epub?: string };
  /** Builds the preview PDF (on request: a PDF takes seconds to lay out) and gives its path. */
  buildPreviewPdf?(): Promise<string>;
  /** Builds the project's books (the formats given) into its output folder, reporting progress. */
  buildBooks?(formats: OutputFormat[], onProgress: (progress: BuildProgress) => void): Promise<BuildResult>;
  broadcast(event: string, data: unknown): void;
  /** What adding from AO3 reaches the archive with. */
  archive?: { fetch?: Fetch; clock?: Clock };
  /** Where mounted e-readers are looked for (as `sendBooks` takes them). Default: /media, /run/media, /Volumes. */
  sendRoots?: readonly string[];
  /** Told after each change the page made (the preview rebuilds without waiting for the file watcher). */
  onChange?(): void;
  mode: 'studio' | 'watch';
}

export function studioRoutes(context: StudioContext): Handler {
  /** The last book build's files, by file name: the only files /api/download gives. */
  const downloads = new Map<string, string>();
  let building = false;
  let previewPdf: string | undefined;

  return async (request, response, url) => {
    const route = `${request.method} ${url.pathname}`;
    if (request.method !== 'GET' && route !== 'POST /api/build') {
      response.on('finish', () => {
        if (response.statusCode < 300) context.onChange?.();
      });
    }
    if (route === 'GET /preview.epub') {
      const epub = context.preview().epub;
      const bytes = epub && (await readFile(epub).catch(() => undefined));
      if (!bytes) return sendJson(response, 404, { error: 'no preview yet' });
      return send(response, 200, 'application/epub+zip', bytes);
    }
    if (route === 'GET /preview.pdf') {
      const bytes = previewPdf && (await readFile(previewPdf).catch(() => undefined));
      if (!bytes) return sendJson(response, 404, { error: 'no preview PDF yet' });
      return send(response, 200, 'application/pdf', bytes);
    }
    if (route === 'GET /api/status') return sendJson(response, 200, { mode: context.mode, preview: context.preview() });
    const project = context.project;
    // `watch --serve` has no project to edit: its page shows the preview alone.
    if (!project && route === 'GET /api/project') return sendJson(response, 200, { mode: context.mode, book: { title: 'ficbind watch' }, preview: context.preview() });
    if (!project || !url.pathname.startsWith('/api/')) return;
    switch (route) {
      case 'GET /api/project':
        return sendJson(response, 200, { ...(await project.state()), preview: context.preview(), mode: context.mode });
      case 'PUT /api/stories/order': {
        const { files } = await readJson<{ files: string[] }>(request);
        if (!Array.isArray(files) || !files.every((file) => typeof file === 'string')) throw new RequestError(400, 'expected { files: [...] }');
        await project.reorder(files);
        return ok(response);
      }
      case 'PUT /api/stories/meta': {
        const { file, fields } = await readJson<{ file: string; fields: StoryFields }>(request);
        await project.setStory(String(file), fieldsOf(fields));
        return ok(response);
      }
      case 'POST /api/stories/remove': {
        const { file } = await readJson<{ file: string }>(request);
        await project.removeStory(String(file));
        return ok(response);
      }
      case 'POST /api/stories/upload': {
        const name = url.searchParams.get('name') ?? '';
        const saved = await project.upload(name, await readBody(request, uploadLimit));
        return sendJson(response, 200, { file: saved });
      }
      case 'POST /api/stories/archive': {
        const { address } = await readJson<{ address: string }>(request);
        const added = await addStories([String(address)], { project: project.folder, cwd: project.folder, ...context.archive });
        return sendJson(response, 200, { stories: added.stories.map((story) => ({ file: basename(story.file), title: story.title })) });
      }
      case 'PUT /api/book': {
        const { settings } = await readJson<{ settings: BookSettings }>(request);
        await project.setBook(fieldsOf(settings ?? {}) as BookSettings);
        return ok(response);
      }
      case 'GET /api/typography':
        return sendJson(response, 200, { diagnostics: (await project.diagnostics()).map(({ path: _path, edit: _edit, ...shown }) => shown) });
      case 'POST /api/typography/accept': {
        const which = await readJson<{ file?: string; line?: number; column?: number; message?: string; rule?: string }>(request);
        const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
        const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
        const changed = await project.acceptSuggestions({ file: text(which.file), line: number(which.line), column: number(which.column), message: text(which.message), rule: text(which.rule) });
        return sendJson(response, 200, { changed });
      }
      case 'PUT /api/typography/rule': {
        const { rule, on } = await readJson<{ rule: string; on: boolean }>(request);
        await project.setRule(String(rule), on === true);
        return ok(response);
      }
      case 'POST /api/build':
        return startBuild(response, await readJson<{ formats: string[] }>(request));
    }
    if (route === 'POST /api/preview-pdf' && context.buildPreviewPdf) {
      previewPdf = await context.buildPreviewPdf();
      return sendJson(response, 200, { ok: true });
    }
    if (route === 'POST /api/send') {
      const { file } = await readJson<{ file: string }>(request);
      const path = downloads.get(String(file));
      if (!path) throw new RequestError(404, 'no such book: build it first');
      const { sendBooks } = await import('../send/index.ts');
      const warnings: string[] = [];
      const sent = await sendBooks([path], { searchRoots: context.sendRoots, onWarning: (message) => warnings.push(message) });
      return sendJson(response, 200, { device: sent.device.kind, books: sent.books.map((book) => ({ destination: book.destination, bytes: book.bytes })), warnings });
    }
    const cover = /^\/api\/cover\/([\w-]+)\.jpg$/.exec(url.pathname);
    if (request.method === 'GET' && cover) return send(response, 200, 'image/jpeg', await project.coverThumbnail(cover[1]));
    if (request.method === 'GET' && url.pathname.startsWith('/api/download/')) {
      const path = downloads.get(decodeURIComponent(url.pathname.slice('/api/download/'.length)));
      if (!path) return sendJson(response, 404, { error: 'no such book: build it first' });
      const bytes = await readFile(path);
      return send(response, 200, 'application/octet-stream', bytes, { 'Content-Disposition': `attachment; filename="${encodeURIComponent(basename(path))}"` });
    }
  };

  /** Answers at once; progress and the result come over the event stream (`build-progress`, `build-done`, `build-failed`). */
  function startBuild(response: ServerResponse, body: { formats: string[] }): void {
    const formats = (Array.isArray(body.formats) ? body.formats : []).filter((format): format is OutputFormat => (outputFormats as readonly string[]).includes(format));
    if (formats.length === 0) throw new RequestError(400, `choose formats among ${outputFormats.join(', ')}`);
    if (building || !context.buildBooks) throw new RequestError(409, 'a build is already running');
    building = true;
    sendJson(response, 202, { started: true });
    context
      .buildBooks(formats, (progress) => context.broadcast('build-progress', { ...progress, fraction: fractionOf(progress) }))
      .then((result) => {
        downloads.clear();
        for (const file of result.files) downloads.set(basename(file.path), file.path);
        context.broadcast('build-done', { files: result.files.map((file) => ({ name: basename(file.path), format: file.format, bytes: file.bytes })) });
      })
      .catch((error: unknown) => context.broadcast('build-failed', { error: errorText(error) }))
      .finally(() => {
        building = false;
      });
  }
}

/** How far a build is, 0 to 1: reading is most of the work, then each format, then checking and writing. */
export function fractionOf(progress: BuildProgress): number {
  const part = progress.total > 0 ? progress.done / progress.total : 1;
  if (progress.phase === 'read') return 0.6 * part;
  if (progress.phase === 'render') return 0.6 + 0.32 * part;
  if (progress.phase === 'check') return 0.92 + 0.05 * part;
  return 0.97 + 0.03 * part;
}

export function errorText(error: unknown): string {
  const described = (error as { describe?: () => string }).describe?.();
  return described ?? (error as Error).message ?? String(error);
}

/** Only text and lists of text reach anthology.yaml. */
function fieldsOf(fields: unknown): StoryFields {
  if (typeof fields !== 'object' || fields === null) throw new RequestError(400, 'expected { file, fields: {...} }');
  const result: Record<string, string | string[] | undefined> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string' || value === null) result[key] = value ?? undefined;
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) result[key] = value.map((item) => item.trim()).filter(Boolean);
    else throw new RequestError(400, `"${key}" must be text or a list of text`);
  }
  return result as StoryFields;
}

function ok(response: ServerResponse): void {
  sendJson(response, 200, { ok: true });
}

