// `ficbind send`: copy books onto a mounted Kobo, Kindle or other e-reader, and say what went where.
import type { Argv } from 'yargs';
import { relative } from 'node:path';
import type { SendResult } from '../../send/index.ts';
import { tell, warn, type CliIO } from '../io.ts';
import { formatSize } from '../report.ts';

export const command = 'send <files..>';
export const describe = 'Copy books onto a mounted e-reader (Kobo: KEPUB, Kindle: AZW3 or PDF, others: EPUB)';
export const examples: [string, string][] = [
  ['$0 send out/harbor-lights.epub', 'Copy the book onto the Kobo or Kindle plugged in (a KEPUB or AZW3 when it needs one)'],
  ['$0 send book.epub --to /media/me/KOBOeReader', 'Name the mounted e-reader'],
];

export function builder(yargs: Argv) {
  return yargs
    .positional('files', { type: 'string', array: true, describe: 'Books to send (.epub, .kepub.epub, .azw3, .pdf)' })
    .option('to', { type: 'string', describe: 'Folder the e-reader is mounted at [default: the Kobo or Kindle found under /media, /run/media, /Volumes]' })
    .option('folder', {
      type: 'string',
      describe: 'Folder for the books on the device, never inside .kobo/ [default: ficbind on a Kobo, documents/ on a Kindle, the top folder elsewhere]',
    });
}

export interface SendArgs {
  files: string[];
  to?: string;
  folder?: string;
}

const deviceNames: Record<SendResult['device']['kind'], string> = { kobo: 'Kobo', kindle: 'Kindle', other: 'e-reader' };

export async function handler(args: SendArgs, io: CliIO): Promise<number> {
  const { sendBooks } = await import('../../send/index.ts');
  const result = await sendBooks(args.files, {
    to: args.to,
    folder: args.folder,
    cwd: io.cwd,
    onWarning: (message) => warn(io, message),
  });
  tell(io, `Sent ${result.books.length} ${result.books.length === 1 ? 'book' : 'books'} to the ${deviceNames[result.device.kind]} at ${result.device.mount}:`);
  for (const book of result.books) {
    const where = relative(result.device.mount, book.destination);
    const how =
      book.via?.kind === 'converted' ? ` (made ${book.via.format === 'kepub' ? 'KEPUB' : 'AZW3'})` : book.via?.kind === 'sibling' ? ' (found beside it)' : '';
    tell(io, `  ${relative(io.cwd, book.source) || book.source} → ${where}${how}  ${formatSize(book.bytes)}${book.replaced ? ', replaced the old copy' : ''}`);
  }
  return 0;
}
