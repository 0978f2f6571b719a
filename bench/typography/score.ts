// Scores a typesetter on the development set: paragraphs exactly right from dumbed input, accuracy per mark class, and paragraphs left unchanged from typeset input.

/** Typeset text with its curly marks made straight, as a keyboard types it. */
export function dumb(text: string): string {
  return text.replace(/[“”]/g, '"').replace(/[‘’]/g, "'");
}

/** What a gold mark is: the class it is counted in. */
export function markClass(text: string, index: number): string | undefined {
  const char = text[index];
  if (char === '“') return '“ opening double';
  if (char === '”') return '” closing double';
  if (char === '‘') return '‘ opening single';
  if (char !== '’') return undefined;
  const letter = /[\p{L}\p{N}]/u;
  const before = letter.test(text[index - 1] ?? '');
  const after = letter.test(text[index + 1] ?? '');
  if (before && after) return '’ inside a word';
  if (after) return '’ before a word (elision)';
  if (before) return '’ after a word (close or elision)';
  return '’ after punctuation (close)';
}

export interface Score {
  paragraphs: number;
  right: number;
  /** Gold marks per class: how many, and how many came out right. */
  classes: Map<string, { total: number; right: number }>;
  /** Typeset paragraphs given in, and how many came out byte for byte the same. */
  goldIn?: { total: number; unchanged: number };
  /** A few wrong paragraphs, for reading. */
  examples: { gold: string; got: string }[];
}

export function emptyScore(): Score {
  return { paragraphs: 0, right: 0, classes: new Map(), examples: [] };
}

/** Counts one paragraph; marks are compared position by position when no character was lost or added. */
export function scoreParagraph(score: Score, gold: string, got: string | undefined, keepExamples = 0) {
  score.paragraphs++;
  if (got === gold) score.right++;
  else if (score.examples.length < keepExamples) score.examples.push({ gold, got: got ?? '(missing)' });
  const aligned = got !== undefined && got.length === gold.length;
  for (let index = 0; index < gold.length; index++) {
    const kind = markClass(gold, index);
    if (!kind) continue;
    const entry = score.classes.get(kind) ?? { total: 0, right: 0 };
    entry.total++;
    if (aligned && got[index] === gold[index]) entry.right++;
    score.classes.set(kind, entry);
  }
}

export function addScores(into: Score, from: Score) {
  into.paragraphs += from.paragraphs;
  into.right += from.right;
  for (const [kind, entry] of from.classes) {
    const sum = into.classes.get(kind) ?? { total: 0, right: 0 };
    sum.total += entry.total;
    sum.right += entry.right;
    into.classes.set(kind, sum);
  }
  if (from.goldIn) {
    into.goldIn ??= { total: 0, unchanged: 0 };
    into.goldIn.total += from.goldIn.total;
    into.goldIn.unchanged += from.goldIn.unchanged;
  }
}
