// Flags shared by the story-level commands (fix, check): language, dash style and the anthology.yaml they override.
import type { Argv } from 'yargs';
import { UsageError } from '../../errors.ts';
import type { StoryLookup } from '../../project.ts';

export interface StoryFlags {
  language?: string;
  dashStyle?: 'closed-em' | 'spaced-en';
  config?: string;
}

export function storyOptionFlags(yargs: Argv) {
  return yargs
    .option('language', { type: 'string', describe: "BCP 47 language when a story doesn't name one [default: from anthology.yaml, else en]" })
    .option('dash-style', { type: 'string', choices: ['closed-em', 'spaced-en'], describe: "Parenthetical dashes: word—word or word – word [default: from anthology.yaml, else the language's or closed-em]" })
    .option('config', {
      alias: 'c',
      type: 'string',
      describe: "anthology.yaml whose language, dash style, typography and theme apply [default: the nearest anthology.yaml in the story's folder or above]",
    });
}

export async function storyOptionsFrom(args: StoryFlags): Promise<StoryLookup> {
  const { InvalidValue, validateLanguage } = await import('../../config.ts');
  try {
    return { language: args.language ? validateLanguage(args.language, '--language') : undefined, dashStyle: args.dashStyle, config: args.config };
  } catch (error) {
    throw error instanceof InvalidValue ? new UsageError(error.message) : error;
  }
}
