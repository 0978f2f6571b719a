// Finds the images an HTML story refers to: only real JPEG, PNG and GIF files inside the input's own folder (or EPUB).
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, posix, relative, resolve, sep } from 'node:path';
import type { StoryAsset } from '../story.ts';

/** Larger files are not embedded: a story's illustration is never this big, a decompression bomb may be. */
export const maxImageBytes = 16 * 1024 * 1024;

/** An embeddable image, or why the reference cannot be embedded (worded to end "…, expected …"). */
export type ImageLookup = { asset: StoryAsset } | { problem: string };

/** Where an input's images come from: `load` takes the `src` exactly as the HTML wrote it. */
export interface ImageSource {
  load(src: string): ImageLookup;
}

/** No folder to look in (a story given as bytes): every image is dropped. */
export const noImages: ImageSource = {
  load: () => ({ problem: 'a story read from memory has no folder to take images from' }),
};

/** The images next to an HTML file: `src` relative to its folder, never leaving it (symbolic links included). */
export function folderImageSource(htmlPath: string): ImageSource {
  let folder: string | undefined;
  return {
    load(src) {
      const local = localReference(src);
      if ('problem' in local) return local;
      folder ??= realpathSync(dirname(resolve(htmlPath)));
      const candidate = resolve(folder, ...local.path.split('/'));
      if (!isInside(folder, candidate)) return { problem: `\`${src}\` points outside the story's folder` };
      let real: string;
      try {
        real = realpathSync(candidate);
      } catch {
        return { problem: `\`${src}\` does not exist` };
      }
      if (!isInside(folder, real)) return { problem: `\`${src}\` is a link to a file outside the story's folder` };
      const stats = statSync(real);
      if (!stats.isFile()) return { problem: `\`${src}\` is not a file` };
      if (stats.size > maxImageBytes) return { problem: `\`${src}\` is larger than ${maxImageBytes / 1024 / 1024} MB` };
      return assetOrProblem(readFileSync(real), src);
    },
  };
}

/** Images inside an EPUB: `src` relative to the document at `documentPath`, looked up among `entries`. */
export function archiveImageSource(documentPath: string, entries: ReadonlyMap<string, Uint8Array>): ImageSource {
  return {
    load(src) {
      const local = localReference(src);
      if ('problem' in local) return local;
      const name = resolveArchivePath(documentPath, local.path);
      const bytes = name === undefined ? undefined : entries.get(name);
      if (!bytes) return { problem: `\`${src}\` is not in the EPUB` };
      return assetOrProblem(bytes, src);
    },
  };
}

/** A path inside an archive, relative to a document in it; undefined when it climbs out of the archive. */
export function resolveArchivePath(documentPath: string, reference: string): string | undefined {
  const joined = posix.normalize(posix.join(posix.dirname(documentPath), reference));
  if (joined.startsWith('../') || joined === '..' || posix.isAbsolute(joined)) return undefined;
  return joined;
}

/** The decoded relative path of a local reference, or why it is not one. */
export function localReference(src: string): { path: string } | { problem: string } {
  const trimmed = src.trim();
  if (trimmed === '') return { problem: 'the image has no source' };
  if (/^data:/i.test(trimmed)) return { problem: 'images inlined as `data:` URLs are not embedded' };
  if (/^file:/i.test(trimmed)) return { problem: `\`${abbreviate(trimmed)}\` is a file address, not a path relative to the story` };
  if (/^[a-z][a-z\d+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) {
    return { problem: `\`${abbreviate(trimmed)}\` is a remote image (a build never downloads anything)` };
  }
  let path: string;
  try {
    path = decodeURIComponent(trimmed.replace(/[?#].*$/, ''));
  } catch {
    return { problem: `\`${abbreviate(trimmed)}\` is not a valid file name` };
  }
  if (path.includes('\0') || path.includes('\\') || isAbsolute(path) || path.startsWith('/')) {
    return { problem: `\`${abbreviate(trimmed)}\` is not a path relative to the story` };
  }
  return { path };
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel);
}

function abbreviate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function assetOrProblem(bytes: Uint8Array, src: string): ImageLookup {
  const asset = imageAsset(bytes);
  return asset ? { asset } : { problem: `\`${src}\` is not a JPEG, PNG or GIF image` };
}

const imageTypes: { mediaType: StoryAsset['mediaType']; extension: string; magic: number[] }[] = [
  { mediaType: 'image/jpeg', extension: 'jpg', magic: [0xff, 0xd8, 0xff] },
  { mediaType: 'image/png', extension: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mediaType: 'image/gif', extension: 'gif', magic: [0x47, 0x49, 0x46, 0x38] },
];

/** The asset for an image's bytes, judged by content (never by file name); undefined for anything else. */
export function imageAsset(bytes: Uint8Array): StoryAsset | undefined {
  const type = imageTypes.find(({ magic }) => bytes.length > magic.length && magic.every((byte, index) => bytes[index] === byte));
  if (!type) return undefined;
  if (type.mediaType === 'image/gif' && !((bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61)) return undefined;
  // Named by content: the same picture twice is one file, and names never come from the input.
  const id = `img-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.${type.extension}`;
  return { id, mediaType: type.mediaType, bytes };
}
