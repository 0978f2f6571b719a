// Loads a build's story files on every core: cached ones from the cache, the rest read and typeset by this thread and worker threads side by side, gathered in story order.
import { Worker } from 'node:worker_threads';
import { codeFile, runningFromSource } from '../code-files.ts';
import type { Story } from '../story.ts';
import type { StoryOptions } from '../load-story.ts';
import type { CacheFolder } from '../cache/cache-folder.ts';
import { cachedStories, keepStories, loadStoriesHere, unpackStory } from '../cache/stories.ts';
import { unpackError, type StoryJob, type StoryJobResult } from './story-jobs.ts';

export interface LoadAllOptions {
  /** The settings for one story file. */
  optionsFor(path: string): StoryOptions;
  cache?: CacheFolder;
  /**
   * Worker threads besides this one for the stories the cache lacks. Default 0: on a 2-core machine a worker did not
   * repay its start-up and the copying of finished stories back (300 stories: 2.90 s alone, 3.25 s with one worker;
   * 3,000: 12.5 s against 14.3 s), so threads are for machines with cores to spare, asked for with `--workers`.
   */
  workers?: number;
  /** Called as each file's stories are ready, with how many files are. */
  onLoaded?: (done: number, total: number) => void;
  /** Called with each file's stories as they are ready (in the order they are ready, not the files' order). */
  onStories?: (path: string, stories: Story[]) => void;
}

/** Stories each worker asked for must have, at least, to be worth starting (it loads the readers and the rules first). */
const storiesPerWorker = 12;

/** How long reading stories holds the event loop before giving other work its turn. */
const yieldEveryMs = 10;

/** A story file the cache lacks, with the key its stories are kept under. */
interface PendingJob extends StoryJob {
  key?: string;
}

export interface LoadedStories {
  /** The stories of each file, in the files' order. */
  files: Story[][];
  /** Each file's cache key (its bytes and settings), when the cache is on and the file's stories depend on nothing else. */
  keys: (string | undefined)[];
  /** Whether each file's stories came from the cache (false: read and typeset by this build). */
  cached: boolean[];
}

/** The stories of each file, in the files' order: the same stories whichever thread read them. */
export async function loadAllStories(paths: readonly string[], options: LoadAllOptions): Promise<LoadedStories> {
  const results: Story[][] = new Array(paths.length);
  const keys: (string | undefined)[] = new Array(paths.length);
  const cached: boolean[] = new Array(paths.length).fill(false);
  let done = 0;
  const loaded = (index: number, stories: Story[]) => {
    results[index] = stories;
    options.onStories?.(paths[index], stories);
    options.onLoaded?.(++done, paths.length);
  };
  const jobs: PendingJob[] = [];
  for (const [index, path] of paths.entries()) {
    const storyOptions = options.optionsFor(path);
    const found = await cachedStories(path, storyOptions, options.cache);
    keys[index] = found.key;
    if (found.stories) {
      cached[index] = true;
      loaded(index, found.stories);
    }
    else jobs.push({ id: index, path, bytes: found.bytes, options: storyOptions, key: found.key });
  }
  if (jobs.length === 0) return { files: results, keys, cached };

  const workerCount = Math.min(options.workers ?? 0, Math.ceil(jobs.length / storiesPerWorker));
  const queue = jobs.values();
  const failures: { index: number; error: unknown }[] = [];
  const take = (): PendingJob | undefined => (failures.length > 0 ? undefined : queue.next().value);
  const finish = (job: PendingJob, stories: Story[], cacheable: boolean) => {
    if (!cacheable) keys[job.id] = undefined;
    keepStories(options.cache, cacheable ? job.key : undefined, stories);
    loaded(job.id, stories);
  };

  const here = async () => {
    let turn = performance.now();
    for (let job = take(); job; job = take()) {
      // A turn of the event loop now and then, so that work in other threads waiting on this one (the cover's
      // steps in sharp) goes on while the stories are read.
      if (performance.now() - turn > yieldEveryMs) {
        await new Promise(setImmediate);
        turn = performance.now();
      }
      try {
        const { stories, usedImages } = await loadStoriesHere(job.bytes, job.path, job.options);
        finish(job, stories, !usedImages);
      } catch (error) {
        failures.push({ index: job.id, error });
      }
    }
  };
  const workers = Array.from({ length: Math.max(0, Math.min(workerCount, jobs.length)) }, () => new StoryWorker());
  try {
    const inWorker = async (worker: StoryWorker) => {
      for (let job = take(); job; job = take()) {
        const result = await worker.run({ id: job.id, path: job.path, bytes: job.bytes, options: job.options });
        if ('error' in result) failures.push({ index: job.id, error: unpackError(result.error) });
        else finish(job, result.stories.map(unpackStory), !result.usedImages);
      }
    };
    await Promise.all([here(), ...workers.map(inWorker)]);
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
  // Jobs are taken in story order, so every story before the first failure was read: the earliest failure is always the same one.
  if (failures.length > 0) throw failures.sort((a, b) => a.index - b.index)[0].error;
  return { files: results, keys, cached };
}

/**
 * A thread running ./story-worker: the bundle's story-worker.js once compiled; this folder's story-worker.ts when
 * run from a checkout under tsx, whose loader Node 20 does not start in workers, so the thread registers it first.
 */
function startWorker(): Worker {
  if (!runningFromSource) return new Worker(codeFile('story-worker.js'));
  const url = codeFile('parallel/story-worker.ts');
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`, { eval: true });
}

/** One worker thread running ./story-worker, one job at a time. */
class StoryWorker {
  private readonly worker: Worker;
  private pending?: { resolve: (result: StoryJobResult) => void; reject: (error: unknown) => void };

  constructor() {
    this.worker = startWorker();
    this.worker.on('message', (result: StoryJobResult) => this.settle((pending) => pending.resolve(result)));
    this.worker.on('error', (error) => this.settle((pending) => pending.reject(error)));
    this.worker.on('exit', (code) => this.settle((pending) => pending.reject(new Error(`a story worker stopped (exit code ${code})`))));
  }

  run(job: StoryJob): Promise<StoryJobResult> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(job);
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }

  private settle(action: (pending: NonNullable<StoryWorker['pending']>) => void): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) action(pending);
  }
}
