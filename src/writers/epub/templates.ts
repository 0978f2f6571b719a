// Loads the structural stylesheet once per process: the rules the writer's markup needs in every theme.
import { readFile } from 'node:fs/promises';
import { OutputError } from '../../errors.ts';
import { codeFile } from '../../code-files.ts';

const structureCssFile = codeFile('writers/epub/templates/structure.css');

let loading: Promise<string> | undefined;

/** `./templates/structure.css`, read once per process; it goes before the theme's stylesheet. */
export function loadStructureCss(): Promise<string> {
  loading ??= readStructureCss().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function readStructureCss(): Promise<string> {
  try {
    return await readFile(structureCssFile, 'utf8');
  } catch (error) {
    throw new OutputError(`Cannot read the EPUB writer's stylesheet ${structureCssFile.pathname}; reinstall ficbind.`, undefined, { cause: error });
  }
}
