// Watches a project for changes a build reads (stories, anthology.yaml, themes and cover templates in templates/ and covers/), leaving out books, caches and editors' scratch files.
import { watch, type FSWatcher } from 'node:fs';
import { basename, resolve, sep } from 'node:path';

/** Folders whose changes never change the book: the build's own output and caches, version control, packages. */
const ignoredFolders = new Set(['.ficbind-cache', '.ficbind-studio', '.git', 'node_modules']);

/** Editors' swap and backup files, and the atomic writes' temporary files. */
const scratchFile = /(^\.#|~$|\.sw[a-p]$|^#.*#$|\.tmp[-.\w]*$|^\.ficbind-)/;

export interface WatchOptions {
  /** Folders whose changes are never reported (the output folder), absolute. */
  ignore?: string[];
}

/**
 * Calls `onChange` with the changed path for every change under `folders` (recursive: Node's fs.watch on Linux since
 * Node 20, macOS and Windows, so no library is needed). Returns a function that stops watching.
 */
export function watchFolders(folders: string[], onChange: (path: string) => void, options: WatchOptions = {}): () => void {
  const ignored = (options.ignore ?? []).map((folder) => resolve(folder) + sep);
  const watchers: FSWatcher[] = [];
  for (const folder of new Set(folders.map((entry) => resolve(entry)))) {
    const watcher = watch(folder, { recursive: true }, (_event, name) => {
      if (name === null) return onChange(folder);
      const path = resolve(folder, name.toString());
      const parts = name.toString().split(sep);
      if (parts.some((part) => ignoredFolders.has(part)) || scratchFile.test(basename(path))) return;
      if (ignored.some((prefix) => (path + sep).startsWith(prefix))) return;
      onChange(path);
    });
    watcher.on('error', () => {});
    watchers.push(watcher);
  }
  return () => {
    for (const watcher of watchers) watcher.close();
  };
}
