// Where ficbind finds the files it ships: its package folder, and the files kept beside its modules. The same whether it runs from src/ (tsx) or from the bundle in dist/.
import { fileURLToPath } from 'node:url';

// This module sits directly in src/, and its code in a file directly in dist/ once bundled (scripts/compile.ts puts
// every bundle file there), so one level up is the package folder either way.
const codeFolderUrl = new URL('./', import.meta.url);

/** ficbind's package folder (package.json, templates/, covers/, studio/). */
export const packageFolder = fileURLToPath(new URL('../', codeFolderUrl));

/** The folder of ficbind's code: `src/` in a checkout run with tsx, `dist/` when compiled. */
export const codeFolder = fileURLToPath(codeFolderUrl);

/** Whether ficbind runs from its TypeScript sources (under tsx) rather than the compiled bundle. */
export const runningFromSource = import.meta.url.endsWith('.ts');

/**
 * A file src/ keeps beside its modules, which compiling copies to the same place under dist/:
 * `codeFile('writers/pdf/templates/layout.typ')`.
 */
export function codeFile(path: string): URL {
  return new URL(path, codeFolderUrl);
}
