// The nearest of the known names to a misspelt one (`quotez` → `quotes`), for "did you mean" in errors.

/**
 * The known name closest to `typed` by edit distance (a swap of two neighbouring letters counts as one edit),
 * ignoring case and `_` for `-`; undefined when none is close enough to be a plausible typo: at most one edit
 * in three letters, at least one.
 */
export function nearestName(typed: string, known: readonly string[]): string | undefined {
  const normal = (name: string) => name.toLowerCase().replace(/_/g, '-');
  const target = normal(typed);
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(target, normal(name));
    const allowed = Math.max(1, Math.floor(Math.max(target.length, name.length) / 3));
    if (distance <= allowed && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** `; did you mean "quotes"?`, or `; expected one of a, b, c` when nothing is near. */
export function suggestion(typed: string, known: readonly string[]): string {
  const near = nearestName(typed, known);
  if (near !== undefined) return `; did you mean "${near}"?`;
  return known.length > 0 ? `; expected one of ${known.join(', ')}` : '';
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}
