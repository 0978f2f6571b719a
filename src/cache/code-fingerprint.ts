// What makes a cached result stale besides its inputs: ficbind's own code. The version, and the size and time of every module file.
import { readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { version } from '../version.ts';
import { codeFolder } from '../code-files.ts';

let fingerprint: Promise<string> | undefined;

/**
 * A hash of ficbind's version and of the name, size and modification time of each of its code files, once per
 * process: a developer's edit, a rebuild or an upgrade makes every cached result stale. Read with synchronous calls
 * (a few hundred stats, about a millisecond): awaited one by one, each would wait for a turn of an event loop that a
 * build keeps busy, and the cover, whose key needs this, would start a second later.
 */
export function codeFingerprint(): Promise<string> {
  fingerprint ??= Promise.resolve().then(computeFingerprint);
  return fingerprint;
}

function computeFingerprint(): string {
  const hash = createHash('sha256').update(`ficbind ${version}\n`);
  const names = readdirSync(codeFolder, { recursive: true, encoding: 'utf8' }).filter((name) => /\.(js|ts|ejs|css)$/.test(name) && !name.endsWith('.d.ts')).sort();
  for (const name of names) {
    const facts = statSync(join(codeFolder, name));
    hash.update(`${name}\t${facts.size}\t${facts.mtimeMs}\n`);
  }
  return hash.digest('hex');
}
