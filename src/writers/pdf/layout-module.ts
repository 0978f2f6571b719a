// The PDF layout every theme imports (templates/layout.typ), read once per process and mapped into Typst's virtual folder.
import { readFile } from 'node:fs/promises';
import { OutputError } from '../../errors.ts';
import { codeFile } from '../../code-files.ts';

/** Where a theme's book.typ imports the layout from: `#import "/ficbind/layout.typ": typeset-book, default-look`. */
export const layoutModulePath = '/ficbind/layout.typ';

const layoutFile = codeFile('writers/pdf/templates/layout.typ');
let loading: Promise<Uint8Array> | undefined;

/** `./templates/layout.typ`'s bytes, read once per process. */
export function loadLayoutModule(): Promise<Uint8Array> {
  loading ??= readFile(layoutFile).then(
    (bytes) => new Uint8Array(bytes),
    (error: unknown) => {
      loading = undefined;
      throw new OutputError(`Cannot read the PDF writer's layout ${layoutFile.pathname}; reinstall ficbind.`, undefined, { cause: error });
    },
  );
  return loading;
}
