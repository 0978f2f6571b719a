// Watches a project for changes a build reads (stories, anthology.yaml, themes and cover templates in templates/ and covers/), leaving out books, caches and editors' scratch files.
import { basename, resolve, sep } from 'node:path';
import { watch } from 'chokidar';

/** Folders whose changes never change the book: the build's own output and caches, version control, packages. */
const ignoredFolders = new Set(['.ficbind-cache', '.ficbind-studio', '.git', 'node_modules']);

/** Editors' swap and backup files, and the atomic writes' temporary files. */
const scratchFile = /(^\.#|~$|\.sw[a-p]$|^#.*#$|\.tmp$|^\.ficbind-)/;

export interface WatchOptions {
  /** Folders whose changes are never reported (the output folder), absolute. */
  ignore?: string[];
}

/**
 * Calls `onChange` with the changed path for every file added, changed or removed under `folders`, once the
 * watcher is ready. chokidar, not Node's recursive fs.watch: on Linux (Node 20) that loses a file once an editor
 * or ficbind itself replaces it by renaming a new copy over it, which is how saves are made. Resolves with a
 * function that stops watching.
 */
export async function watchFolders(folders: string[], onChange: (path: string) => void, options: WatchOptions = {}): Promise<() => Promise<void>> {
  const ignoredPrefixes = (options.ignore ?? []).map((folder) => resolve(folder) + sep);
  const roots = [...new Set(folders.map((folder) => resolve(folder)))];
  const ignored = (path: string) => {
    const absolute = resolve(path);
    if (ignoredPrefixes.some((prefix) => (absolute + sep).startsWith(prefix))) return true;
    const root = roots.find((folder) => (absolute + sep).startsWith(folder + sep));
    const inside = root ? absolute.slice(root.length) : absolute;
    return inside.split(sep).some((part) => ignoredFolders.has(part)) || scratchFile.test(basename(absolute));
  };
  const watcher = watch(roots, { ignoreInitial: true, ignored, followSymlinks: false });
  watcher.on('all', (_event, path) => onChange(resolve(path)));
  watcher.on('error', () => {});
  await new Promise<void>((ready) => watcher.once('ready', () => ready()));
  return () => watcher.close();
}
