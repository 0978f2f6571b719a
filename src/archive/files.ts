// The file system as `add` and `update` use it, injectable: read a story, write one whole or not at all, list a folder's stories.
import { readFile } from 'node:fs/promises';
import { createFileAtomic, writeFileAtomic } from '../atomic-write.ts';
import { storyFilesIn } from '../project.ts';

export interface ArchiveFiles {
  /** The file's bytes, or undefined when there is none. */
  read(path: string): Promise<Uint8Array | undefined>;
  /** Replaces `path` whole (a temp file, synced, renamed over it); on failure the old file stays. */
  replace(path: string, data: Uint8Array | string): Promise<void>;
  /** Creates `path` whole, never over an existing file (an OutputError "already exists"). */
  create(path: string, data: Uint8Array | string): Promise<void>;
  /** The story files a build would read in `folder`, in its order. */
  storiesIn(folder: string): Promise<string[]>;
}

export const nodeFiles: ArchiveFiles = {
  read: async (path) => {
    try {
      return new Uint8Array(await readFile(path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  replace: writeFileAtomic,
  create: createFileAtomic,
  storiesIn: storyFilesIn,
};
