// What a build learnt of its books' files by their content (each deflated, each document found well-formed and its Kindle facts), kept in the build cache so that a rebuild deflates and parses only what changed.
import type { ContentMemo } from '../writers/content-memo.ts';
import { deflatedContents } from '../writers/zip-archive.ts';
import { wellFormedXml } from '../writers/epub-entries.ts';
import { kindleDocumentFacts } from '../writers/kindle/document-facts.ts';
import { CacheFolder } from './cache-folder.ts';

const memos: Record<string, ContentMemo<unknown>> = {
  deflated: deflatedContents as ContentMemo<unknown>,
  wellFormed: wellFormedXml as ContentMemo<unknown>,
  kindle: kindleDocumentFacts as ContentMemo<unknown>,
};

type KeptDocuments = Record<string, [string, unknown][]>;

/** One entry for the whole book: a build reads it once instead of hundreds of small ones. */
const documentsKey = () => CacheFolder.key('documents');

/** Before a build renders its books: adds what the last build kept, and starts recording what this one uses. */
export async function recallDocuments(cache: CacheFolder): Promise<void> {
  // A process that built before (`ficbind watch`, the studio) knows its last book's files already.
  const warm = Object.values(memos).every((memo) => memo.size > 0);
  const kept = warm ? undefined : await cache.get<KeptDocuments>('documents', await documentsKey());
  for (const [name, memo] of Object.entries(memos)) memo.recall(Array.isArray(kept?.[name]) ? kept[name] : []);
}

/** After its books are checked: keeps what this build used (and nothing else), for the next build. */
export async function keepDocuments(cache: CacheFolder): Promise<void> {
  const kept: KeptDocuments = {};
  for (const [name, memo] of Object.entries(memos)) kept[name] = memo.used();
  cache.set('documents', await documentsKey(), kept);
}
