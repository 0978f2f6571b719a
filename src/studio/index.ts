// `ficbind studio` and `ficbind watch` as library calls: a project served to its page with a preview that follows every change, or rebuilt on every change.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildAnthology, type BuildResult } from '../build.ts';
import { initProject } from '../init/index.ts';
import { configFileName, openProject } from '../project.ts';
import { startHttpServer } from './http-server.ts';
import { createRebuilder, type Rebuild } from './rebuilds.ts';
import { watchFolders } from './project-watcher.ts';
import { previewFolder, StudioProject } from './studio-project.ts';
import { errorText, studioRoutes } from './studio-routes.ts';
import type { Clock, Fetch } from '../archive/polite-client.ts';

export { StudioProject } from './studio-project.ts';

export interface StudioOptions {
  /** The project folder; one without anthology.yaml is made a project first (as `ficbind init` does). Default: the current folder. */
  folder?: string;
  /** 0 or absent for a free port. */
  port?: number;
  /** Warnings of the builds (a cover title shortened…). */
  onWarning?: (message: string) => void;
  /** Each preview build, when it ends. */
  onPreview?: (rebuild: Rebuild<BuildResult>) => void;
  /** What pasting an AO3 address reaches the archive with (as `addStories` takes them). Default: Node's fetch and real time. */
  archive?: { fetch?: Fetch; clock?: Clock };
  /** Where the Build tab looks for a mounted e-reader to send books to. Default: /media, /run/media, /Volumes. */
  sendRoots?: readonly string[];
}

export interface Studio {
  /** The address to open, with this run's token. */
  url: string;
  port: number;
  token: string;
  /** Whether the folder was made a project for the studio. */
  initialized: boolean;
  project: StudioProject;
  /** Resolves when the preview has caught up with every change so far. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the studio on 127.0.0.1 over the project in `folder`, building a first preview at once. */
export async function startStudio(options: StudioOptions = {}): Promise<Studio> {
  const folder = resolve(options.folder ?? '.');
  const initialized = !existsSync(join(folder, configFileName));
  if (initialized) await initProject(folder);
  const project = new StudioProject(join(folder, configFileName));
  const epub = join(previewFolder(project), 'preview.epub');
  let preview: { number: number; milliseconds?: number; error?: string; epub?: string } = { number: 0 };
  let broadcast: (event: string, data: unknown) => void = () => {};

  const rebuilder = createRebuilder(
    () => buildAnthology({ cwd: folder, config: project.configPath, out: epub, formats: ['epub'], onWarning: options.onWarning }),
    (rebuild) => {
      if (rebuild.result) project.lastBuild = rebuild.result;
      preview = { number: rebuild.number, milliseconds: Math.round(rebuild.milliseconds), error: rebuild.error === undefined ? undefined : errorText(rebuild.error), epub: rebuild.result ? epub : preview.epub };
      broadcast('preview', { number: preview.number, milliseconds: preview.milliseconds, error: preview.error });
      options.onPreview?.(rebuild);
    },
  );
  const output = (await project.config().catch(() => undefined))?.output;
  const stopWatching = await watchFolders([folder], () => rebuilder.request(), { ignore: [join(folder, 'out'), ...(output ? [output] : [])] });
  const server = await startHttpServer({
    port: options.port,
    handle: studioRoutes({
      project,
      mode: 'studio',
      preview: () => preview,
      broadcast: (event, data) => broadcast(event, data),
      onChange: () => rebuilder.request(),
      archive: options.archive,
      sendRoots: options.sendRoots,
      buildPreviewPdf: async () => {
        const pdf = join(previewFolder(project), 'pdf', 'preview.pdf');
        await buildAnthology({ cwd: folder, config: project.configPath, out: pdf, formats: ['pdf'], onWarning: options.onWarning });
        return pdf;
      },
      buildBooks: (formats, onProgress) => buildAnthology({ cwd: folder, config: project.configPath, formats, onProgress, onWarning: options.onWarning }),
    }),
  });
  broadcast = server.broadcast;
  rebuilder.request();
  return {
    url: server.url,
    port: server.port,
    token: server.token,
    initialized,
    project,
    settled: () => rebuilder.settled(),
    close: async () => {
      await stopWatching();
      rebuilder.close();
      await rebuilder.settled();
      await server.close();
    },
  };
}

export interface WatchOptions {
  /** The project folder (its anthology.yaml, or the nearest one above). Default: the current folder. */
  folder?: string;
  /** Also serve the built EPUB in the preview page on 127.0.0.1, reloaded after each build. */
  serve?: boolean;
  port?: number;
  onWarning?: (message: string) => void;
  /** Each build, when it ends. */
  onBuilt: (rebuild: Rebuild<BuildResult>) => void;
}

export interface Watcher {
  /** The preview page's address (with `serve`). */
  url?: string;
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** Builds the project now and again whenever a story, anthology.yaml, a theme or a cover template of it changes. */
export async function watchProject(options: WatchOptions): Promise<Watcher> {
  const folder = resolve(options.folder ?? '.');
  const project = await openProject({ cwd: folder });
  let last: BuildResult | undefined;
  let preview: { number: number; milliseconds?: number; error?: string; epub?: string } = { number: 0 };
  let broadcast: (event: string, data: unknown) => void = () => {};
  const formats = (project.config.formats ?? ['epub']).includes('epub') || !options.serve ? undefined : [...(project.config.formats ?? []), 'epub'];
  const rebuilder = createRebuilder(
    () => buildAnthology({ cwd: folder, formats, onWarning: options.onWarning }),
    (rebuild) => {
      if (rebuild.result) last = rebuild.result;
      const epub = last?.files.find((file) => file.format === 'epub')?.path;
      preview = { number: rebuild.number, milliseconds: Math.round(rebuild.milliseconds), error: rebuild.error === undefined ? undefined : errorText(rebuild.error), epub };
      broadcast('preview', { number: preview.number, milliseconds: preview.milliseconds, error: preview.error });
      options.onBuilt(rebuild);
    },
  );
  const watched = [project.folder, ...(project.input.startsWith(project.folder) ? [] : [project.input])];
  const output = project.config.output ?? join(folder, 'out');
  const stopWatching = await watchFolders(watched, () => rebuilder.request(), { ignore: [output] });
  const server = options.serve ? await startHttpServer({ port: options.port, handle: studioRoutes({ mode: 'watch', preview: () => preview, broadcast: (event, data) => broadcast(event, data) }) }) : undefined;
  if (server) broadcast = server.broadcast;
  rebuilder.request();
  return {
    url: server?.url,
    settled: () => rebuilder.settled(),
    close: async () => {
      await stopWatching();
      rebuilder.close();
      await rebuilder.settled();
      await server?.close();
    },
  };
}
