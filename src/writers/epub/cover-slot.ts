// The EPUB's cover: the JPEG as the `cover-image` manifest item, and a cover page holding it alone, first in the spine.
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { AnthologyMeta } from '../../story.ts';
import { contentDocument } from './content-document.ts';
import type { BookPlan } from './book-plan.ts';
import type { EpubResource } from './font-subset.ts';
import { OutputError } from '../../errors.ts';
import { bookLabels, type BookLabels } from '../../labels/index.ts';

/** Where the cover image sits in the book, relative to the package document. */
export const coverImageHref = 'images/cover.jpg';
export const coverPageFilename = 'cover.xhtml';

/**
 * The cover image as a manifest item marked `cover-image` (the package document also names it in the EPUB 2
 * `<meta name="cover">`), or nothing when the book has no cover.
 */
export function coverResources(cover: Uint8Array | undefined): EpubResource[] {
  if (!cover) return [];
  if (!(cover[0] === 0xff && cover[1] === 0xd8 && cover[2] === 0xff)) {
    throw new OutputError('The EPUB cover must be a JPEG image (render one with `ficbind cover`).');
  }
  return [{ href: coverImageHref, mediaType: 'image/jpeg', properties: 'cover-image', bytes: cover }];
}

/** `Cover of <title>`, in the book's language: the cover image's alternative text. */
export function coverAlt(meta: AnthologyMeta, labels: BookLabels = bookLabels(meta.language, meta.labels)): string {
  return labels.text('cover-alt', { title: meta.title.trim() });
}

/** Width and height of a JPEG, read from its first frame header (SOF0–SOF15 except DHT, JPG and DAC). */
export function jpegSize(bytes: Uint8Array): { width: number; height: number } {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) break;
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const length = (bytes[offset + 2] << 8) | bytes[offset + 3];
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = (bytes[offset + 5] << 8) | bytes[offset + 6];
      const width = (bytes[offset + 7] << 8) | bytes[offset + 8];
      if (width > 0 && height > 0) return { width, height };
      break;
    }
    offset += 2 + length;
  }
  throw new OutputError('Cannot read the size of the cover JPEG: it has no frame header (render the cover again with `ficbind cover`).');
}

/**
 * Puts the cover page first in the spine (before the title page) and first among the landmarks. The page holds
 * the image alone in an SVG wrapper whose `viewBox` is the picture's size, as Calibre writes covers: the SVG fills
 * the screen and scales the picture to fit, keeping its proportions, in every reader, without viewport units
 * (Adobe's engine knows no `vh`). The manifest marks the page `svg`.
 */
export function addCoverPage(plan: BookPlan, meta: AnthologyMeta, cover: Uint8Array): void {
  const { width, height } = jpegSize(cover);
  const alt = coverAlt(meta, plan.labels);
  const picture: Element = {
    type: 'element',
    tagName: 'svg',
    properties: {
      xmlns: 'http://www.w3.org/2000/svg',
      'xmlns:xlink': 'http://www.w3.org/1999/xlink',
      version: '1.1',
      width: '100%',
      height: '100%',
      viewBox: `0 0 ${width} ${height}`,
      preserveAspectRatio: 'xMidYMid meet',
      role: 'img',
      'aria-label': alt,
    },
    children: [
      { type: 'element', tagName: 'title', properties: {}, children: [{ type: 'text', value: alt }] },
      { type: 'element', tagName: 'image', properties: { width: String(width), height: String(height), 'xlink:href': coverImageHref }, children: [] },
    ],
  };
  const body = h('section.cover', { 'epub:type': 'cover', style: 'margin: 0; padding: 0; height: 100%; text-align: center; text-indent: 0;' }, [picture]);
  plan.documents.unshift({
    id: 'cover',
    filename: coverPageFilename,
    title: meta.title,
    ...contentDocument({ title: meta.title, language: meta.language, bodyClass: 'cover' }, body),
    beforeToc: true,
    properties: 'svg',
  });
  plan.package.landmarks.unshift({ type: 'cover', title: plan.labels.text('cover'), href: coverPageFilename });
}
