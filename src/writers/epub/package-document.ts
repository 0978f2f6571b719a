// The package document (content.opf) and META-INF/container.xml, built as xast trees and written by the one XML serializer.
import { x } from 'xastscript';
import type { Element } from 'xast';
import { serializeXml, xmlDocument } from '../xml-document.ts';
import type { BookDocument, BookPackage, ManifestResource } from './book-plan.ts';
import type { AccessibilityMeta } from './accessibility.ts';

/** Where the package document sits in the archive; container.xml points at it. */
export const packageDocumentPath = 'OEBPS/content.opf';

/** Manifest ids and files of the nav, NCX and stylesheet, which every book has. */
export const fixedItems: readonly ManifestResource[] = [
  { id: 'nav', href: 'toc.xhtml', mediaType: 'application/xhtml+xml', properties: 'nav' },
  { id: 'ncx', href: 'toc.ncx', mediaType: 'application/x-dtbncx+xml' },
  { id: 'css', href: 'style.css', mediaType: 'text/css' },
];

/** The package's dc:creator when no story names an author and no editor is configured: the book itself prints none. */
export const anonymousCreator = 'Anonymous';

/**
 * The OPF: metadata (titles, editors as creators and story authors as contributors with MARC roles, dates,
 * accessibility), the manifest (fixed items, resources, content documents) and the spine, where documents read
 * before the table of contents (cover, title page) come ahead of the nav.
 */
export function packageDocument(book: BookPackage, documents: readonly BookDocument[], accessibility: readonly AccessibilityMeta[]): string {
  const metadata: Element[] = [
    x('dc:identifier', { id: 'book-id' }, book.identifier),
    x('dc:title', { id: 'title' }, book.title),
    x('meta', { refines: '#title', property: 'title-type' }, 'main'),
  ];
  if (book.subtitle) {
    metadata.push(x('dc:title', { id: 'subtitle' }, book.subtitle), x('meta', { refines: '#subtitle', property: 'title-type' }, 'subtitle'));
  }
  metadata.push(x('dc:language', book.language));
  if (book.editors.length === 0) metadata.push(x('dc:creator', { id: 'creator' }, anonymousCreator));
  for (const editor of book.editors) {
    metadata.push(x('dc:creator', { id: editor.id }, editor.name), x('meta', { refines: `#${editor.id}`, property: 'role', scheme: 'marc:relators' }, 'edt'));
  }
  for (const author of book.authors) {
    metadata.push(x('dc:contributor', { id: author.id }, author.name), x('meta', { refines: `#${author.id}`, property: 'role', scheme: 'marc:relators' }, 'aut'));
  }
  if (book.description) metadata.push(x('dc:description', book.description));
  if (book.rights) metadata.push(x('dc:rights', book.rights));
  for (const subject of book.subjects) metadata.push(x('dc:subject', subject));
  for (const source of book.sources) metadata.push(x('dc:source', source));
  if (book.series) metadata.push(...seriesMetadata(book.series));
  metadata.push(
    x('dc:date', book.date),
    x('meta', { property: 'dcterms:modified' }, book.modified),
    x('meta', { name: 'generator', content: book.generator }),
    ...accessibility.map((meta) => x('meta', { property: meta.property }, meta.value)),
    ...book.resources.filter((resource) => resource.properties === 'cover-image').map((cover) => x('meta', { name: 'cover', content: cover.id })),
  );

  const items: ManifestResource[] = [
    ...fixedItems,
    ...book.resources,
    ...documents.map((document) => ({ id: document.id, href: document.filename, mediaType: 'application/xhtml+xml', properties: document.properties })),
  ];
  const manifest = items.map((item) => x('item', { id: item.id, href: item.href, 'media-type': item.mediaType, properties: item.properties }));
  const spine = [
    ...documents.filter((document) => document.beforeToc).map((document) => document.id),
    'nav',
    ...documents.filter((document) => !document.beforeToc).map((document) => document.id),
  ].map((idref) => x('itemref', { idref }));

  const opf = x('package', { xmlns: 'http://www.idpf.org/2007/opf', version: '3.0', 'unique-identifier': 'book-id', 'xml:lang': book.language }, [
    x('metadata', { 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' }, metadata),
    x('manifest', manifest),
    x('spine', { toc: 'ncx' }, spine),
  ]);
  return serializeXml(xmlDocument(opf));
}

/**
 * The series as EPUB 3 says it (`belongs-to-collection` of type `series`, with its `group-position`) and as
 * Calibre reads it (`calibre:series`, `calibre:series_index`), which Kobo and many library apps follow too.
 */
function seriesMetadata(series: NonNullable<BookPackage['series']>): Element[] {
  const position = series.position === undefined ? undefined : String(series.position);
  return [
    x('meta', { property: 'belongs-to-collection', id: 'series' }, series.name),
    x('meta', { refines: '#series', property: 'collection-type' }, 'series'),
    ...(position === undefined ? [] : [x('meta', { refines: '#series', property: 'group-position' }, position)]),
    x('meta', { name: 'calibre:series', content: series.name }),
    ...(position === undefined ? [] : [x('meta', { name: 'calibre:series_index', content: position })]),
  ];
}

/** The OCF container file: one rootfile, the package document. */
export function containerDocument(): string {
  const container = x('container', { version: '1.0', xmlns: 'urn:oasis:names:tc:opendocument:xmlns:container' }, [
    x('rootfiles', [x('rootfile', { 'full-path': packageDocumentPath, 'media-type': 'application/oebps-package+xml' })]),
  ]);
  return serializeXml(xmlDocument(container));
}
