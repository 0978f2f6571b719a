// The typography rules in the order they run, and the processor that applies them to a story tree.
import type { Root } from 'mdast';
import { unified, type Processor } from 'unified';
import type { Node } from 'unist';
import { VFile } from 'vfile';
import type { InputFormat } from '../readers/index.ts';
import type { RuleSettings, TypographyRule } from './rule.ts';
import { whitespace } from './whitespace.ts';
import { sceneBreaks } from './scene-breaks.ts';
import { chapters } from './chapters.ts';
import { authorNotes } from './author-notes.ts';
import { ellipses } from './ellipses.ts';
import { dashes } from './dashes.ts';
import { primes } from './primes.ts';
import { minusSigns } from './minus-signs.ts';
import { wingdingsSmileys } from './wingdings-smileys.ts';
import { quotes } from './quotes.ts';
import { punctuationSpacing } from './punctuation-spacing.ts';

/**
 * Structure first (what is a paragraph, a break, a note, a chapter), then characters: ellipses and
 * dashes before quotes, so a quote after `—` or `…` sees the final glyph; spacing last.
 */
export const typographyRules: readonly TypographyRule[] = [
  whitespace,
  sceneBreaks,
  chapters,
  authorNotes,
  ellipses,
  dashes,
  minusSigns,
  primes,
  quotes,
  wingdingsSmileys,
  punctuationSpacing,
];

/** Per-rule config: `false` turns a rule off, an object passes options to it. */
export type TypographyConfig = Record<string, boolean | Record<string, unknown>>;

export interface TypographyOptions {
  language: string;
  /** Chosen by the user (config `dash-style`, `--dash-style`): wins over the language's convention. */
  dashStyle?: RuleSettings['dashStyle'];
  /** The theme's look, used where the language has no convention of its own. Default `closed-em`. */
  defaultDashStyle?: RuleSettings['dashStyle'];
  rules?: TypographyConfig;
}

/**
 * Languages whose books set a parenthetical dash as a spaced en dash, never a closed em dash
 * (German after Duden, French after the Imprimerie nationale, Dutch, the Scandinavian languages,
 * Polish, Czech and Slovak).
 */
const spacedDashLanguages = new Set(['de', 'fr', 'nl', 'da', 'sv', 'nb', 'nn', 'no', 'pl', 'cs', 'sk']);

/** The dash style a story gets: the user's choice, else its language's convention, else the theme's. */
export function dashStyleFor(options: TypographyOptions): RuleSettings['dashStyle'] {
  if (options.dashStyle) return options.dashStyle;
  if (spacedDashLanguages.has(options.language.split('-')[0].toLowerCase())) return 'spaced-en';
  return options.defaultDashStyle ?? 'closed-em';
}

export function findRule(id: string): TypographyRule | undefined {
  return typographyRules.find((rule) => rule.id === id);
}

/** Apply every enabled rule to the tree, in place; diagnostics land on `file.messages`. */
export function applyTypography(tree: Root, file: VFile, options: TypographyOptions, rules = typographyRules): Root {
  const format = file.data.format as InputFormat | undefined;
  processor(format, options, rules).runSync(tree, file);
  dropSourceMaps(tree);
  return tree;
}

/** One frozen processor per set of rules and settings, reused for every story that shares them. */
const processors = new WeakMap<readonly TypographyRule[], Map<string, Processor<Root, Root, Root>>>();

function processor(format: InputFormat | undefined, options: TypographyOptions, rules: readonly TypographyRule[]): Processor<Root, Root, Root> {
  const key = JSON.stringify([format, options.language, dashStyleFor(options), options.rules ?? null]);
  let byKey = processors.get(rules);
  if (!byKey) processors.set(rules, (byKey = new Map()));
  let made = byKey.get(key);
  if (!made) {
    const unfrozen = unified() as unknown as Processor<Root, Root, Root>;
    for (const rule of rules) {
      const setting = options.rules?.[rule.id];
      if (setting === false || (rule.offByDefault && setting === undefined)) continue;
      if (rule.formats && (!format || !rule.formats.includes(format))) continue;
      const settings: RuleSettings = {
        language: options.language,
        dashStyle: dashStyleFor(options),
        options: typeof setting === 'object' ? setting : {},
      };
      unfrozen.use(rule.plugin as never, settings);
    }
    made = unfrozen.freeze() as Processor<Root, Root, Root>;
    byKey.set(key, made);
  }
  return made;
}

/**
 * Text nodes carry a map from each character to its place in the source only while the rules run (to place their
 * diagnostics); a finished story does not keep it, so it costs no memory, cache space or copying between threads.
 */
function dropSourceMaps(tree: Root): void {
  const stack: Node[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Node & { children?: Node[]; data?: Record<string, unknown> };
    if (node.type === 'text' && node.data && 'sourceOffsets' in node.data) {
      delete node.data.sourceOffsets;
      if (Object.keys(node.data).length === 0) delete node.data;
    }
    // One push per child: spreading a block of 200,000 lines into push() would overflow the call stack.
    for (const child of node.children ?? []) stack.push(child);
  }
}

const characterRules = typographyRules.filter((rule) => !rule.structural);

/** A title, subtitle or summary set like the story text: quotes, apostrophes, dashes, ellipses (no structure). */
export function typesetLine(text: string, options: TypographyOptions): string {
  const file = new VFile({ value: text, data: { format: 'text' } });
  const tree: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] };
  applyTypography(tree, file, options, characterRules);
  const paragraph = tree.children[0];
  return paragraph.type === 'paragraph' ? paragraph.children.map((node) => ('value' in node ? node.value : '')).join('') : text;
}
