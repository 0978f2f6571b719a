// Runs chosen typography rules alone (not the whole pipeline) on a story text, for tests of one rule's own behaviour.
import { unified } from 'unified';
import { readStoryBytes } from '../../src/readers/index.ts';
import type { RuleSettings, TypographyRule } from '../../src/transforms/rule.ts';
import { storyToText } from '../../src/writers/text.ts';

export interface RunRulesOptions extends Partial<RuleSettings> {
  /** Decides the reader: `story.txt` (default) or `story.md`. */
  path?: string;
}

/** Read `input`, apply `rules` in the given order with the given settings, return the text output, tree and file. */
export function runRules(rules: TypographyRule[], input: string, { path = 'story.txt', ...settings }: RunRulesOptions = {}) {
  const { tree, file } = readStoryBytes(new TextEncoder().encode(input), path);
  const processor = unified();
  for (const rule of rules) {
    processor.use(rule.plugin, { language: settings.language ?? 'en', dashStyle: settings.dashStyle ?? 'closed-em', options: settings.options ?? {} });
  }
  processor.runSync(tree, file);
  return { text: storyToText(tree), tree, file };
}

/** Invisible characters made visible, for readable assertion failures. */
export function showInvisibles(text: string): string {
  return text.replace(/\u2060/g, '⟨WJ⟩').replace(/\u00A0/g, '⟨NBSP⟩').replace(/\u202F/g, '⟨NNBSP⟩');
}
