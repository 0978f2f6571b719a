// Loads a build's story files on every core: cached ones from the cache, the rest read and typeset by this thread and worker threads side by side, gathered in story order.
import { Worker } from 'node:worker_threads';
import { codeFile, runningFromSource } from '../code-files.ts';
import type { Story } from '../story.ts';
import type { StoryOptions } from '../load-story.ts';
import type { CacheFolder } from '../cache/cache-folder.ts';
import { cachedStories, keepStories, loadStoriesHere, unpackCachedStory, type CachedStory } from '../cache/stories.ts';
import { unpackError, workerReady, type StoryJob, type StoryJobResult } from './story-jobs.ts';

export interface LoadAllOptions {
  /** The settings for one story file. */
  optionsFor(path: string): StoryOptions;
  cache?: CacheFolder;
  /**
   * Worker threads besides this one for the stories the cache lacks. Default 0: on the 2-core machine ficbind is
   * measured on, two busy threads take twice as long as one (the cores are not there to share), so a worker only adds
   * its start-up (300 stories: 2.6 s alone, 2.8 s with one worker, the worker reading a third of them); threads are
   * for machines with cores to spare, asked for with `--workers`.
   */
  workers?: number;
  /** Called as each file's stories are ready, with how many files are. */
  onLoaded?: (done: number, total: number) => void;
  /** Called with each file's stories as they are ready (in the order they are ready, not the files' order). */
  onStories?: (path: string, stories: Story[]) => void;
}

/** Stories each worker asked for must have, at least, to be worth starting (it loads the readers and the rules first). */
const storiesPerWorker = 12;

/** Stories a worker is given ahead, so that it has the next while this thread is busy with its own. */
const jobsInFlight = 4;

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
  const finish = (job: PendingJob, stories: Story[], cacheable: boolean, packed?: CachedStory[]) => {
    if (!cacheable) keys[job.id] = undefined;
    keepStories(options.cache, cacheable ? job.key : undefined, packed ?? stories);
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
    // A worker is given stories once it has loaded its readers and rules, a few at a time so that it never waits
    // for this thread, busy with its own, to hand it the next; a worker not ready before this thread has taken the
    // last story gets none.
    const inWorker = async (worker: StoryWorker) => {
      if (!(await Promise.race([worker.ready, finishedHere.then(() => false)]))) return;
      const inFlight = new Set<Promise<void>>();
      for (let job = take(); job; job = take()) {
        const running: Promise<void> = worker.run({ id: job.id, path: job.path, bytes: job.bytes, options: job.options }).then((result) => {
          inFlight.delete(running);
          if ('error' in result) failures.push({ index: job.id, error: unpackError(result.error) });
          else finish(job, result.stories.map(unpackCachedStory), !result.usedImages, result.stories);
        });
        inFlight.add(running);
        if (inFlight.size >= jobsInFlight) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
    };
    const finishedHere = here();
    await Promise.all([finishedHere, ...workers.map(inWorker)]);
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

/** One worker thread running ./story-worker: jobs posted to it are read in turn, each result matched to its job by id. */
class StoryWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (result: StoryJobResult) => void; reject: (error: unknown) => void }>();
  /** True once the worker has loaded its code; false if it stopped first. */
  readonly ready: Promise<boolean>;

  constructor() {
    this.worker = startWorker();
    let setReady: (ready: boolean) => void;
    this.ready = new Promise((resolve) => (setReady = resolve));
    this.worker.on('message', (message: StoryJobResult | typeof workerReady) => {
      if (message === workerReady) return setReady(true);
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      pending?.resolve(message);
    });
    const failAll = (error: unknown) => {
      setReady(false);
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    };
    this.worker.on('error', failAll);
    this.worker.on('exit', (code) => failAll(new Error(`a story worker stopped (exit code ${code})`)));
  }

  run(job: StoryJob): Promise<StoryJobResult> {
    return new Promise((resolve, reject) => {
      this.pending.set(job.id, { resolve, reject });
      this.worker.postMessage(job);
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
