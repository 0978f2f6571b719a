// Compiles src/ into dist/ (JavaScript and declaration files) with the files src/ reads at run time beside it: what `bin` and `exports` ship.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = join(root, 'src');
const target = join(root, 'dist');

rmSync(target, { recursive: true, force: true });
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

// Templates and stylesheets that modules find through `new URL(…, import.meta.url)` keep their place relative to the code.
const isSource = (name: string) => ['.ts', '.tsx', '.mts', '.cts'].includes(extname(name));
for (const entry of readdirSync(source, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || isSource(entry.name)) continue;
  const from = join(entry.parentPath, entry.name);
  cpSync(from, join(target, relative(source, from)));
}
