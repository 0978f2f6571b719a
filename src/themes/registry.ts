// Finds themes: `templates/<name>/` folders of the user's project first, then the themes ficbind ships.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { ConfigError } from '../errors.ts';
import { manifestNames, readThemeManifest, type Theme } from './manifest.ts';
import { packageFolder } from '../code-files.ts';

/** The themes that come with ficbind. */
export const bundledThemesFolder = join(packageFolder, 'templates') + sep;

/** The theme a book gets when neither `--theme` nor `theme:` names one. */
export const defaultThemeName = 'classic';

export interface ThemeSearch {
  /**
   * Project folders whose `templates/` subfolder may hold themes, most important first (the folder holding
   * anthology.yaml, the current folder). Their themes override bundled ones of the same name.
   */
  projectFolders?: string[];
}

/** A theme as `ficbind themes` lists it. */
export interface ThemeListing {
  name: string;
  description: string;
  /** Its folder, absolute. */
  folder: string;
  /** Whether it comes with ficbind (rather than from a project folder). */
  bundled: boolean;
}

/** Every `templates/` folder to look in, most important first, each once. */
export function themeFolders(search: ThemeSearch = {}): string[] {
  const folders = [...(search.projectFolders ?? []).map((folder) => join(resolve(folder), 'templates')), bundledThemesFolder];
  const seen = new Set<string>();
  return folders.filter((folder) => {
    if (!existsSync(folder)) return false;
    const real = realpathSync(folder);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}

/** The manifest of `templates/<name>/`, or undefined when the folder is not a theme. */
function manifestIn(folder: string): string | undefined {
  return manifestNames.map((file) => join(folder, file)).find((path) => existsSync(path));
}

/** The folder names the theme: a manifest naming another would make `--theme` and `ficbind themes` disagree. */
function readTheme(manifest: string, folderName: string): Theme {
  const theme = readThemeManifest(manifest);
  if (theme.name !== folderName) {
    throw new ConfigError(`theme key "name" must be the theme folder's name "${folderName}", got "${theme.name}"`, { file: manifest });
  }
  return theme;
}

/** The themes there are, sorted by name; a project's theme hides a bundled one of the same name. */
export function listThemes(search: ThemeSearch = {}): ThemeListing[] {
  const found = new Map<string, ThemeListing>();
  for (const templates of themeFolders(search)) {
    const bundled = realpathSync(templates) === realpathSync(bundledThemesFolder);
    for (const name of readdirSync(templates).sort()) {
      const folder = join(templates, name);
      if (found.has(name) || !statSync(folder).isDirectory()) continue;
      const manifest = manifestIn(folder);
      if (!manifest) continue;
      const theme = readTheme(manifest, name);
      found.set(name, { name, description: theme.description, folder, bundled });
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/** A theme failed to load because no folder has it; the caller words the error (flag or config). */
export class UnknownTheme extends Error {
  constructor(
    readonly theme: string,
    readonly available: string[],
  ) {
    super(`unknown theme "${theme}"; available: ${available.join(', ')}`);
  }
}

/** Loads the named theme; throws UnknownTheme when there is none, ConfigError when its manifest is wrong. */
export function loadTheme(name: string, search: ThemeSearch = {}): Theme {
  if (/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    for (const templates of themeFolders(search)) {
      const manifest = manifestIn(join(templates, name));
      if (!manifest) continue;
      return readTheme(manifest, name);
    }
  }
  throw new UnknownTheme(name, listThemes(search).map((theme) => theme.name));
}
