// The EPUB's cover: the JPEG as the `cover-image` manifest item, and a cover page holding it alone, first in the spine.
import { h } from 'hastscript';
import type { AnthologyMeta } from '../../story.ts';
import { contentDocument } from './nav-document.ts';
import type { BookPlan } from './book-plan.ts';
import type { EpubResource } from './font-subset.ts';
import { OutputError } from '../../errors.ts';

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

/** `Cover of <title>`: the cover image's alternative text. */
export function coverAlt(meta: AnthologyMeta): string {
  return `Cover of ${meta.title.trim()}`;
}

/**
 * Puts the cover page first in the spine (before the title page) and first among the landmarks. The page holds
 * the image alone, scaled to fit the screen whatever the theme's stylesheet says about margins.
 */
export function addCoverPage(plan: BookPlan, meta: AnthologyMeta): void {
  const image = h('img', {
    src: coverImageHref,
    alt: coverAlt(meta),
    style: 'display: block; max-width: 100%; max-height: 100vh; height: auto; margin: 0 auto;',
  });
  const body = h('section.cover', { 'epub:type': 'cover', style: 'margin: 0; padding: 0; text-align: center; text-indent: 0;' }, [image]);
  plan.documents.unshift({
    id: 'cover',
    filename: coverPageFilename,
    title: meta.title,
    xhtml: contentDocument({ title: meta.title, language: meta.language, bodyClass: 'cover' }, body),
    beforeToc: true,
  });
  plan.package.landmarks.unshift({ type: 'cover', title: 'Cover', href: coverPageFilename });
}
