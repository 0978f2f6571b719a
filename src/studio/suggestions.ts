// The change a typography diagnostic suggests, as an edit of the story's source text: a quote to replace ("Unexpected `'` …, expected `“`"), a space to take out; applied one at a time or all of a rule.

/** Replace `length` characters at `offset` (in the source text) with `text`. */
export interface SourceEdit {
  offset: number;
  length: number;
  text: string;
}

export interface PlacedMessage {
  line?: number;
  column?: number;
  message: string;
}

/** Offsets of each line's start, for turning 1-based line and column into an offset. */
function lineOffsets(source: string): number[] {
  const offsets = [0];
  for (let at = source.indexOf('\n'); at >= 0; at = source.indexOf('\n', at + 1)) offsets.push(at + 1);
  return offsets;
}

/** The source edit a diagnostic suggests, or undefined when its wording names none or the text at its place is not what it says. */
export function suggestedEdit(source: string, diagnostic: PlacedMessage, offsets = lineOffsets(source)): SourceEdit | undefined {
  if (!diagnostic.line || !diagnostic.column || diagnostic.line > offsets.length) return undefined;
  const offset = offsets[diagnostic.line - 1] + diagnostic.column - 1;
  const quoted = /^Unexpected [^`]*`([^`]+)`.*, expected (?:an apostrophe |an opening |a closing )?`([^`]+)`$/.exec(diagnostic.message);
  if (quoted) {
    const [, found, wanted] = quoted;
    return source.startsWith(found, offset) ? { offset, length: found.length, text: wanted } : undefined;
  }
  if (/^Unexpected space .*, expected (no space|none)$/.test(diagnostic.message)) {
    const spaces = (from: number) => /^[ \t\u00a0]+/.exec(source.slice(from))?.[0].length ?? 0;
    if (spaces(offset) > 0) return { offset, length: spaces(offset), text: '' };
    // The place is the mark; the space is just before it.
    let start = offset;
    while (start > 0 && /[ \t\u00a0]/.test(source[start - 1])) start--;
    return start < offset ? { offset: start, length: offset - start, text: '' } : undefined;
  }
  return undefined;
}

/** The suggestion as the page shows it: the text at the place and what it becomes. */
export function describeEdit(source: string, edit: SourceEdit): { from: string; to: string } {
  return { from: source.slice(edit.offset, edit.offset + edit.length), to: edit.text };
}

/** `source` with every edit made; edits that overlap an earlier one are left out. */
export function applyEdits(source: string, edits: SourceEdit[]): string {
  const ordered = [...edits].sort((a, b) => a.offset - b.offset);
  let result = '';
  let at = 0;
  for (const edit of ordered) {
    if (edit.offset < at) continue;
    result += source.slice(at, edit.offset) + edit.text;
    at = edit.offset + edit.length;
  }
  return result + source.slice(at);
}

export { lineOffsets };
