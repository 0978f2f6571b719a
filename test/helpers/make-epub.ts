// Makes small synthetic EPUBs for reader tests: a package document, a spine of XHTML documents, optional nav or NCX.
import JSZip from 'jszip';

export interface EpubSpec {
  /** Extra `<metadata>` children, as XML. */
  metadata: string;
  /** Spine documents in order: file name (under OEBPS/) → XHTML body content. */
  documents: [string, string][];
  /** Manifest `properties="nav"` document: body content. */
  nav?: string;
  /** EPUB 2 table of contents: file name → label. */
  ncx?: [string, string][];
  /** `<guide>` references: type → file name. */
  guide?: [string, string][];
  /** More entries, path from the archive's root → content. */
  extra?: Record<string, string | Uint8Array>;
}

export function xhtml(body: string, head = '<title>x</title>'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head>${head}</head><body>\n${body}\n</body></html>\n`;
}

export async function makeEpub(spec: EpubSpec): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
  zip.file(
    'META-INF/container.xml',
    '<?xml version="1.0"?>\n<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
  );
  const items = spec.documents.map(([name], index) => `<item id="d${index}" href="${name}" media-type="application/xhtml+xml"/>`);
  if (spec.nav !== undefined) items.push('<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>');
  if (spec.ncx) items.push('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>');
  const spine = spec.documents.map((_, index) => `<itemref idref="d${index}"/>`).join('');
  const guide = spec.guide ? `<guide>${spec.guide.map(([type, href]) => `<reference type="${type}" href="${href}" title="${type}"/>`).join('')}</guide>` : '';
  zip.file(
    'OEBPS/content.opf',
    `<?xml version="1.0" encoding="UTF-8"?>\n<package xmlns="http://www.idpf.org/2007/opf" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata>${spec.metadata}</metadata><manifest>${items.join('')}</manifest><spine${spec.ncx ? ' toc="ncx"' : ''}>${spine}</spine>${guide}</package>`,
  );
  for (const [name, body] of spec.documents) zip.file(`OEBPS/${name}`, xhtml(body));
  if (spec.nav !== undefined) zip.file('OEBPS/nav.xhtml', xhtml(spec.nav));
  if (spec.ncx) {
    const points = spec.ncx.map(([href, label], index) => `<navPoint id="p${index}" playOrder="${index + 1}"><navLabel><text>${label}</text></navLabel><content src="${href}"/></navPoint>`).join('');
    zip.file('OEBPS/toc.ncx', `<?xml version="1.0"?>\n<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><head/><docTitle><text>x</text></docTitle><navMap>${points}</navMap></ncx>`);
  }
  for (const [path, content] of Object.entries(spec.extra ?? {})) zip.file(path, content);
  return zip.generateAsync({ type: 'uint8array' });
}
