// Compiles src/ into dist/: a bundle of ficbind's modules and their pure-JavaScript libraries (esbuild), declaration files (tsc), and the files src/ reads at run time beside them: what `bin` and `exports` ship.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = join(root, 'src');
const target = join(root, 'dist');

/**
 * Libraries left to Node's own loading: native ones (sharp, Typst), and ones that find files or data beside their
 * own modules (subset-font's HarfBuzz, css-tree's tables, yargs' locales, iconv-lite's and jschardet's tables).
 * epub-gen-memory and its JSZip are bundled: loaded as some 60 CommonJS files they cost a one-story rebuild of a
 * 300-story project about 0.05 s.
 */
const external = ['sharp', '@myriaddreamin/typst-ts-node-compiler', 'subset-font', 'css-tree', 'yargs', 'yargs/*', 'iconv-lite', 'jschardet', 'tsx', 'tsx/*'];

/**
 * ficbind uses epub-gen-memory as its packager only (`src/writers/epub/epub-package.ts`): it gives the library no
 * chapters, fonts or images. The library's helpers for those load some 0.9 MB of code (node-fetch and its URL
 * tables, htmlparser2, css-select, ow) that a build would parse for nothing; in the bundle they are replaced by
 * shims that refuse the work, and its option checks by the library's own no-op browser version.
 */
const epubGenMemoryAsPackager: Plugin = {
  name: 'epub-gen-memory-as-packager',
  setup(build) {
    const shims = join(root, 'scripts', 'epub-gen-memory-shims');
    build.onResolve({ filter: /^\.\/(fetchable|html-parse|predicates)$/ }, ({ path, importer }) => {
      const util = join('node_modules', 'epub-gen-memory', 'dist', 'lib', 'util');
      if (dirname(importer) !== join(root, util)) return undefined;
      if (path === './predicates') return { path: join(root, util, 'predicates-nop.js') };
      return { path: join(shims, `${path.slice(2)}.cjs`) };
    });
  },
};

rmSync(target, { recursive: true, force: true });
// Types for the library's users; the type check itself is `npm run typecheck`'s.
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--emitDeclarationOnly'], { stdio: 'inherit' });

// One bundle instead of some 600 modules: Node 20 loads it in about half the time, which is most of a small build's.
// Every output file sits directly in dist/, where src/code-files.ts expects its code to be.
await build({
  entryPoints: { index: join(source, 'index.ts'), cli: join(source, 'cli', 'main.ts'), 'story-worker': join(source, 'parallel', 'story-worker.ts') },
  outdir: target,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  plugins: [epubGenMemoryAsPackager],
  chunkNames: 'chunk-[hash]',
  // Bundled CommonJS libraries (yauzl) call `require` for Node's own modules.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  legalComments: 'linked',
  logLevel: 'warning',
});

// Templates and stylesheets that modules find through `codeFile()` keep their place relative to src/.
const isSource = (name: string) => ['.ts', '.tsx', '.mts', '.cts'].includes(extname(name));
for (const entry of readdirSync(source, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || isSource(entry.name)) continue;
  const from = join(entry.parentPath, entry.name);
  cpSync(from, join(target, relative(source, from)));
}
