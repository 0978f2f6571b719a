// Checks a finished EPUB against what Amazon's Send to Kindle rejects with its opaque "E999" errors, rule by rule.
import {
  entryText,
  isContentDocument,
  parsedXmlEntry,
  readEpubEntries,
  readPackageDocument,
  resolveHref,
  type EpubEntry,
  type PackageDocument,
} from '../epub-entries.ts';
import { attribute, decodeUriPart, elementsNamed, tryParseXml, XmlSyntaxError, type Root } from '../../xml.ts';
import { kindleCssProblems } from './css-rules.ts';
import { contentKey } from '../content-memo.ts';
import { declaresUtf8, factsOfXml, kindleDocumentFacts, type DocumentFacts } from './document-facts.ts';


/** Send to Kindle's limit for one book, in bytes (Amazon states it as 50 MB). */
export const kindleSizeLimit = 50 * 1000 * 1000;

export type KindleRuleId = 'kindle-size' | 'kindle-language' | 'kindle-encoding' | 'kindle-spine-order' | 'kindle-cover' | 'kindle-css' | 'kindle-body-link';

export interface KindleProblem {
  ruleId: KindleRuleId;
  /** `error`: Amazon is known to reject the book; `warning`: it may, or the book will look wrong. */
  severity: 'error' | 'warning';
  /** Worded "Unexpected X, expected Y". */
  message: string;
  /** The file inside the EPUB, with `:line:column` for CSS. */
  file?: string;
}

/** Every problem found, in the order of the rules above. An EPUB that is not readable at all is one `kindle-encoding` error. */
export async function checkKindleSafe(epub: Uint8Array): Promise<KindleProblem[]> {
  const problems: KindleProblem[] = [];
  if (epub.byteLength > kindleSizeLimit) {
    const size = (epub.byteLength / 1000 / 1000).toFixed(1);
    problems.push({ ruleId: 'kindle-size', severity: 'warning', message: `Unexpected size of ${size} MB, expected at most 50 MB: Send to Kindle refuses larger books (use a USB cable, or fewer or smaller images and fonts)` });
  }
  let entries: EpubEntry[];
  let book: PackageDocument;
  try {
    entries = await readEpubEntries(epub);
    book = readPackageDocument(entries);
  } catch (error) {
    return [...problems, { ruleId: 'kindle-encoding', severity: 'error', message: `Unexpected unreadable EPUB (${(error as Error).message}), expected a valid EPUB` }];
  }
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const documents = parseDocuments(byName, book, problems);
  const ncx = ncxTree(entries, book);
  checkLanguages(book, documents, problems);
  checkSpineOrder(book, byName, documents, ncx, problems);
  checkCover(entries, book, problems);
  checkCss(entries, book, documents, problems);
  checkBodyLinks(documents, ncx, problems);
  const order: KindleRuleId[] = ['kindle-size', 'kindle-language', 'kindle-encoding', 'kindle-spine-order', 'kindle-cover', 'kindle-css', 'kindle-body-link'];
  return problems.sort((a, b) => order.indexOf(a.ruleId) - order.indexOf(b.ruleId));
}

/** Content documents by path, with their facts; each must declare UTF-8 and be UTF-8 (`kindle-encoding`). */
function parseDocuments(byName: Map<string, EpubEntry>, book: PackageDocument, problems: KindleProblem[]): Map<string, DocumentFacts> {
  const documents = new Map<string, DocumentFacts>();
  const undeclared = (path: string) =>
    problems.push({ ruleId: 'kindle-encoding', severity: 'error', message: 'Unexpected start of document, expected `<?xml version="1.0" encoding="UTF-8"?>` declaring UTF-8', file: path });
  for (const item of book.manifest.filter(isContentDocument)) {
    const entry = byName.get(item.path);
    if (!entry) continue;
    const key = contentKey(entry.bytes);
    const known = kindleDocumentFacts.get(key);
    if (known) {
      if (!known.declaresUtf8) undeclared(item.path);
      documents.set(item.path, known);
      continue;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(entry.bytes);
    } catch {
      problems.push({ ruleId: 'kindle-encoding', severity: 'error', message: 'Unexpected bytes that are not UTF-8, expected UTF-8 text', file: item.path });
      continue;
    }
    const utf8 = declaresUtf8(text);
    if (!utf8) undeclared(item.path);
    try {
      const facts = factsOfXml(parsedXmlEntry(entry), utf8);
      kindleDocumentFacts.set(key, facts);
      documents.set(item.path, facts);
    } catch (error) {
      if (!(error instanceof XmlSyntaxError)) throw error;
      problems.push({ ruleId: 'kindle-encoding', severity: 'error', message: `Unexpected malformed XHTML (${error.message}), expected well-formed XML`, file: item.path });
    }
  }
  return documents;
}

/** A well-formed BCP 47 tag whose language is an ISO 639 code (`en`, `pt-BR`, `haw`), as Amazon's converter wants. */
export function isKindleLanguage(tag: string): boolean {
  let known = kindleLanguages.get(tag);
  if (known === undefined) kindleLanguages.set(tag, (known = judgeLanguage(tag)));
  return known;
}

/** Tags judged before: a book's every document names the same one. */
const kindleLanguages = new Map<string, boolean>();

function judgeLanguage(tag: string): boolean {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical !== undefined && /^[a-z]{2,3}(?:-|$)/i.test(canonical);
  } catch {
    return false;
  }
}

function checkLanguages(book: PackageDocument, documents: Map<string, DocumentFacts>, problems: KindleProblem[]): void {
  if (!book.language || !isKindleLanguage(book.language)) {
    problems.push({ ruleId: 'kindle-language', severity: 'error', message: `Unexpected ${book.language ? `language "${book.language}"` : 'missing dc:language'}, expected a language code such as en, en-GB or fr`, file: book.path });
  }
  for (const [path, { languages }] of documents) {
    for (const { name, tag } of languages) {
      if (tag !== '' && !isKindleLanguage(tag)) {
        problems.push({ ruleId: 'kindle-language', severity: 'error', message: `Unexpected ${name}="${tag}", expected a language code such as en, en-GB or fr`, file: path });
      }
    }
  }
}

/** The table of contents (nav and NCX) must list documents of the spine, in spine order. */
function checkSpineOrder(book: PackageDocument, byName: Map<string, EpubEntry>, documents: Map<string, DocumentFacts>, ncx: NcxTree | undefined, problems: KindleProblem[]): void {
  const position = new Map(book.spine.map((item, index) => [item.path, index]));
  const check = (file: string, targets: string[]) => {
    let last = -1;
    for (const target of targets) {
      const index = position.get(target);
      if (index === undefined) {
        problems.push({ ruleId: 'kindle-spine-order', severity: 'error', message: `Unexpected table of contents entry for ${target}, which is not in the spine; expected spine documents only`, file });
      } else if (index < last) {
        problems.push({ ruleId: 'kindle-spine-order', severity: 'error', message: `Unexpected table of contents entry for ${target} after a later document, expected entries in spine order`, file });
      } else {
        last = index;
      }
    }
  };
  const nav = book.manifest.find((item) => item.properties.includes('nav'));
  // The nav document's facts were found, so it parses.
  const navEntry = nav && documents.has(nav.path) ? byName.get(nav.path) : undefined;
  const navTree = navEntry && parsedXmlEntry(navEntry);
  if (nav && navTree) {
    const toc = elementsNamed(navTree, 'nav').find((element) => (attribute(element, 'epub:type') ?? '').split(/\s+/).includes('toc'));
    if (toc) check(nav.path, linkTargets(nav.path, elementsNamed(toc, 'a').map((a) => attribute(a, 'href'))));
  }
  if (ncx) {
    const sources = ncx.tree ? elementsNamed(ncx.tree, 'navMap').flatMap((map) => elementsNamed(map, 'content')).map((content) => attribute(content, 'src')) : [];
    check(ncx.path, linkTargets(ncx.path, sources));
  }
}

/** Kindle needs the cover as a JPEG, named both ways: EPUB 3's `cover-image` item and EPUB 2's `<meta name="cover">`. */
function checkCover(entries: EpubEntry[], book: PackageDocument, problems: KindleProblem[]): void {
  const marked = book.manifest.find((item) => item.properties.includes('cover-image'));
  const metaId = elementsNamed(book.tree, 'meta').find((meta) => attribute(meta, 'name') === 'cover')?.attributes.content ?? undefined;
  const named = book.manifest.find((item) => item.id === metaId);
  const cover = marked ?? named;
  const problem = (severity: KindleProblem['severity'], message: string) => problems.push({ ruleId: 'kindle-cover', severity, message, file: book.path });
  if (!cover) {
    problem('warning', 'Unexpected book without a cover image, expected one (Kindle shows a blank placeholder)');
    return;
  }
  const bytes = entries.find((entry) => entry.name === cover.path)?.bytes;
  if (cover.mediaType !== 'image/jpeg' || !bytes || !(bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)) {
    problem('error', `Unexpected cover ${cover.path} (${cover.mediaType}), expected a JPEG image`);
  }
  if (!marked) problem('error', `Unexpected cover item "${cover.id}" without properties="cover-image", expected both cover markers`);
  if (!named) problem('error', `Unexpected package without <meta name="cover" content="${cover.id}"/>, expected both cover markers`);
  else if (marked && named !== marked) problem('error', `Unexpected <meta name="cover"> naming "${named.id}" while "${marked.id}" is the cover-image, expected one cover`);
}

function checkCss(entries: EpubEntry[], book: PackageDocument, documents: Map<string, DocumentFacts>, problems: KindleProblem[]): void {
  const report = (file: string, css: string, context: 'stylesheet' | 'declarationList') => {
    for (const problem of kindleCssProblems(css, context)) {
      problems.push({ ruleId: 'kindle-css', severity: 'error', message: problem.message, file: `${file}:${problem.line}:${problem.column}` });
    }
  };
  for (const item of book.manifest.filter((candidate) => candidate.mediaType === 'text/css')) {
    const css = entryText(entries, item.path);
    if (css !== undefined) report(item.path, css, 'stylesheet');
  }
  for (const [path, { styleSheets, styleAttributes }] of documents) {
    for (const css of styleSheets) report(path, css, 'stylesheet');
    for (const css of styleAttributes) report(path, css, 'declarationList');
  }
}

/** Kindle's converter fails on a link to the id of a `<body>`; link to the document, or to an element inside it. */
function checkBodyLinks(documents: Map<string, DocumentFacts>, ncx: NcxTree | undefined, problems: KindleProblem[]): void {
  const bodyIds = new Map<string, string>();
  for (const [path, { bodyId }] of documents) if (bodyId) bodyIds.set(path, bodyId);
  if (bodyIds.size === 0) return;
  const check = (file: string, href: string | undefined) => {
    const hash = href?.indexOf('#') ?? -1;
    if (href === undefined || hash === -1) return;
    const target = resolveHref(file, href);
    if (target !== undefined && bodyIds.get(target) === decodeUriPart(href.slice(hash + 1))) {
      problems.push({ ruleId: 'kindle-body-link', severity: 'error', message: `Unexpected link "${href}" to a <body> id, expected a link to the document or to an element inside it`, file });
    }
  };
  for (const [path, { links }] of documents) for (const href of links) check(path, href);
  if (ncx?.tree) for (const content of elementsNamed(ncx.tree, 'content')) check(ncx.path, attribute(content, 'src'));
}

/** The NCX named in the manifest and in the book, with its parse (shared with the package check), or none when it is not well-formed. */
interface NcxTree {
  path: string;
  tree?: Root;
}

function ncxTree(entries: EpubEntry[], book: PackageDocument): NcxTree | undefined {
  const item = book.manifest.find((candidate) => candidate.mediaType === 'application/x-dtbncx+xml');
  const entry = item && entries.find((candidate) => candidate.name === item.path);
  if (!item || !entry) return undefined;
  try {
    return { path: item.path, tree: parsedXmlEntry(entry) };
  } catch (error) {
    // Not UTF-8 (a user's EPUB): read leniently, as its text.
    if (error instanceof TypeError) return { path: item.path, tree: tryParseXml(new TextDecoder().decode(entry.bytes)) };
    return { path: item.path };
  }
}

/** The documents links point at, in order; links out of the book are left out. */
function linkTargets(from: string, hrefs: (string | undefined)[]): string[] {
  return hrefs.flatMap((href) => {
    if (href === undefined || /^[a-z][a-z\d+.-]*:/i.test(href)) return [];
    return resolveHref(from, href) ?? [];
  });
}

/** One line for a build's warnings: `Send to Kindle may reject the book: <message> (<file>) [<rule id>]`. */
export function describeKindleProblem(problem: KindleProblem): string {
  const lead = problem.severity === 'error' ? 'Send to Kindle may reject the book' : 'Send to Kindle';
  return `${lead}: ${problem.message}${problem.file ? ` (${problem.file})` : ''} [${problem.ruleId}]`;
}
