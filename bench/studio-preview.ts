// The studio's edit → preview figure: a one-story edit (a title, as the page saves it) until the preview EPUB built with it is written, on the sample anthology in seeds/.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './measure.ts';

export interface StudioPreviewFigure {
  stories: number;
  /** Seconds from each edit to its preview EPUB. */
  runs: number[];
  median: number;
}

export async function measureStudioPreview(repoRoot: string, runs: number, log: (message: string) => void): Promise<StudioPreviewFigure> {
  const { startStudio } = await import('../src/studio/index.ts');
  const folder = await mkdtemp(join(tmpdir(), 'ficbind-bench-studio-'));
  await cp(join(repoRoot, 'seeds'), folder, { recursive: true });
  let waiting: { title: string; resolve(ok: boolean): void } | undefined;
  // Only the build that holds the new title counts (a build already under way when the edit is saved does not).
  const studio = await startStudio({
    folder,
    onPreview: (rebuild) => {
      if (rebuild.error !== undefined) waiting?.resolve(false);
      else if (rebuild.result?.anthology.stories.some((story) => story.meta.title === waiting?.title)) waiting?.resolve(true);
    },
  });
  try {
    log('studio: first preview (cold)…');
    await studio.settled();
    const seconds: number[] = [];
    for (let run = 1; run <= runs; run++) {
      const title = `Salt and Static ${run}`;
      const built = new Promise<boolean>((resolve) => (waiting = { title, resolve }));
      const started = performance.now();
      await studio.project.setStory('03-salt-and-static.txt', { title });
      // The page's save also asks for the rebuild at once; the file watcher would too, a moment later.
      if (!(await built)) throw new Error('the preview build failed');
      seconds.push((performance.now() - started) / 1000);
      log(`studio: edit → preview ${run}/${runs}: ${seconds.at(-1)!.toFixed(2)} s`);
      await studio.settled();
    }
    return { stories: studio.project.lastBuild?.anthology.stories.length ?? 0, runs: seconds, median: median(seconds) };
  } finally {
    await studio.close();
    await rm(folder, { recursive: true, force: true });
  }
}

export function formatStudioPreview(figure: StudioPreviewFigure): string {
  return `Studio: a one-story edit to its preview EPUB on the sample anthology (${figure.stories} stories): median ${figure.median.toFixed(2)} s of ${figure.runs.length} (${figure.runs.map((value) => value.toFixed(2)).join(', ')})`;
}
