// ficbind's own name and version, read once from package.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageFolder } from './code-files.ts';

const manifest = JSON.parse(readFileSync(join(packageFolder, 'package.json'), 'utf8')) as { version: string };

export const version: string = manifest.version;
export const generator = `ficbind ${version}`;
