// Space before punctuation: removed (with a warning) in English, made a narrow no-break space before `; : ! ?` in French.
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { reportAt, type RuleSettings, type TypographyRule } from './rule.ts';
import { applyEdits, collectTextRuns, runSegments, type Edit, type RunSegment, type TextRun } from './text-runs.ts';

const ruleId = 'punctuation-spacing';
/** U+202F, the French espace fine insécable. */
const narrowNoBreakSpace = '\u202F';

/**
 * How a language spaces its punctuation. `removeBefore`: marks that take no space before them
 * (a space there is a repair, with a warning). `narrowBefore`: marks that take a narrow no-break
 * space before them (typed as a space or nothing, it becomes U+202F: ordinary typography, no warning).
 */
interface Convention {
  removeBefore: string;
  narrowBefore: string;
}

const conventions: Record<'english' | 'french' | 'other', Convention> = {
  english: { removeBefore: ',.;:!?', narrowBefore: '' },
  french: { removeBefore: ',.', narrowBefore: ';:!?' },
  // German, Spanish and the rest: only the comma and the period are sure to take no space.
  other: { removeBefore: ',.', narrowBefore: '' },
};

function conventionFor(language: string): Convention {
  const primary = language.toLowerCase().split('-')[0];
  if (primary === 'en' || primary === '') return conventions.english;
  if (primary === 'fr') return conventions.french;
  return conventions.other;
}

/** Spaces before one mark of `, . ; : ! ?`; French also looks at `; : ! ?` typed with no space. */
const spacedMark = /([ \t\u00A0\u202F\u2009\u200A]+)([,.;:!?])/g;
const maybeSpacedMark = /([ \t\u00A0\u202F\u2009\u200A]*)([,.;:!?])/g;

/** A period or an ellipsis just before `at`, word joiners aside. */
function followsDot(slice: string, at: number): boolean {
  let index = at - 1;
  while (slice[index] === '\u2060') index--;
  return slice[index] === '.' || slice[index] === '\u2026';
}

/** Emoticons are not punctuation: `:)`, `;-)`, `:D`, `:'(`, `:P`. */
const emoticonAhead = /^[:;]['\-^]?[()[\]DPpOo03|\\/*]/;
/**
 * After a sentence mark comes a space, the line's end, a closing quote or bracket or more
 * punctuation. `.5`, `.com`, `10:30`, `http://` and `:)` are not sentence marks.
 */
const sentenceEndFollowers = /[\s"'”’»›)\]},.;:!?…*_]/;
/** `; : ! ?` typed straight after one of these gets a narrow space in French (`mot;` → `mot ;`). */
const frenchSpaceAfter = /[\p{L}\p{N}»”’)\]]/u;

interface Spacing {
  edits: Edit[];
  /** Offsets (in the run) of spaces removed: each is reported. */
  removed: { offset: number; mark: string }[];
}

function spacingEdits(text: string, segment: RunSegment, convention: Convention): Spacing {
  const spacing: Spacing = { edits: [], removed: [] };
  const slice = text.slice(segment.start, segment.end);
  const marks = convention.narrowBefore ? maybeSpacedMark : spacedMark;
  marks.lastIndex = 0;
  for (let match = marks.exec(slice); match; match = marks.exec(slice)) {
    const [, spaces, mark] = match;
    const from = match.index;
    const markAt = from + spaces.length;
    if (!isSentenceMark(slice, markAt)) continue;
    // A mark at a line's start, or after nothing but the line's indentation, is not spaced from a word.
    if (from === 0 && segment.startsLine) continue;
    const at = (replacement: string) => ({ start: segment.start + from, end: segment.start + markAt, replacement });
    if (convention.removeBefore.includes(mark)) {
      // `… .` stays apart: closed up, it would be a different ellipsis (`….`), which is the ellipses rule's to decide.
      if (!spaces || (mark === '.' && followsDot(slice, from))) continue;
      spacing.edits.push(at(''));
      spacing.removed.push({ offset: segment.start + from, mark });
    } else if (convention.narrowBefore.includes(mark)) {
      const before = slice[from - 1];
      if (spaces === narrowNoBreakSpace) continue;
      if (!spaces && (before === undefined || !frenchSpaceAfter.test(before))) continue;
      spacing.edits.push(at(narrowNoBreakSpace));
    }
  }
  return spacing;
}

function isSentenceMark(slice: string, markAt: number): boolean {
  const mark = slice[markAt];
  const after = slice[markAt + 1];
  if ((mark === ':' || mark === ';') && emoticonAhead.test(slice.slice(markAt, markAt + 3))) return false;
  return after === undefined || sentenceEndFollowers.test(after);
}

function reportRemovedSpaces(file: VFile, run: TextRun, removed: Spacing['removed']) {
  for (const { offset, mark } of removed) {
    reportAt(file, run, offset, `Unexpected space before \`${mark}\`, expected no space`, ruleId);
  }
}

const punctuationSpacingPlugin: Plugin<[RuleSettings], Root> = (settings) => {
  const convention = conventionFor(settings.language);
  return (tree, file) => {
    for (const run of collectTextRuns(tree)) {
      const edits: Edit[] = [];
      for (const segment of runSegments(run)) {
        const spacing = spacingEdits(run.text, segment, convention);
        reportRemovedSpaces(file, run, spacing.removed);
        edits.push(...spacing.edits);
      }
      applyEdits(run, edits);
    }
  };
};

export const punctuationSpacing: TypographyRule = {
  id: ruleId,
  description: 'Removes a space before , . ; : ! ? (with a warning); in French, puts a narrow no-break space before ; : ! ?',
  plugin: punctuationSpacingPlugin,
};
