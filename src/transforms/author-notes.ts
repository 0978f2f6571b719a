// Author's notes and disclaimers: the paragraphs at the start and end of a story or chapter that talk about it, kept out of its text.
import type { Nodes, Paragraph, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { ConfigError } from '../errors.ts';
import type { AuthorNote } from '../story.ts';
import { report, reportAt, type TypographyRule } from './rule.ts';
import { dropPointlessSceneBreaks } from './scene-breaks.ts';
import { collectTextRuns } from './text-runs.ts';
import { choice, mapping } from '../schema/values.ts';

const ruleId = 'author-notes';

/** Where notes go: `keep` them in place as styled notes (default), move them to the `end` of the story, or `drop` them. */
export type NotePlacement = 'keep' | 'end' | 'drop';
const placements: readonly NotePlacement[] = ['keep', 'end', 'drop'];

type NoteKind = AuthorNote['kind'];

/**
 * What a paragraph at the edge of a story or chapter is:
 * - `labelled`: starts with its own label (`A/N:`, `Author's Note`, `Note:`, `Disclaimer`), so it starts a note;
 * - `unlabelled`: says what notes say (`I don't own…`, `Thanks for reading!`, `R&R`, `Beta'd by…`, `Rating: T`);
 * - `follow-up`: the author talking about the fic (`I hope you like this chapter`), a note only right after one;
 * - `story`: anything else, and every paragraph that opens with a quotation mark (dialogue).
 */
type Role = 'labelled' | 'unlabelled' | 'follow-up' | 'story';

interface Verdict {
  role: Role;
  kind: NoteKind;
}

/** Decoration authors put before a label: `(A/N)`, `**A/N:**`, `~Disclaimer~`, `[AN]`. */
const leadingDecoration = /^[\s([{*_~=#>•·\-–—]*/;
const label =
  /^(?:a\s*\/\s*n\b|a\.\s?n\.|an\s*[:)\]]|anote\b|author[’']?s?[’']?\s+notes?\b|notes?\s*[:\-–—]|disclaimer\b)/i;
/** `AN -` and `AN—` (the dashes rule closes the spaces up) only in capitals: `An—an idea` is a stammer. */
const capitalLabel = /^AN\s*[-–—]/;
/** The labels that only ever start an author's note, looked for in the middle of a chapter too. */
const noteLabel = /^(?:a\s*\/\s*n\b|anote\b|author[’']?s?[’']?\s+notes?\b)/i;
const labelSeparator = /^[\s:\-–—.)\]]*/;
/** After `own`: an indefinite thing owned (`a car`, `much`, `one`) is the story speaking. */
const notNarration = String.raw`(?!\s+(?:a|an|one|much|many|enough|more|two|three|some)\b)`;
const ownership = new RegExp(
  [
    // `I don't own a car` is a narrator talking: a disclaimer disowns something definite (`the castle`, `Naruto`, `these`).
    String.raw`\bi\s+(?:do\s+not|don[’']?t|dont)\s+own\b${notNarration}`,
    String.raw`\bi\s+own\s+(?:nothing|none)\b`,
    String.raw`^(?:do\s+not|don[’']?t|dont)\s+own\b`,
    String.raw`\bnone\s+of\s+(?:this|these|it|them|the\s+characters)\s+(?:is|are|belongs?)\s+(?:mine|to\s+me)\b`,
    String.raw`\b(?:characters|everything|it\s+all|this\s+world|the\s+world|universe)\s+(?:rightfully\s+)?belongs?\s+to\b`,
    String.raw`\bbelongs?\s+to\s+(?:the\s+|their\s+|its\s+)?(?:respective|rightful)?\s*(?:owners?|creators?|authors?)\b`,
    String.raw`\bno\s+copyright\s+infringement\b`,
    String.raw`\bi\s+(?:make|am\s+making|'m\s+making)\s+no\s+(?:money|profit)\b`,
    String.raw`\ball\s+rights\s+(?:belong|go)\s+to\b`,
  ].join('|'),
  'i',
);
const closer = new RegExp(
  [
    String.raw`\bthanks?\s+(?:you\s+)?(?:so\s+much\s+|all\s+|guys\s+|everyone\s+)?for\s+reading\b(?!\s+(?:it|this|that|to|aloud|out|her|his|my|me|the)\b)`,
    String.raw`\bplease\s+(?:r\s*(?:&|and|n)\s*r|review|comment|leave\s+a)\b`,
    String.raw`(?:^|\s)r\s*&\s*r\b`,
    String.raw`\bread\s+(?:and|&|n)\s+review\b`,
    String.raw`\breview\s+please\b`,
    String.raw`\breviews?\s+(?:are|is|would\s+be)\s+(?:love|loved|appreciated|welcome)`,
    String.raw`\b(?:leave|drop)\s+(?:me\s+)?(?:a\s+)?(?:review|comment|kudos)\b`,
    String.raw`\blet\s+me\s+know\s+what\s+you\s+(?:think|thought)\b`,
    String.raw`\bhope\s+(?:you|y[’']?all)\s+(?:all\s+|guys\s+)?(?:enjoyed|liked|enjoy)\b`,
    String.raw`\buntil\s+next\s+time\b`,
    String.raw`\bsee\s+you\s+(?:next\s+(?:time|chapter|week)|in\s+the\s+next)\b`,
    String.raw`^enjoy(?:\s+the\s+(?:story|fic|chapter|read))?\W*$`,
    String.raw`\bon\s+(?:with|to)\s+the\s+(?:story|fic|chapter)\b`,
    String.raw`\bbeta[’']?(?:e?d)?\s+by\b|^un-?beta[’']?e?d\b|\bnot\s+beta[’']?e?d\b`,
  ].join('|'),
  'i',
);
/** The header fields a fic is posted with: `Rating: T`, `Pairing: A/B`, `Summary: …`. */
const headerField = /^(?:summary|rating|rated|pairings?|warnings?|spoilers?|word\s?count|genre|fandom|category|timeline|beta(?:\s+reader)?)\s*:/i;
/** Fan-fiction shop talk; with an `I` or `you`, the author talking to readers. */
const ficTalk =
  /\b(?:fics?|fan\s?fic(?:tion)?s?|one-?shots?|drabbles?|chapters?|updat(?:e|es|ed|ing)|reviews?|reviewers?|readers?|followers|favou?rites|favs|kudos|prompts?|betas?|canon|spoilers?|fandom|hiatus|plot\s?bunn(?:y|ies)|(?:this|my)\s+story|season\s+\d+)\b/i;
const ficAcronyms = /\b(?:AU|OOC|OTP|S\d+E\d+)\b/;
const authorAddressing = /\b(?:I|I[’']m|I[’']ve|I[’']ll|I[’']d|my|you|your|y[’']all|guys|everyone)\b/i;
const dialogueOpening = /^["“”„«»‘’'‹›「『]/;
/** Quoted speech inside a paragraph: `He smiled. "Thanks for reading it to me."` is story. */
const quotedSpeech = /"[^"]*"|“[^”]*”|„[^“”]*[“”]|«[^»]*»/g;
/** A note typed inside a story paragraph: `(A/N: …)`, `[Author's note: …]`. */
const inlineNote = /[([]\s*(?:a\s*\/\s*n|author[’']?s?[’']?\s+notes?)\b/gi;
/**
 * Words reported by someone in the story, without quote marks: `Let me know what you think, it
 * said`, `Thanks for reading to the kids, the sheet said`. An author's note never has a speech tag.
 */
const speechTag = /[,.!?]\s+(?:it|he|she|they|we|the\s+\p{L}+|\p{Lu}\p{Ll}+)\s+(?:said|says|wrote|writes|read|reads|whispered|added|asked|replied)\b/u;
/** Notes and follow-ups are short talk; a very long paragraph at the edge is story. */
const maxFollowUpLength = 600;

export function classifyParagraph(text: string): Verdict {
  const trimmed = text.trim();
  if (trimmed === '' || dialogueOpening.test(trimmed)) return { role: 'story', kind: 'note' };
  const undecorated = trimmed.replace(leadingDecoration, '');
  const outsideQuotes = undecorated.replace(quotedSpeech, ' ');
  const labelled = label.exec(undecorated) ?? capitalLabel.exec(undecorated);
  if (labelled) {
    // `Disclaimer: …`, and `A/N: Disclaimer: …`, a disclaimer under a note's label.
    const afterLabel = undecorated.slice(labelled[0].length).replace(labelSeparator, '');
    const disclaimer = /^disclaimer\b/i.test(labelled[0]) || /^disclaimer\b/i.test(afterLabel);
    return { role: 'labelled', kind: disclaimer ? 'disclaimer' : 'note' };
  }
  const reported = speechTag.test(outsideQuotes);
  if (ownership.test(outsideQuotes) && !reported) return { role: 'unlabelled', kind: 'disclaimer' };
  if ((closer.test(outsideQuotes) && !reported) || headerField.test(undecorated)) return { role: 'unlabelled', kind: 'note' };
  if (trimmed.length <= maxFollowUpLength && (ficTalk.test(outsideQuotes) || ficAcronyms.test(outsideQuotes)) && authorAddressing.test(outsideQuotes)) {
    return { role: 'follow-up', kind: 'note' };
  }
  return { role: 'story', kind: 'note' };
}

export const authorNotes: TypographyRule = {
  id: ruleId,
  options: mapping(
    {
      placement: choice(placements as ['keep', 'end', 'drop']).optional().meta({ description: "Where author's notes go: keep them in place, set apart (default); move them to the end of the story; or drop them.", examples: ['end'] }),
    },
    { noun: 'option' },
  ),
  description: "Author's notes and disclaimers at the start and end of a story or chapter become notes, kept out of the story text.",
  structural: true,
  plugin(settings) {
    const placement = settings?.options?.placement ?? 'keep';
    if (!placements.includes(placement as NotePlacement)) {
      throw new ConfigError(`"typography.${ruleId}.placement" must be keep, end or drop, not ${JSON.stringify(placement)}`);
    }
    return (tree: Root, file: VFile) => {
      const notes = markNotes(tree);
      reportNotesInsideStory(tree, file);
      place(tree, notes, placement as NotePlacement, file);
      dropPointlessSceneBreaks(tree, file);
    };
  },
};

/** Replace the notes at the edges of each section (story start, chapter headings, story end) with `authorNote` nodes. */
function markNotes(tree: Root): AuthorNote[] {
  const nodes = tree.children;
  const result: RootContent[] = [];
  const notes: AuthorNote[] = [];
  let sectionStart = 0;
  for (let index = 0; index <= nodes.length; index++) {
    if (index < nodes.length && nodes[index].type !== 'heading') continue;
    const section = nodes.slice(sectionStart, index);
    const verdictOf = verdictsOf(section);
    const leadingEnd = leadingNotesEnd(section, verdictOf);
    const trailingStart = Math.max(leadingEnd, trailingNotesStart(section, verdictOf, leadingEnd));
    // Appended one by one: a chapter of many thousand paragraphs is too long to spread into `push`.
    for (const node of groupNotes(section, 0, leadingEnd, verdictOf, notes)) result.push(node);
    for (let story = leadingEnd; story < trailingStart; story++) result.push(section[story]);
    for (const node of groupNotes(section, trailingStart, section.length, verdictOf, notes)) result.push(node);
    if (index < nodes.length) result.push(nodes[index]);
    sectionStart = index + 1;
  }
  tree.children = result;
  return notes;
}

/** A section's paragraphs are classified only as far as the scans from its two edges read (not its whole text). */
type VerdictOf = (index: number) => Verdict | undefined;

function verdictsOf(section: RootContent[]): VerdictOf {
  const cache = new Map<number, Verdict | undefined>();
  return (index) => {
    if (!cache.has(index)) {
      const node = section[index];
      cache.set(index, node.type === 'paragraph' ? classifyParagraph(paragraphText(node)) : undefined);
    }
    return cache.get(index);
  };
}

const isNoteRole = (verdict: Verdict | undefined) => verdict?.role === 'labelled' || verdict?.role === 'unlabelled';

/**
 * Leading notes: labelled and unlabelled notes, notes the reader already made, and follow-ups right
 * after a note; scene breaks between them are skipped.
 */
function leadingNotesEnd(section: RootContent[], verdictOf: VerdictOf): number {
  let end = 0;
  let afterNote = false;
  for (let index = 0; index < section.length; index++) {
    if (section[index].type === 'sceneBreak') {
      afterNote = false;
      continue;
    }
    const verdict = verdictOf(index);
    if (section[index].type === 'authorNote' || isNoteRole(verdict) || (verdict?.role === 'follow-up' && afterNote)) {
      afterNote = true;
      end = index + 1;
      continue;
    }
    break;
  }
  return end;
}

/**
 * Trailing notes, read backwards from the end: follow-ups count only when a note comes before them
 * (in reading order) with no scene break between; a follow-up right after the story is story.
 */
function trailingNotesStart(section: RootContent[], verdictOf: VerdictOf, floor: number): number {
  let start = section.length;
  let pendingFollowUps = false;
  for (let index = section.length - 1; index >= floor; index--) {
    if (section[index].type === 'sceneBreak') {
      if (pendingFollowUps) break;
      continue;
    }
    const verdict = verdictOf(index);
    if (section[index].type === 'authorNote' || isNoteRole(verdict)) {
      start = index;
      pendingFollowUps = false;
    } else if (verdict?.role === 'follow-up') {
      pendingFollowUps = true;
    } else {
      break;
    }
  }
  return start;
}

/**
 * Consecutive note paragraphs form one note, except that a labelled paragraph (`A/N:`, `Disclaimer:`)
 * always starts a new one, and so does a change of kind (a disclaimer after a note) or a scene break.
 */
function groupNotes(section: RootContent[], from: number, to: number, verdictOf: VerdictOf, notes: AuthorNote[]): RootContent[] {
  const result: RootContent[] = [];
  let current: AuthorNote | undefined;
  for (let index = from; index < to; index++) {
    const node = section[index];
    const verdict = verdictOf(index);
    if (node.type !== 'paragraph' || !verdict) {
      // A note the reader already made (AO3's notes blocks) is placed like the ones found here.
      if (node.type === 'authorNote') notes.push(node);
      result.push(node);
      current = undefined;
      continue;
    }
    if (current && verdict.role !== 'labelled' && current.kind === verdict.kind) {
      current.children.push(node);
      current.position = current.position && node.position && { start: current.position.start, end: node.position.end };
      continue;
    }
    current = { type: 'authorNote', kind: verdict.kind, children: [node], position: node.position && { ...node.position } };
    notes.push(current);
    foundHere.add(current);
    result.push(current);
  }
  return result;
}

/** Notes this rule made from paragraphs, as opposed to notes the reader made. */
const foundHere = new WeakSet<AuthorNote>();

/**
 * Notes moved together at the end are grouped as if typed there (a closer joins the note before
 * it), so that reading the output again finds the same notes.
 */
function regroup(notes: AuthorNote[]): AuthorNote[] {
  // Notes a reader made (AO3's blocks) stay as the source drew them.
  const grouped: AuthorNote[] = [];
  for (const note of notes) {
    const previous = grouped[grouped.length - 1];
    const first = note.children[0];
    const verdict = first?.type === 'paragraph' ? classifyParagraph(paragraphText(first)) : undefined;
    const bothFoundHere = previous && foundHere.has(previous) && foundHere.has(note);
    if (bothFoundHere && verdict && verdict.role !== 'labelled' && previous.kind === note.kind) {
      // The merged note keeps the position where it starts: its paragraphs were not together in the source.
      previous.children.push(...note.children);
    } else {
      grouped.push(note);
    }
  }
  return grouped;
}

/** The paragraph's text as read: line breaks as spaces, emphasis markers gone. */
function paragraphText(paragraph: Paragraph): string {
  let text = '';
  const visit = (node: Nodes) => {
    if (node.type === 'text' || node.type === 'inlineCode') text += node.value;
    else if (node.type === 'break') text += ' ';
    else if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(paragraph);
  return text;
}

/**
 * Notes the rule leaves in the story text, reported so the author can move them: a note typed
 * inside a paragraph (`(A/N: …)`), or a labelled note in the middle of a chapter.
 */
function reportNotesInsideStory(tree: Root, file: VFile) {
  for (const node of tree.children) {
    // Building text runs for the whole story costs more than the rest of the rule: only where a note may be.
    if (node.type === 'authorNote' || !mentionsNote(node)) continue;
    for (const run of collectTextRuns({ type: 'root', children: [node] })) {
      if (run.block.type !== 'paragraph') continue;
      const startOffset = leadingDecoration.exec(run.text)?.[0].length ?? 0;
      if (!dialogueOpening.test(run.text.trimStart()) && noteLabel.test(run.text.slice(startOffset))) {
        const reason = "Unexpected author's note in the middle of a chapter, expected it at the start or end of the story or a chapter (kept as story text)";
        reportAt(file, run, startOffset, reason, ruleId, 'warning');
        continue;
      }
      for (const match of run.text.matchAll(inlineNote)) {
        const reason = "Unexpected author's note inside a paragraph, expected it in a paragraph of its own at the start or end of the story or a chapter";
        reportAt(file, run, match.index, reason, ruleId, 'warning');
      }
    }
  }
}

const noteHint = /\/\s*n|note/i;

function mentionsNote(node: Nodes): boolean {
  if (node.type === 'text') return noteHint.test(node.value);
  return 'children' in node && (node.children as Nodes[]).some(mentionsNote);
}

function place(tree: Root, notes: AuthorNote[], placement: NotePlacement, file: VFile) {
  if (placement === 'keep' || notes.length === 0) return;
  const moving = new Set<RootContent>(notes);
  tree.children = tree.children.filter((node) => !moving.has(node));
  if (placement === 'end') {
    tree.children.push(...regroup(notes));
    return;
  }
  for (const note of notes) {
    const what = note.kind === 'disclaimer' ? 'disclaimer' : "author's note";
    report(file, note.position?.start, `Removed ${what} (placement: drop)`, ruleId, 'info');
  }
}
