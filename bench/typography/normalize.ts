// Standard Ebooks' house spacing (word joiners, hair spaces, no-break spaces) taken out, so that texts are compared by their marks, not their spaces.

/** Applied to the proofread paragraphs when extracted: line breaks (verse, letters) stay, as `\n`; spacing is not what the bench measures. */
export function normalize(text: string): string {
  return text
    .replace(/[\u2060\u200a\u200b\u00ad]/g, '') // word joiners, hair spaces between marks, zero-width spaces, soft hyphens
    .replace(/[\u00a0\u2009\u202f]/g, ' ')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
}

/** A paragraph as compared: normalized, and line breaks read as spaces (tools write them differently). */
export function comparable(text: string): string {
  return normalize(text).replace(/\s+/g, ' ');
}
