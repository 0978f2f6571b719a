// Generates the benchmark corpus: seeded, dialogue-heavy fan-fiction stories, written as .txt (ficbind) and .md (pandoc).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mulberry32, type Random } from './random.ts';
import * as phrases from './phrases.ts';

export interface CorpusOptions {
  /** How many stories. Default 300. */
  stories?: number;
  /** PRNG seed; the same seed gives the same bytes. Default 1. */
  seed?: number;
}

/** One block of a story's body, in reading order. */
export type StoryBlock =
  | { kind: 'note'; text: string }
  | { kind: 'chapter'; number: number }
  | { kind: 'sceneBreak'; marker: string }
  | { kind: 'paragraph'; text: string };

export interface GeneratedStory {
  /** File name without extension: `001-story`. */
  name: string;
  title: string;
  author: string;
  fandom: string;
  rating: string;
  blocks: StoryBlock[];
  /** Words of the body: note, chapter lines and paragraphs (not front matter or scene-break markers). */
  words: number;
}

export interface WrittenCorpus {
  stories: GeneratedStory[];
  words: number;
  /** Folder of `NNN-story.txt` files, for ficbind. Its name, `stories`, gives the book its title. */
  textDir: string;
  /** Folder of the same stories as `NNN-story.md`, for pandoc. */
  markdownDir: string;
  /** Names of the Markdown files, in story order. */
  markdownFiles: string[];
  /** Size of the .txt corpus in bytes. */
  textBytes: number;
}

/** Runs of letters or digits, joined by apostrophes or hyphens: `comin'` is one word, `--` is none. */
const wordPattern = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

export function countWords(text: string): number {
  return text.match(wordPattern)?.length ?? 0;
}

export function generateCorpus(options: CorpusOptions = {}): GeneratedStory[] {
  const count = options.stories ?? 300;
  const random = mulberry32(options.seed ?? 1);
  const width = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, index) => generateStory(random, `${String(index + 1).padStart(width, '0')}-story`));
}

function generateStory(random: Random, name: string): GeneratedStory {
  const target = random.int(1000, 1500);
  const chapterCount = random.chance(0.25) ? random.int(2, 4) : 1;
  const marker = random.pick(['* * *', '* * *', 'xXx']);
  const cast = [random.pick(phrases.characters), random.pick(phrases.characters)];
  if (cast[0] === cast[1]) cast[1] = phrases.characters[(phrases.characters.indexOf(cast[0]) + 1) % phrases.characters.length];

  const blocks: StoryBlock[] = [];
  if (random.chance(0.3)) blocks.push({ kind: 'note', text: random.pick(phrases.authorNotes) });
  let words = blocks.reduce((sum, block) => sum + (block.kind === 'note' ? countWords(block.text) : 0), 0);
  for (let chapter = 1; chapter <= chapterCount; chapter++) {
    if (chapterCount > 1) {
      blocks.push({ kind: 'chapter', number: chapter });
      words += 2;
    }
    const chapterTarget = words + Math.round(target / chapterCount);
    let nextBreak = words + random.int(250, 500);
    while (words < chapterTarget) {
      if (words >= nextBreak && chapterTarget - words > 100) {
        blocks.push({ kind: 'sceneBreak', marker });
        nextBreak = words + random.int(250, 500);
      }
      const text = paragraph(random, cast);
      blocks.push({ kind: 'paragraph', text });
      words += countWords(text);
    }
  }
  return {
    name,
    title: `${random.pick(phrases.titleStarts)} ${random.pick(phrases.titleEnds)}`,
    author: random.pick(phrases.authors),
    fandom: random.pick(phrases.fandoms),
    rating: random.pick(phrases.ratings),
    blocks,
    words,
  };
}

/** About two paragraphs in three carry speech. */
function paragraph(random: Random, cast: string[]): string {
  const roll = random.next();
  if (roll < 0.3) return taggedSpeech(random, cast);
  if (roll < 0.45) return `"${speechLine(random)}${random.pick(['.', '!', '?'])}"`;
  if (roll < 0.52) return `"${random.pick(phrases.fragments)}--" ${random.pick(cast)} began.`;
  if (roll < 0.58) return `"${random.pick(phrases.fragments)}..." ${random.pick(cast)} trailed off, ${random.pick(phrases.feelings)}.`;
  if (roll < 0.65) return `${taggedSpeech(random, cast)} ${narrationSentence(random, cast)}`;
  if (roll < 0.7) return `*${random.pick(phrases.thoughts)}.* ${random.pick(cast)} thought.`;
  const sentences = random.int(2, 4);
  return Array.from({ length: sentences }, () => narrationSentence(random, cast)).join(' ');
}

function taggedSpeech(random: Random, cast: string[]): string {
  const speaker = random.pick(cast);
  const verb = random.pick(phrases.saidVerbs);
  const tail = random.pick(phrases.tagTails);
  if (random.chance(0.25)) return `${speaker} ${verb}${tail}, "${speechLine(random)}."`;
  const end = verb === 'asked' ? '?' : random.pick([',', ',', ',', '!']);
  return `"${speechLine(random)}${end}" ${speaker} ${verb}${tail}.`;
}

function speechLine(random: Random): string {
  const opener = random.chance(0.25) ? random.pick(phrases.speechOpeners) : '';
  let line: string = random.pick(phrases.speech);
  // After `Look, ` the line runs on: `Look, you're gonna…`, but `Look, I'm…` keeps its capital.
  if (opener.endsWith(', ') && !/^I\b/.test(line)) line = line[0].toLowerCase() + line.slice(1);
  return emphasize(random, opener + line + random.pick(phrases.speechClosers), 0.12);
}

function narrationSentence(random: Random, cast: string[]): string {
  const filled = random.pick(phrases.narration).replace(/\{(\w+)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'A': return cast[0];
      case 'B': return cast[1];
      case 'place': return random.pick(phrases.places);
      case 'object': return random.pick(phrases.objects);
      case 'weather': return random.pick(phrases.weathers);
      case 'feeling': return random.pick(phrases.feelings);
      default: throw new Error(`unknown slot {${slot}} in a narration template`);
    }
  });
  return emphasize(random, filled, 0.15);
}

/** Sometimes sets one plain word (not the first) in `*emphasis*`. */
function emphasize(random: Random, sentence: string, probability: number): string {
  if (!random.chance(probability)) return sentence;
  const words = sentence.split(' ');
  const candidates = words.map((word, index) => (index > 0 && /^[a-z]{4,}$/.test(word) ? index : -1)).filter((index) => index > 0);
  if (candidates.length === 0) return sentence;
  const index = random.pick(candidates);
  words[index] = `*${words[index]}*`;
  return words.join(' ');
}

/** The story as pasted plain text with YAML front matter, the way ficbind users hand it in. */
export function toPlainText(story: GeneratedStory): string {
  // Double-quoted YAML, so `Midnight Diner: Reborn` stays one value.
  const fields = { title: story.title, author: story.author, fandom: story.fandom, rating: story.rating };
  const frontMatter = ['---', ...Object.entries(fields).map(([key, value]) => `${key}: ${JSON.stringify(value)}`), '---'].join('\n');
  const body = story.blocks.map((block) => {
    switch (block.kind) {
      case 'note': case 'paragraph': return block.text;
      case 'chapter': return `Chapter ${block.number}`;
      case 'sceneBreak': return block.marker;
    }
  });
  return `${frontMatter}\n\n${body.join('\n\n')}\n`;
}

/** The same story for pandoc: the title as a level-1 heading (one EPUB chapter per story), chapters at level 2. */
export function toMarkdown(story: GeneratedStory): string {
  const byline = `by ${story.author} · ${story.fandom} · Rated ${story.rating}`;
  const body = story.blocks.map((block) => {
    switch (block.kind) {
      case 'note': case 'paragraph': return block.text;
      case 'chapter': return `## Chapter ${block.number}`;
      case 'sceneBreak': return block.marker;
    }
  });
  return [`# ${story.title}`, byline, ...body].join('\n\n') + '\n';
}

/** Writes `<root>/stories/NNN-story.txt` and `<root>/markdown/NNN-story.md`. */
export async function writeCorpus(root: string, options: CorpusOptions = {}): Promise<WrittenCorpus> {
  const stories = generateCorpus(options);
  const textDir = join(root, 'stories');
  const markdownDir = join(root, 'markdown');
  await mkdir(textDir, { recursive: true });
  await mkdir(markdownDir, { recursive: true });
  let textBytes = 0;
  const markdownFiles: string[] = [];
  for (const story of stories) {
    const text = Buffer.from(toPlainText(story), 'utf8');
    textBytes += text.byteLength;
    await writeFile(join(textDir, `${story.name}.txt`), text);
    await writeFile(join(markdownDir, `${story.name}.md`), toMarkdown(story), 'utf8');
    markdownFiles.push(`${story.name}.md`);
  }
  return { stories, words: stories.reduce((sum, story) => sum + story.words, 0), textDir, markdownDir, markdownFiles, textBytes };
}
