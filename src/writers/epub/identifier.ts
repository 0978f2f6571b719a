// The book's identifier: pinned in anthology.yaml, else a name-based UUID (version 5 layout) derived from the project, so rebuilds keep it.
import { createHash } from 'node:crypto';
import type { Anthology } from '../../story.ts';

/** ficbind's own UUID namespace: the same anthology gets the same identifier in every build. */
const ficbindNamespace = 'a7c3f1d2-5e8b-4c1a-9f6d-2b4e8c0d1a37';

/**
 * The pinned or project identifier a build gives; else `urn:uuid:…` from the anthology's title, editors, language and each story's title and authors. Any change to
 * those makes a new book in readers' libraries; text edits and typography fixes keep the identifier.
 */
export function bookIdentifier(anthology: Anthology): string {
  if (anthology.meta.identifier) return anthology.meta.identifier;
  const { title, editors, language } = anthology.meta;
  const name = JSON.stringify({
    title,
    editors,
    language,
    stories: anthology.stories.map((story) => [story.meta.title, story.meta.authors]),
  });
  return `urn:uuid:${nameBasedUuid(ficbindNamespace, name)}`;
}

/**
 * A project's identifier when anthology.yaml pins none: `urn:uuid:…` from the project folder's name and the
 * book's title only, so adding, removing or retitling a story (or a chapter) keeps the book's identity.
 */
export function projectIdentifier(projectFolderName: string, title: string): string {
  return `urn:uuid:${nameBasedUuid(ficbindNamespace, JSON.stringify({ project: projectFolderName, title }))}`;
}

/** RFC 4122 §4.3 name-based UUID with SHA-1 (version 5). */
export function nameBasedUuid(namespace: string, name: string): string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
