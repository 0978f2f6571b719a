// ficbind's public library API: build anthologies, fix and check stories. The CLI uses nothing else.
export { buildAnthology, type BuildOptions, type BuildResult, type BuiltFile, type BuildProgress } from './build.ts';
export { loadStory, loadStoryFromBytes, type StoryOptions } from './load-story.ts';
export { fixStoryFile, renderStory, checkStoryFiles, fixTargets, type FixTarget } from './check.ts';
export { initProject, schemaReference, type InitOptions, type InitResult } from './init/index.ts';
export { openProject, findConfig, listStories, configFileName, type Project, type ProjectOptions, type StoryLookup } from './project.ts';
export { loadConfig, parseConfig, outputFormats, type AnthologyConfig, type OutputFormat } from './config.ts';
export { typographyRules, type TypographyConfig } from './transforms/index.ts';
export type { TypographyRule, RuleSettings } from './transforms/rule.ts';
export type { Story, StoryMeta, Anthology, AnthologyMeta, SceneBreak, AuthorNote } from './story.ts';
export { FicbindError, InputError, ConfigError, UsageError, OutputError, type Place } from './errors.ts';
export { version } from './version.ts';
export { listThemes, loadTheme, lintEpubCss, defaultThemeName, type Theme, type ThemeFont, type ThemeColors, type ThemeListing, type CssProblem } from './themes/index.ts';
export { renderCover, findCoverTemplate, loadCoverTemplate, listCoverTemplates, renderBookCover, defaultCoverFonts, coverFontsOf, coverSize, defaultCoverTemplate, UnknownCoverTemplate, type CoverRequest, type CoverText, type RenderedCover, type CoverTemplate, type CoverTemplateEntry, type CoverPalette, type CoverFonts, type CoverSettings } from './covers/index.ts';
export { sendBooks, findDevices, deviceKind, defaultSearchRoots, type SendOptions, type SendResult, type SentBook, type Device, type DeviceKind, type FreeSpace } from './send/index.ts';
export { kepubify, kepubExtension, type KepubOptions } from './writers/kepub/index.ts';
export { checkKindleSafe, kindleSizeLimit, type KindleProblem, type KindleRuleId } from './writers/kindle/check.ts';
export { convertToAzw3, calibreMissingMessage, type Azw3Options } from './writers/kindle/azw3.ts';
export { runCommand, CommandNotFound, CommandFailed, type CommandRunner, type CommandResult, type CommandOptions } from './run-command.ts';
