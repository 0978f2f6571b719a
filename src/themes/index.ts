// Themes: `templates/<name>/` folders with a manifest, an EPUB stylesheet, a PDF template, ornaments and fonts.
export { readThemeManifest, parseThemeManifest, manifestNames, type Theme, type ThemeFont, type ThemeFace, type ThemeColors } from './manifest.ts';
export { listThemes, loadTheme, themeFolders, bundledThemesFolder, defaultThemeName, UnknownTheme, type ThemeListing, type ThemeSearch } from './registry.ts';
export { lintEpubCss, type CssProblem } from './css-lint.ts';
export { epubOptionsFor, pdfOptionsFor, pdfFontsFor, type ThemedBook } from './writer-options.ts';
