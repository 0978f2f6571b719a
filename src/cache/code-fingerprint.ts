// What makes a cached result stale besides its inputs: ficbind's own code. The version, and the size and time of every module file.
import { readdir, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { version } from '../version.ts';
import { codeFolder } from '../code-files.ts';

let fingerprint: Promise<string> | undefined;

/**
 * A hash of ficbind's version and of the name, size and modification time of each of its code files, once per
 * process: a developer's edit, a rebuild or an upgrade makes every cached result stale.
 */
export function codeFingerprint(): Promise<string> {
  fingerprint ??= computeFingerprint();
  return fingerprint;
}

async function computeFingerprint(): Promise<string> {
  const hash = createHash('sha256').update(`ficbind ${version}\n`);
  const names = (await readdir(codeFolder, { recursive: true })).filter((name) => /\.(js|ts|ejs|css)$/.test(name) && !name.endsWith('.d.ts')).sort();
  for (const name of names) {
    const facts = await stat(join(codeFolder, name));
    hash.update(`${name}\t${facts.size}\t${facts.mtimeMs}\n`);
  }
  return hash.digest('hex');
}
