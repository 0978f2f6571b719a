// What a typography rule is: a unified plugin with a permanent id, its settings, and how it reports.
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import type { Point } from 'unist';
import type { ZodObject } from 'zod';
import type { InputFormat } from '../readers/index.ts';
import { pointAt, type TextRun } from './text-runs.ts';

/** Settings every rule receives: the story's language and the theme's dash style, plus its own options. */
export interface RuleSettings {
  /** BCP 47 language of the story (quote style, spacing before punctuation). */
  language: string;
  /** `closed-em`: word—word (default). `spaced-en`: word – word. */
  dashStyle: 'closed-em' | 'spaced-en';
  /** The rule's own options from config (`typography: { <rule-id>: { … } }`). */
  options: Record<string, unknown>;
}

export interface TypographyRule {
  /** Permanent id, used in diagnostics and config. Never rename one. */
  id: string;
  description: string;
  /** Formats the rule applies to; all when absent (plain-text chapter detection is text-only). */
  formats?: InputFormat[];
  /** The rule decides what blocks are (breaks, notes, chapters), so it never runs on a title or a summary. */
  structural?: boolean;
  /** Runs only when turned on (`typography: { <id>: true }`): its repair guesses at what the author meant. */
  offByDefault?: boolean;
  /** The rule's options in anthology.yaml (`typography: { <id>: { … } }`), each key described; none when absent. */
  options?: ZodObject;
  plugin: Plugin<[RuleSettings], Root>;
}

export type Severity = 'error' | 'warning' | 'info';

/** Report at a character of a text run: "Unexpected X, expected Y" wording, with the rule id. */
export function reportAt(file: VFile, run: TextRun, offset: number, reason: string, ruleId: string, severity: Severity = 'warning') {
  return report(file, pointAt(file, run, offset), reason, ruleId, severity);
}

export function report(file: VFile, place: Point | undefined, reason: string, ruleId: string, severity: Severity = 'warning') {
  const message = file.message(reason, { place, ruleId, source: 'ficbind' });
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined;
  return message;
}
