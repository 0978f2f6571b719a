// How long each format took to render in the project's last build, kept in the cache folder: the progress display's estimate of the time left.
import type { OutputFormat } from '../config.ts';
import { CacheFolder } from './cache-folder.ts';

interface RenderTiming {
  milliseconds: number;
  /** The book's words then: the estimate scales with them. */
  words: number;
}

type RenderTimings = Partial<Record<OutputFormat, RenderTiming>>;

/** The last build's render times, and a place for this build's; none without a cache folder. */
export class RenderClock {
  private readonly measured: RenderTimings = {};

  private constructor(
    private readonly cache: CacheFolder | undefined,
    private readonly key: string,
    private readonly last: RenderTimings,
    private readonly words: number,
  ) {}

  static async open(cache: CacheFolder | undefined, words: number): Promise<RenderClock> {
    const key = await CacheFolder.key('render timings');
    const last = (cache && (await cache.get<RenderTimings>('timings', key))) ?? {};
    return new RenderClock(cache, key, last, words);
  }

  /** About how long `format` will take, from the last build's time scaled by the words; undefined the first time. */
  expected(format: OutputFormat): number | undefined {
    const last = this.last[format];
    if (!last || last.words <= 0) return undefined;
    return Math.round(last.milliseconds * (this.words / last.words));
  }

  record(format: OutputFormat, milliseconds: number): void {
    this.measured[format] = { milliseconds, words: this.words };
  }

  /** Keeps this build's times (and the last build's for formats not made this time) for the next build. */
  keep(): void {
    this.cache?.set('timings', this.key, { ...this.last, ...this.measured });
  }
}
