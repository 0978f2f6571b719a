// "Did you mean …?": the known name nearest a misspelt one (a command, flag, config key or rule id), when it is near enough to be a typo.
import { distance } from 'fastest-levenshtein';

/**
 * The candidate with the fewest edits from `name` (case-insensitive), if those edits are few for its length:
 * one for names of up to three letters, else two (a swap of neighbours counts two) or a third of the letters
 * if more. `undefined` when nothing is close.
 */
export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  const typed = name.toLowerCase();
  const allowed = typed.length <= 3 ? 1 : Math.max(2, Math.floor(typed.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const edits = distance(typed, candidate.toLowerCase());
    if (edits < bestDistance) {
      best = candidate;
      bestDistance = edits;
    }
  }
  return bestDistance <= allowed ? best : undefined;
}

/** ` (did you mean "x"?)` for a message, or nothing. */
export function didYouMean(name: string, candidates: Iterable<string>, quote = (found: string) => `"${found}"`): string {
  const found = nearestName(name, candidates);
  return found === undefined ? '' : ` (did you mean ${quote(found)}?)`;
}
