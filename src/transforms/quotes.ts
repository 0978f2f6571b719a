// Quotes and apostrophes: straight marks become the language's curly quotes and `’`; mismatched, misfacing, spaced and unpaired quotes are repaired or reported.
import type { Root, Parent, RootContent } from 'mdast';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import type { Point } from 'unist';
import type { RuleSettings, TypographyRule } from './rule.ts';
import { report } from './rule.ts';
import { applyEdits, collectTextRuns, pointAt } from './text-runs.ts';
import { decideQuotes, topLevelKind, type ParagraphQuotes } from './quotes/pairing.ts';
import { quoteFixes, type QuoteWarning } from './quotes/quote-edits.ts';
import { quoteStyleFor, type QuoteStyle } from './quotes/quote-styles.ts';
import { languageTag, mapping } from '../schema/values.ts';

export interface QuotesOptions {
  /** A BCP 47 tag whose quotation marks to use instead of the story's language (`"de-CH"`). */
  style?: string;
}

const ruleId = 'quotes';

const quotesPlugin: Plugin<[RuleSettings], Root> = (settings) => {
  const options = settings.options as QuotesOptions;
  const style = quoteStyleFor(typeof options.style === 'string' ? options.style : settings.language);
  return (tree: Root, file: VFile) => {
    const runs = collectTextRuns(tree);
    const paragraphs = runs.map((run, index) => decideQuotes(run, style, runs[index + 1]));
    const repairs: Report[] = [];
    let unpaired: Report[][] = [];
    for (let reading = 1; ; reading++) {
      settleUnclosedQuotations(tree, paragraphs, style);
      const changed: number[] = [];
      unpaired = paragraphs.map((paragraph, index) => {
        const { edits, warnings } = quoteFixes(paragraph, style);
        const place = (warning: QuoteWarning): Report => ({ ...warning, point: pointAt(file, paragraph.run, warning.offset) });
        if (reading === 1) repairs.push(...warnings.filter((warning) => !warning.unpaired).map(place));
        const left = warnings.filter((warning) => warning.unpaired).map(place);
        if (edits.length) {
          paragraph.run = applyEdits(paragraph.run, edits);
          changed.push(index);
        }
        return left;
      });
      if (changed.length === 0 || reading === maxReadings) break;
      for (const index of changed) paragraphs[index] = decideQuotes(paragraphs[index].run, style, paragraphs[index + 1]?.run);
    }
    const reports = [...repairs, ...unpaired.flat()].sort(bySourcePlace);
    for (const { point, reason, severity } of reports) report(file, point, reason, ruleId, severity);
  };
};

interface Report extends QuoteWarning {
  point: Point | undefined;
}

const bySourcePlace = (a: Report, b: Report) => (a.point?.line ?? 0) - (b.point?.line ?? 0) || (a.point?.column ?? 0) - (b.point?.column ?? 0);

/**
 * Curly marks say more than straight ones (`‘` can only open), so the rule reads the paragraphs
 * it changed again until nothing changes — twice for almost every paragraph; a few broken ones
 * need more, as each reading settles one more mark — and fixing fixed text is a no-op.
 * Repairs are reported from the first reading (they are about what the author typed), marks
 * left unpaired from the last one (they are what the reader will see).
 */
const maxReadings = 8;

/**
 * A quotation may run over several paragraphs: each one opens with a quote mark and only the
 * last closes. A paragraph's outermost open quotation is fine when the next paragraph (its next
 * sibling) starts with an opening mark shown the same way, and a quotation nested in it when the
 * next paragraph reopens that too (Chicago: `“‘…` at each paragraph's start); every other
 * unclosed mark is unpaired.
 */
function settleUnclosedQuotations(tree: Root, paragraphs: ParagraphQuotes[], style: QuoteStyle) {
  if (!paragraphs.some((paragraph) => paragraph.unclosed.length > 0)) return;
  const byBlock = new Map<Parent, ParagraphQuotes>();
  for (const paragraph of paragraphs) byBlock.set(paragraph.run.block, paragraph);
  const nextSibling = new Map<Parent, RootContent>();
  const walk = (node: Parent) => {
    node.children.forEach((child, index) => {
      const next = node.children[index + 1];
      if (next && 'children' in child) nextSibling.set(child as Parent, next as RootContent);
      if ('children' in child) walk(child as Parent);
    });
  };
  walk(tree);
  for (const paragraph of paragraphs) {
    const [outermost, ...inner] = paragraph.unclosed;
    if (!outermost) continue;
    const block = paragraph.run.block;
    const next = nextSibling.get(block);
    const following = block.type === 'paragraph' && next?.type === 'paragraph' ? byBlock.get(next) : undefined;
    const leading = following?.leadingOpens ?? [];
    const continued = leading.length > 0 && topLevelKind(leading[0], style.authorKindAtTop) === topLevelKind(outermost, style.authorKindAtTop);
    outermost.continued = continued;
    outermost.role = continued ? 'open' : 'unpaired';
    // A nested quotation goes on too when the next paragraph reopens it as well (`"'Listen`).
    inner.forEach((decision, index) => {
      const reopened = leading[index + 1];
      decision.continued = continued && reopened !== undefined && reopened.mark.kind === decision.mark.kind;
      decision.role = decision.continued ? 'open' : 'unpaired';
    });
  }
}

export const quotes: TypographyRule = {
  id: ruleId,
  options: mapping(
    {
      style: languageTag.optional().meta({ description: 'A BCP 47 tag whose quotation marks to use instead of the story\'s language, e.g. de-CH for « ».', examples: ['de-CH'] }),
    },
    { noun: 'option' },
  ),
  description:
    'Straight quotes become curly quotes of the story’s language (English “ ” ‘ ’, French « », German „ “) and apostrophes become ’, elisions (’em, ’90s) included; a mark after a number that no quotation claims becomes a prime (16″); mismatched, wrongly facing and spaced quotes are repaired with a warning, unpaired ones reported.',
  plugin: quotesPlugin,
};
