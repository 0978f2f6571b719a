// Wingdings smileys: the lone `J` that Outlook and Word leave at a paragraph's end for a smiley typed as `:)` becomes `☺`, with a warning.
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import type { RuleSettings, TypographyRule } from './rule.ts';
import { reportAt } from './rule.ts';
import { applyEdits, collectTextRuns } from './text-runs.ts';

const ruleId = 'wingdings-smileys';
export const smiley = '\u263A';

/**
 * Outlook and Word turn `:)` into the Wingdings character `J`; pasted as text it stays a `J`. It is
 * read as a smiley only where a letter never stands: alone, at the end of a paragraph, after a
 * sentence's end (`Thanks! J`). A `J` after a comma (`Love, J`) signs a letter and is kept. The
 * rule is off by default (`typography: { wingdings-smileys: true }` turns it on): a name or an
 * initial can end a paragraph too (`It was signed. J`), and turning a letter into a picture is a
 * guess the author should choose; `ficbind check` on the shared stories stays as it was.
 */
const closingJ = /(?<=[.!?…)"”’] )J$/u;

const smileysPlugin: Plugin<[RuleSettings], Root> = () => (tree: Root, file: VFile) => {
  for (const run of collectTextRuns(tree)) {
    const match = closingJ.exec(run.text.trimEnd());
    if (!match) continue;
    reportAt(file, run, match.index, `Unexpected \`J\` at the end of the paragraph (Outlook's Wingdings smiley), expected \`${smiley}\``, ruleId);
    applyEdits(run, [{ start: match.index, end: match.index + 1, replacement: smiley }]);
  }
};

export const wingdingsSmileys: TypographyRule = {
  id: ruleId,
  description: 'Off unless turned on (true): a lone J ending a paragraph after a sentence (Thanks! J), left by Outlook or Word for a Wingdings smiley, becomes ☺, with a warning; a J after a comma (Love, J) is kept.',
  offByDefault: true,
  plugin: smileysPlugin,
};
