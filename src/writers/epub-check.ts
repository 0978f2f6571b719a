// Checks a finished EPUB (or KEPUB) in-process before it is written: well-formed XML everywhere, manifest, spine and nav consistent.
import { attribute, elementsNamed, XmlSyntaxError } from '../xml.ts';
import { assertWellFormedXml, BrokenEpub, entryText, readEpubEntries, readPackageDocument, type EpubEntry } from './epub-entries.ts';

/** Archive entries that hold XML, by their name. */
const xmlEntry = /\.(xhtml|html|htm|opf|ncx|xml|svg)$/i;

/**
 * What is wrong with the book, one problem per string (`OEBPS/toc.ncx is not well-formed XML: …`), or none.
 * Checked: `mimetype` is the first entry and says `application/epub+zip`; every XML entry parses; container.xml
 * names a package document; every manifest item is in the archive, each id once; every spine idref is a manifest
 * item; the spine is not empty; one manifest item is the nav document (EPUB 3).
 */
export async function checkEpubPackage(epub: Uint8Array): Promise<string[]> {
  let entries: EpubEntry[];
  try {
    entries = await readEpubEntries(epub);
  } catch (error) {
    if (error instanceof BrokenEpub) return [error.message];
    throw error;
  }
  const problems: string[] = [];
  if (entries[0]?.name !== 'mimetype' || entryText(entries, 'mimetype') !== 'application/epub+zip') {
    problems.push('the first entry is not `mimetype` holding application/epub+zip');
  }
  for (const entry of entries) {
    if (!xmlEntry.test(entry.name)) continue;
    try {
      assertWellFormedXml(entry);
    } catch (error) {
      if (error instanceof XmlSyntaxError) problems.push(`${entry.name} is not well-formed XML: ${error.message}`);
      else if (error instanceof TypeError) problems.push(`${entry.name} is not valid UTF-8`);
      else throw error;
    }
  }
  if (problems.length > 0) return problems;

  let opf;
  try {
    opf = readPackageDocument(entries);
  } catch (error) {
    if (error instanceof BrokenEpub) return [error.message];
    throw error;
  }
  const names = new Set(entries.map((entry) => entry.name));
  const ids = new Set<string>();
  for (const item of elementsNamed(opf.tree, 'item')) {
    const id = attribute(item, 'id') ?? '';
    if (!id) problems.push(`${opf.path}: a manifest item has no id`);
    else if (ids.has(id)) problems.push(`${opf.path}: the manifest id "${id}" is used twice`);
    ids.add(id);
  }
  for (const item of opf.manifest) {
    if (!names.has(item.path)) problems.push(`${opf.path}: manifest item "${item.id}" names ${item.path}, which is not in the book`);
  }
  const itemrefs = elementsNamed(opf.tree, 'itemref').map((itemref) => attribute(itemref, 'idref') ?? '');
  if (itemrefs.length === 0) problems.push(`${opf.path}: the spine is empty`);
  for (const idref of itemrefs) {
    if (!ids.has(idref)) problems.push(`${opf.path}: the spine names "${idref}", which is not in the manifest`);
  }
  if (opf.version.startsWith('3') && !opf.manifest.some((item) => item.properties.includes('nav'))) {
    problems.push(`${opf.path}: no manifest item is the navigation document (properties="nav")`);
  }
  return problems;
}
