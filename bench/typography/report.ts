// `npm run bench -- --typography`: every typesetter on every book of the development set, dumbed and typeset input, as tables.
import { books, readBook } from './books.ts';
import { addScores, dumb, emptyScore, scoreParagraph, type Score } from './score.ts';
import { comparable } from './normalize.ts';
import { calibre, ficbind, pandoc, retextSmartypants, type Typesetter } from './typesetters.ts';

export interface TypographyBenchOptions {
  /** Wrong paragraphs of ficbind's to print, per book. */
  examples: number;
  /** Only ficbind: the peers take minutes. */
  ficbindOnly: boolean;
  /** Only the books whose repository name holds this. */
  book?: string;
}

interface Row {
  book: string;
  tool: string;
  score: Score;
}

const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(2)}%`);

async function measure(tool: Typesetter, chapters: string[][], examples: number): Promise<Score> {
  const score = emptyScore();
  const fromDumb = await tool.run(chapters.map((chapter) => chapter.map(dumb)));
  chapters.forEach((chapter, c) => chapter.forEach((gold, p) => scoreParagraph(score, comparable(gold), fromDumb[c][p], examples)));
  const fromGold = await tool.run(chapters);
  score.goldIn = { total: 0, unchanged: 0 };
  chapters.forEach((chapter, c) =>
    chapter.forEach((gold, p) => {
      score.goldIn!.total++;
      if (fromGold[c][p] === comparable(gold)) score.goldIn!.unchanged++;
      else if (score.examples.length < 2 * examples) score.examples.push({ gold: `(typeset in) ${gold}`, got: fromGold[c][p] ?? '(missing)' });
    }),
  );
  return score;
}

/** Runs the bench and returns the report; progress goes to `log`. */
export async function typographyBench(options: TypographyBenchOptions, log: (line: string) => void): Promise<string> {
  const tools: Typesetter[] = [await ficbind()];
  const skipped: string[] = [];
  if (!options.ficbindOnly) {
    for (const peer of [pandoc(), calibre(), await retextSmartypants()]) {
      if (typeof peer === 'string') skipped.push(peer);
      else tools.push(peer);
    }
  }
  const rows: Row[] = [];
  const lines: string[] = [];
  for (const { repo, short } of books) {
    if (options.book && !repo.includes(options.book)) continue;
    const { chapters } = readBook(repo);
    for (const tool of tools) {
      log(`${short}: ${tool.name}…`);
      const score = await measure(tool, chapters, tool === tools[0] ? options.examples : 0);
      rows.push({ book: short, tool: tool.name, score });
      for (const { gold, got } of score.examples) lines.push(`${short}\n  want: ${gold}\n  got:  ${got}`);
    }
  }
  lines.push('', 'Paragraphs exactly right from dumbed (ASCII) input; paragraphs unchanged from typeset input', '');
  lines.push(['book'.padEnd(20), ...tools.map((tool) => tool.name.slice(0, 26).padEnd(28))].join(''));
  const bookNames = [...new Set(rows.map((row) => row.book))];
  const totals = new Map(tools.map((tool) => [tool.name, emptyScore()]));
  for (const book of bookNames) {
    const cells = tools.map((tool) => {
      const { score } = rows.find((row) => row.book === book && row.tool === tool.name)!;
      addScores(totals.get(tool.name)!, score);
      return `${percent(score.right, score.paragraphs)} / ${percent(score.goldIn!.unchanged, score.goldIn!.total)}`.padEnd(28);
    });
    lines.push([book.padEnd(20), ...cells].join(''));
  }
  const total = (name: string) => totals.get(name)!;
  lines.push(['all'.padEnd(20), ...tools.map((tool) => `${percent(total(tool.name).right, total(tool.name).paragraphs)} / ${percent(total(tool.name).goldIn!.unchanged, total(tool.name).goldIn!.total)}`.padEnd(28))].join(''));
  lines.push(`(${total(tools[0].name).paragraphs} paragraphs)`, '', 'Marks right, by the class of the proofread mark (all books)', '');
  const classes = [...total(tools[0].name).classes.keys()].sort();
  for (const kind of classes) {
    const count = total(tools[0].name).classes.get(kind)!.total;
    lines.push([`${kind} (${count})`.padEnd(44), ...tools.map((tool) => percent(total(tool.name).classes.get(kind)?.right ?? 0, count).padEnd(12))].join(''));
  }
  lines.push(''.padEnd(44) + tools.map((tool) => tool.name.split(' ')[0].slice(0, 11).padEnd(12)).join(''));
  for (const reason of skipped) lines.push(`skipped: ${reason}`);
  return lines.join('\n');
}
