// A worker thread that reads and typesets stories for a build's other threads: bytes in, packed stories (or the error) out.
import { parentPort } from 'node:worker_threads';
import { loadStoriesFromBytes, type StoryOptions } from '../load-story.ts';
import { folderImageSource } from '../readers/html-images.ts';
import { packCachedStory, watchedImages } from '../cache/stories.ts';
import { packError, workerReady, type StoryJob, type StoryJobResult } from './story-jobs.ts';

parentPort?.on('message', async (job: StoryJob) => {
  let result: StoryJobResult;
  try {
    const images = watchedImages(folderImageSource(job.path));
    const stories = await loadStoriesFromBytes(job.bytes, job.path, job.options as StoryOptions, images);
    result = { id: job.id, stories: stories.map(packCachedStory), usedImages: images.used };
  } catch (error) {
    result = { id: job.id, error: packError(error) };
  }
  parentPort!.postMessage(result);
});
parentPort?.postMessage(workerReady);
