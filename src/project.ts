// Any folder is a project: the anthology.yaml in use (given, or the nearest one above the stories), its folder, its stories and theme.
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { loadConfig, type AnthologyConfig } from './config.ts';
import { ConfigError, InputError, UsageError } from './errors.ts';
import { formatOf, storyExtensions } from './readers/formats.ts';
import type { StoryOptions } from './load-story.ts';
import { defaultThemeName, loadTheme, UnknownTheme } from './themes/registry.ts';
import type { Theme } from './themes/manifest.ts';

/** The file that makes a folder a project. */
export const configFileName = 'anthology.yaml';

/**
 * The nearest anthology.yaml: in `folder`, else in the closest folder above it that has one, the way git finds
 * `.git` and eslint its config. Undefined when there is none up to the root.
 */
export function findConfig(folder: string): string | undefined {
  for (let current = resolve(folder); ; current = dirname(current)) {
    const candidate = join(current, configFileName);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    if (dirname(current) === current) return undefined;
  }
}

export interface ProjectOptions {
  /** The folder a bare `ficbind build` runs in; relative paths are resolved against it. Default: the current folder. */
  cwd?: string;
  /** A folder of stories (`--input`); it replaces the config's story list. Default: the config's `input`, else its folder, else `cwd`. */
  input?: string;
  /** anthology.yaml to use (`--config`); `false` for none. Default: the nearest anthology.yaml from `input` (or `cwd`) upwards. */
  config?: string | false;
}

export interface Project {
  /** What anthology.yaml says; `{}` without one. */
  config: Partial<AnthologyConfig>;
  /** The folder holding anthology.yaml, else the folder of stories: its `templates/` and `covers/` belong to the project. */
  folder: string;
  /** The folder of stories. */
  input: string;
  /** Story files in reading order, absolute. */
  stories: string[];
}

/** The project a build reads: its config, folder and stories. */
export async function openProject(options: ProjectOptions = {}): Promise<Project> {
  const cwd = resolve(options.cwd ?? '.');
  const inputFlag = options.input === undefined ? undefined : resolve(cwd, options.input);
  const configPath = options.config === false ? undefined : options.config ? resolve(cwd, options.config) : findConfig(inputFlag ?? cwd);
  const config: Partial<AnthologyConfig> = configPath ? await loadConfig(configPath) : {};
  const folder = configPath ? dirname(configPath) : (inputFlag ?? cwd);
  const input = inputFlag ?? config.input ?? folder;
  const stories = inputFlag || !config.stories ? await listStories(input) : config.stories;
  return { config, folder, input, stories };
}

/** Never stories, though they end in `.md` or `.txt`: the README `ficbind init` writes, and the like. */
const notStories = /^(readme|license|licence|changelog)(\.[^.]+)?$/i;

/** The story files directly in `folder` (never in its subfolders, so `out/` is never read), in natural order: `2.txt` before `10.txt`. */
export async function storyFilesIn(folder: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such folder' : code === 'ENOTDIR' ? 'expected a folder of stories' : (error as Error).message, { file: folder });
  }
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  return entries
    .filter((entry) => !entry.isDirectory() && formatOf(entry.name) && !isHiddenName(entry.name) && !notStories.test(entry.name))
    .map((entry) => entry.name)
    .sort(collator.compare)
    .map((name) => join(folder, name));
}

/** `.draft.txt` is hidden; `...txt` (a story named with dots) is not. */
function isHiddenName(name: string): boolean {
  return name.startsWith('.') && !name.startsWith('..');
}

/** Like storyFilesIn, but a folder without stories is an error. */
export async function listStories(folder: string): Promise<string[]> {
  const stories = await storyFilesIn(folder);
  if (stories.length === 0) {
    throw new InputError(`no stories here (expected files ending ${storyExtensions.join(', ')}, or an ${configFileName} listing them)`, { file: folder });
  }
  return stories;
}

/**
 * The theme `--theme` names (a usage error when there is none), else config's `theme:` (a config error at its line),
 * else the default. Themes in the project's `templates/` folders come before the bundled ones.
 */
export function chooseTheme(flagName: string | undefined, config: Partial<AnthologyConfig>, projectFolders: string[]): Theme {
  const name = flagName ?? config.theme ?? defaultThemeName;
  try {
    return loadTheme(name, { projectFolders });
  } catch (error) {
    if (!(error instanceof UnknownTheme)) throw error;
    if (flagName !== undefined) throw new UsageError(`--theme: ${error.message}`);
    if (config.path && config.theme !== undefined) throw new ConfigError(error.message, { file: config.path, line: config.lines?.theme });
    throw error;
  }
}

/** What `fix` and `check` are told: each given option wins over anthology.yaml. Paths are relative to the current folder, as story paths are. */
export interface StoryLookup extends Partial<StoryOptions> {
  /** anthology.yaml for every story; `false` for none. Default: the nearest anthology.yaml above each story. */
  config?: string | false;
}

/**
 * The options a story gets, as `build` would give it: the given ones, else its project's anthology.yaml (language,
 * dash style, typography, and the theme's dash style), else the defaults. Each config is read once.
 */
export function storyOptionsLookup(lookup: StoryLookup = {}): (story: string) => Promise<StoryOptions> {
  type Settings = { config: Partial<AnthologyConfig>; theme?: Theme };
  const configs = new Map<string, Promise<Settings>>();
  const settingsOf = (configPath: string | undefined): Promise<Settings> => {
    if (!configPath) return Promise.resolve({ config: {} });
    let settings = configs.get(configPath);
    if (!settings) {
      settings = loadConfig(configPath).then((config) => ({ config, theme: chooseTheme(undefined, config, [dirname(configPath), resolve('.')]) }));
      configs.set(configPath, settings);
    }
    return settings;
  };
  return async (story) => {
    const configPath = lookup.config === false ? undefined : lookup.config ? resolve(lookup.config) : findConfig(dirname(resolve(story)));
    const { config, theme } = await settingsOf(configPath);
    return {
      language: lookup.language ?? config.language ?? 'en',
      dashStyle: lookup.dashStyle ?? config.dashStyle,
      defaultDashStyle: lookup.defaultDashStyle ?? theme?.dashStyle,
      typography: lookup.typography ?? config.typography,
    };
  };
}
