// ficbind's public library API: build anthologies, fix and check stories. The CLI uses nothing else.
export { buildAnthology, type BuildOptions, type BuildResult, type BuiltFile, type BuildProgress } from './build.ts';
export { loadStory, loadStoryFromBytes, type StoryOptions } from './load-story.ts';
export { fixStoryFile, renderStory, checkStoryFiles, fixTargets, type FixTarget } from './check.ts';
export { loadConfig, parseConfig, outputFormats, type AnthologyConfig, type OutputFormat } from './config.ts';
export { typographyRules, type TypographyConfig } from './transforms/index.ts';
export type { TypographyRule, RuleSettings } from './transforms/rule.ts';
export type { Story, StoryMeta, Anthology, AnthologyMeta, SceneBreak, AuthorNote } from './story.ts';
export { FicbindError, InputError, ConfigError, UsageError, OutputError, type Place } from './errors.ts';
export { version } from './version.ts';
