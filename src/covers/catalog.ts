// Finds cover templates by name: an anthology project's own covers/ folder first, then the templates ficbind ships.
import { readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { FicbindError, InputError } from '../errors.ts';
import { loadCoverTemplate, type CoverTemplate } from './template.ts';
import { packageFolder } from '../code-files.ts';

/** The templates that come with ficbind: `covers/*.svg` at the package root. */
export const shippedCoversFolder = join(packageFolder, 'covers') + sep;

export { defaultCoverTemplate } from './placeholders.ts';

export interface CoverTemplateEntry {
  name: string;
  description: string;
  path: string;
  /** Whether it comes with ficbind (else it is the project's own). */
  shipped: boolean;
}

export interface CatalogOptions {
  /** The anthology project's folder; its `covers/` holds the project's own templates. */
  projectFolder?: string;
  /** Receives a line for each template in the project's folder that cannot be used. */
  onWarning?: (message: string) => void;
}

/** A reference is a path (not a name) when it has a slash or ends in `.svg`. */
export function isTemplatePath(reference: string): boolean {
  return /[/\\]/.test(reference) || /\.svg$/i.test(reference);
}

/** The folders searched for named templates, the project's first; each once. */
function folders(options: CatalogOptions): { folder: string; shipped: boolean }[] {
  const shipped = resolve(shippedCoversFolder);
  const project = options.projectFolder ? resolve(options.projectFolder, 'covers') : undefined;
  return project && project !== shipped ? [{ folder: project, shipped: false }, { folder: shipped, shipped: true }] : [{ folder: shipped, shipped: true }];
}

/** The path of the template a name or path refers to, or undefined when no folder has that name. */
export function templatePath(reference: string, options: CatalogOptions & { base?: string } = {}): string | undefined {
  if (isTemplatePath(reference)) return resolve(options.base ?? '.', reference);
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(reference)) return undefined;
  for (const { folder } of folders(options)) {
    const path = join(folder, `${reference}.svg`);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/**
 * Every usable template, by name (a project template hides a shipped one of the same name), sorted. A project
 * template that fails its checks is left out and reported through `onWarning`; a broken shipped one is an error.
 */
export async function listCoverTemplates(options: CatalogOptions = {}): Promise<CoverTemplateEntry[]> {
  const entries = new Map<string, CoverTemplateEntry>();
  for (const { folder, shipped } of folders(options)) {
    let names: string[];
    try {
      names = (await readdir(folder)).filter((name) => name.endsWith('.svg')).sort();
    } catch {
      continue;
    }
    for (const fileName of names) {
      const name = basename(fileName, '.svg');
      if (entries.has(name)) continue;
      try {
        const template = await loadCoverTemplate(join(folder, fileName));
        entries.set(name, { name, description: template.description, path: template.path, shipped });
      } catch (error) {
        if (shipped || !(error instanceof FicbindError)) throw error;
        options.onWarning?.(`${error.describe()} (template "${name}" left out)`);
      }
    }
  }
  return [...entries.values()].sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/** Names of the templates there are, for "expected one of" messages (without loading them). */
export async function coverTemplateNames(options: CatalogOptions = {}): Promise<string[]> {
  const names = new Set<string>();
  for (const { folder } of folders(options)) {
    try {
      for (const fileName of await readdir(folder)) if (fileName.endsWith('.svg')) names.add(basename(fileName, '.svg'));
    } catch {
      // A project without covers/ has only the shipped templates.
    }
  }
  return [...names].sort((a, b) => a.localeCompare(b, 'en'));
}

/** No template by that name; callers turn it into a usage or config error. */
export class UnknownCoverTemplate extends InputError {
  constructor(readonly reference: string, readonly names: string[]) {
    super(`unknown cover template "${reference}"; expected one of ${names.join(', ')}, or a path to an .svg file`);
  }
}

/** Loads the template a name (project's `covers/` first, then shipped) or a path (relative to `base`) refers to. */
export async function findCoverTemplate(reference: string, options: CatalogOptions & { base?: string } = {}): Promise<CoverTemplate> {
  const path = templatePath(reference, options);
  if (!path) throw new UnknownCoverTemplate(reference, await coverTemplateNames(options));
  return loadCoverTemplate(path);
}
