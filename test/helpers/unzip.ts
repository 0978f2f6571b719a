// Opens an EPUB's bytes so tests can read its entries as text.
import JSZip from 'jszip';

export interface UnpackedEpub {
  /** Entry names in archive order (folders included). */
  names: string[];
  /** The text of an entry; throws when the book has no such entry. */
  text(name: string): Promise<string>;
  /** Every `.xhtml` entry, name → text. */
  xhtmlDocuments(): Promise<Map<string, string>>;
}

export async function unzipEpub(bytes: Uint8Array): Promise<UnpackedEpub> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files);
  const text = async (name: string) => {
    const entry = zip.file(name);
    if (!entry) throw new Error(`No entry ${name} in the EPUB; it has: ${names.join(', ')}`);
    return entry.async('string');
  };
  return {
    names,
    text,
    async xhtmlDocuments() {
      const documents = new Map<string, string>();
      for (const name of names.filter((entry) => entry.endsWith('.xhtml'))) documents.set(name, await text(name));
      return documents;
    },
  };
}
