// Flags shared by the story-level commands (fix, check): language and dash style.
import type { Argv } from 'yargs';
import { UsageError } from '../../errors.ts';
import type { StoryOptions } from '../../load-story.ts';

export interface StoryFlags {
  language?: string;
  dashStyle?: 'closed-em' | 'spaced-en';
}

export function storyOptionFlags(yargs: Argv) {
  return yargs
    .option('language', { type: 'string', describe: "BCP 47 language when a story doesn't name one [default: en]" })
    .option('dash-style', { type: 'string', choices: ['closed-em', 'spaced-en'], describe: 'Parenthetical dashes: word—word or word – word [default: closed-em]' });
}

export async function storyOptionsFrom(args: StoryFlags): Promise<StoryOptions> {
  const { InvalidValue, validateLanguage } = await import('../../config.ts');
  try {
    return { language: args.language ? validateLanguage(args.language, '--language') : 'en', dashStyle: args.dashStyle };
  } catch (error) {
    throw error instanceof InvalidValue ? new UsageError(error.message) : error;
  }
}
