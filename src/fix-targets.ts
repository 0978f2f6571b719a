// What `ficbind fix` can print a story as, and the file extension of each: needed by the CLI before any story is read.
export const fixTargets = ['text', 'md', 'html'] as const;
export type FixTarget = (typeof fixTargets)[number];
export const fixExtensions: Record<FixTarget, string> = { text: '.txt', md: '.md', html: '.html' };
