// Standard Ebooks' house spacing (word joiners, hair spaces, no-break spaces) taken out, so that texts are compared by their marks, not their spaces.

/** Applied to the proofread paragraphs when extracted and to every tool's output before comparing: spacing is not what the bench measures. */
export function normalize(text: string): string {
  return text
    .replace(/[\u2060\u200a\u200b\u00ad]/g, '') // word joiners, hair spaces between marks, zero-width spaces, soft hyphens
    .replace(/[\u00a0\u2009\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
