// Keeps ids unique when stories share a book, and points every link at a place a reader can reach.
import type { Root, Element } from 'hast';
import { eachElement } from '../hast-elements.ts';

/** Properties that hold one or more ids of elements in the same document. */
const idReferenceProperties = ['ariaDescribedBy', 'ariaLabelledBy', 'ariaControls', 'ariaOwns', 'ariaFlowTo', 'htmlFor', 'headers'];

/** Schemes a reader can follow out of the book; other links (relative files, `javascript:`) lead nowhere. */
const externalLink = /^(?:https?|mailto):/i;

/** One output file of a story and the hast it will hold. */
export interface LinkedDocument {
  filename: string;
  tree: Root;
}

/**
 * Prefixes every id, and every same-document reference to one, so this tree's ids cannot meet another story's.
 * Ids are also made plain (`fn-my note` or `fn-my%20note` becomes `fn-my-note`): a percent-escape in an id
 * matches no link, since readers decode the link's fragment but not the id.
 */
export function prefixIds(tree: Root, prefix: string): void {
  const rename = (id: string) => prefix + plainId(id);
  eachElement(tree, (element) => {
    const { properties } = element;
    if (typeof properties.id === 'string') properties.id = rename(properties.id);
    const href = properties.href;
    if (typeof href === 'string' && href.startsWith('#') && href.length > 1) properties.href = `#${rename(href.slice(1))}`;
    for (const name of idReferenceProperties) {
      const value = properties[name];
      if (value === undefined || value === null) continue;
      properties[name] = listedIds(value).map(rename);
    }
  });
}

/** The id with percent-escapes decoded and anything but ASCII letters, digits, `_`, `.` and `-` turned into `-`. */
function plainId(id: string): string {
  let decoded = id;
  try {
    decoded = decodeURIComponent(id);
  } catch {
    // Not valid percent-encoding: take it as written.
  }
  return decoded.replace(/[^A-Za-z0-9_.-]+/g, '-') || 'id';
}

function listedIds(value: NonNullable<Element['properties'][string]>): string[] {
  return Array.isArray(value) ? value.map(String) : String(value).split(/\s+/).filter(Boolean);
}

/**
 * Makes ids unique across the documents of one story (renaming later duplicates), then points each `#id` link at
 * the document holding that id: the same file when it is there, another file of the story when it is not.
 * Links that lead nowhere (a missing id, a relative file, an unknown scheme) become plain `<span>`s, and id
 * references to missing elements are dropped: EPUBCheck rejects both.
 */
export function linkDocuments(documents: LinkedDocument[]): void {
  const allIds = new Set<string>();
  for (const document of documents) for (const id of idsIn(document.tree)) allIds.add(id);

  const owner = new Map<string, string>();
  const renamesByDocument = documents.map((document) => claimIds(document, owner, allIds));

  documents.forEach((document, index) => {
    const renames = renamesByDocument[index];
    const resolve = (id: string) => renames.get(id) ?? id;
    eachElement(document.tree, (element) => {
      dropMissingIdReferences(element, resolve, (id) => owner.get(id) === document.filename);
      const href = element.properties.href;
      if (element.tagName !== 'a' || typeof href !== 'string') return;
      const target = href.startsWith('#') ? linkTarget(href.slice(1), resolve, owner, document.filename) : undefined;
      if (target !== undefined) element.properties.href = target;
      else if (!externalLink.test(href)) unlink(element);
    });
  });
}

function idsIn(tree: Root): string[] {
  const ids: string[] = [];
  eachElement(tree, (element) => {
    if (typeof element.properties.id === 'string') ids.push(element.properties.id);
  });
  return ids;
}

/** Records which document owns each id; renames ids already owned. Returns the renames later links should follow. */
function claimIds(document: LinkedDocument, owner: Map<string, string>, allIds: Set<string>): Map<string, string> {
  const renames = new Map<string, string>();
  const seenHere = new Set<string>();
  eachElement(document.tree, (element) => {
    const id = element.properties.id;
    if (typeof id !== 'string') return;
    if (!owner.has(id)) {
      owner.set(id, document.filename);
      seenHere.add(id);
      return;
    }
    const fresh = freshId(id, owner, allIds);
    owner.set(fresh, document.filename);
    element.properties.id = fresh;
    // Links in this document mean this document's element, unless it already had one by that id.
    if (!seenHere.has(id)) renames.set(id, fresh);
    seenHere.add(id);
  });
  return renames;
}

function freshId(id: string, owner: Map<string, string>, allIds: Set<string>): string {
  for (let suffix = 2; ; suffix++) {
    const candidate = `${id}-${suffix}`;
    if (!owner.has(candidate) && !allIds.has(candidate)) return candidate;
  }
}

/** The href for a fragment, or `undefined` when no document of the story has the id. */
function linkTarget(
  fragment: string,
  resolve: (id: string) => string,
  owner: Map<string, string>,
  filename: string,
): string | undefined {
  const local = resolve(fragment);
  if (owner.get(local) === filename) return `#${local}`;
  const elsewhere = owner.get(fragment);
  return elsewhere === undefined ? undefined : `${elsewhere}#${fragment}`;
}

function dropMissingIdReferences(element: Element, resolve: (id: string) => string, isHere: (id: string) => boolean): void {
  for (const name of idReferenceProperties) {
    const value = element.properties[name];
    if (value === undefined || value === null) continue;
    const ids = listedIds(value).map(resolve).filter(isHere);
    if (ids.length > 0) element.properties[name] = ids;
    else delete element.properties[name];
  }
}

/** Keeps the link's text (and its id, which a footnote back-link may target) without the dead link. */
function unlink(element: Element): void {
  element.tagName = 'span';
  delete element.properties.href;
  delete element.properties.dataFootnoteRef;
}
