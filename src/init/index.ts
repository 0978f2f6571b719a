// `ficbind init`: makes a folder a project (anthology.yaml and a README), listing the stories already there.
import { existsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { createFileAtomic } from '../atomic-write.ts';
import { InputError, OutputError } from '../errors.ts';
import { configFileName, storyFilesIn } from '../project.ts';
import { titleFromFolderName } from '../readers/front-matter.ts';
import { schemaFolder } from '../schema/json-schema.ts';
import { version } from '../version.ts';
import { anthologyYaml } from './anthology-yaml.ts';
import { projectReadme } from './readme.ts';

export interface InitOptions {
  /** The anthology's title. Default: from the folder's name, as `build` would call it. */
  title?: string;
}

export interface InitResult {
  /** The project folder, absolute. */
  folder: string;
  /** The files written, absolute: anthology.yaml, then README.md. */
  files: string[];
  title: string;
  /** Story file names listed in anthology.yaml, in build order. */
  stories: string[];
  /** Where the anthology.yaml's first line points editors for the schema. */
  schema: string;
}

export const readmeName = 'README.md';

/**
 * The schema for a project's anthology.yaml. When ficbind is installed in the project (`npm i -D ficbind`), the
 * file in node_modules, relative: offline, and always the installed version's. Otherwise (a global install) the
 * same file of this version on the npm CDN, since a path into a global install breaks on another machine.
 */
export function schemaReference(folder: string): string {
  for (let current = resolve(folder); ; current = dirname(current)) {
    const local = join(current, 'node_modules', 'ficbind', schemaFolder, 'anthology.schema.json');
    if (existsSync(local)) {
      const path = relative(resolve(folder), local).split(sep).join('/');
      return path.startsWith('.') ? path : `./${path}`;
    }
    if (dirname(current) === current) break;
  }
  return `https://unpkg.com/ficbind@${version}/${schemaFolder}/anthology.schema.json`;
}

/** Writes `folder`/anthology.yaml and `folder`/README.md (making the folder if needed); refuses, writing nothing, if either exists. */
export async function initProject(folder: string, options: InitOptions = {}): Promise<InitResult> {
  const root = resolve(folder);
  if (existsSync(root) && !statSync(root).isDirectory()) throw new InputError('not a folder', { file: root });
  const files = [join(root, configFileName), join(root, readmeName)];
  for (const file of files) {
    if (existsSync(file)) throw new OutputError('already exists; ficbind init never overwrites a file', { file });
  }
  const stories = existsSync(root) ? (await storyFilesIn(root)).map((path) => basename(path)) : [];
  const title = options.title ?? titleFromFolderName(root);
  const schema = schemaReference(root);
  const written: string[] = [];
  try {
    await createFileAtomic(files[0], anthologyYaml({ schema, title, stories }));
    written.push(files[0]);
    await createFileAtomic(files[1], projectReadme(title));
  } catch (error) {
    // Both files or neither: a README that appeared meanwhile takes the new anthology.yaml back out.
    for (const file of written) await rm(file, { force: true });
    throw error;
  }
  return { folder: root, files, title, stories, schema };
}
