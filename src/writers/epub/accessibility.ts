// The book's accessibility metadata (EPUB Accessibility 1.1, schema.org terms): what it offers, stated only as far as it is true.
import type { BookPlan } from './book-plan.ts';

/** One `<meta property="…">value</meta>` of the package document. */
export interface AccessibilityMeta {
  property: string;
  value: string;
}

/** What the summary says about the stories' own pictures. */
export interface StoryImageFacts {
  /** Places a story shows a picture. */
  shown: number;
  /** Of those, the ones without a description (their source gave none). */
  undescribed: number;
}

/**
 * Access modes, features, hazards and a summary for the package metadata. Every book is text with headings for
 * each story and chapter, a table of contents (nav and NCX) and one reading order; a book with images (the cover,
 * pictures in the stories) adds the visual access mode, and claims text alternatives only when every image has
 * one. Nothing flashes, moves or plays sound. No conformance to WCAG is claimed (`dcterms:conformsTo`): nobody
 * has evaluated the book.
 */
export function accessibilityMetadata(plan: BookPlan): AccessibilityMeta[] {
  const images = hasImages(plan);
  const storyImages: StoryImageFacts = { shown: plan.images.shown, undescribed: plan.images.undescribed };
  const described = images && storyImages.undescribed === 0;
  const meta = (property: string, value: string): AccessibilityMeta => ({ property: `schema:${property}`, value });
  return [
    meta('accessMode', 'textual'),
    ...(images ? [meta('accessMode', 'visual')] : []),
    meta('accessModeSufficient', 'textual'),
    meta('accessibilityFeature', 'structuralNavigation'),
    meta('accessibilityFeature', 'tableOfContents'),
    meta('accessibilityFeature', 'readingOrder'),
    ...(described ? [meta('accessibilityFeature', 'alternativeText')] : []),
    meta('accessibilityHazard', 'none'),
    meta('accessibilitySummary', accessibilitySummary(images, storyImages)),
  ];
}

/** The summary a reading system shows: plain sentences about what a reader can rely on. */
export function accessibilitySummary(images: boolean, storyImages: StoryImageFacts = { shown: 0, undescribed: 0 }): string {
  return [
    'An anthology of stories in text.',
    'Each story and chapter starts with a heading and is listed in the table of contents; the reading order is the order of the stories.',
    imageSentence(images, storyImages),
    'It has no audio, video or flashing content.',
    'No conformance to an accessibility standard is claimed.',
  ].join(' ');
}

function imageSentence(images: boolean, storyImages: StoryImageFacts): string {
  if (!images) return 'It has no images apart from decorative ornaments, which are hidden from screen readers.';
  if (storyImages.shown === 0) return 'The cover image has a text description; decorative ornaments are hidden from screen readers.';
  if (storyImages.undescribed === 0) return 'Every image has a text description; decorative ornaments are hidden from screen readers.';
  return 'Some pictures in the stories have no text description, because their source gave none; screen readers pass over them, as over decorative ornaments.';
}

/**
 * Whether any document shows an image (`<img>`, or the cover's SVG `<image>`) other than the theme's ornament at
 * scene breaks (`<img class="ornament">`, decorative). The documents come from our XHTML serializer, which escapes
 * `<` in text and attribute values and writes `class` first, so `<img` can only be the start of an image element.
 */
function hasImages(plan: BookPlan): boolean {
  return plan.documents.some((document) => /<image[\s/>]|<img(?! class="ornament")[\s/>]/.test(document.xhtml));
}
