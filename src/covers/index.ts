// Cover templates: SVG with placeholders and text boxes, rendered with sharp into the 1600 × 2560 JPEG a book carries.
export { renderCover, maxCoverBytes, type CoverRequest, type CoverText, type RenderedCover, type PlacedText } from './render.ts';
export { loadCoverTemplate, coverSize, type CoverTemplate, type TextBox, type PhotoSlot, type Box } from './template.ts';
export { listCoverTemplates, findCoverTemplate, coverTemplateNames, templatePath, isTemplatePath, shippedCoversFolder, defaultCoverTemplate, UnknownCoverTemplate, type CoverTemplateEntry, type CatalogOptions } from './catalog.ts';
export { renderBookCover, coverFontsOf, type CoverSettings, type BookCoverOptions, type CoverTheme } from './book-cover.ts';
export { defaultCoverFonts, type CoverFonts, type CoverFont } from './fonts.ts';
export { fitText, setText, escapeMarkup, type TextStyle, type FitBox, type SetText } from './fit-text.ts';
export { paletteNames, placeholderNames, textPlaceholders, type CoverPalette, type PaletteName } from './placeholders.ts';
export type { PhotoSource } from './photo.ts';
