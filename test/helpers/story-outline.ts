// The shape of a story tree in short (`p`, `break`, `h2`, `note[2]`, `disclaimer[1]`), to compare two passes over a fixture.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'mdast';
import type { StoryOptions } from '../../src/load-story.ts';
import { fixText, fixturesRoot } from './fixtures.ts';

export function outline(tree: Root): string[] {
  return tree.children.map((node) => {
    if (node.type === 'authorNote') return `${node.kind}[${node.children.length}]`;
    if (node.type === 'heading') return `h${node.depth}`;
    if (node.type === 'sceneBreak') return 'break';
    return node.type === 'paragraph' ? 'p' : node.type;
  });
}

/**
 * For each fixture case of a group: the tree's outline after one pass, and after fixing the text
 * output again. The text writer prints notes as plain paragraphs, so the golden output alone cannot
 * show that a second pass finds the same notes, breaks and headings; this can. (The output is read
 * back as plain text, like the golden fixtures do, also for a Markdown input.)
 */
export function outlinesOfTwoPasses(group: string): { name: string; markdown: boolean; first: string[]; second: string[] }[] {
  const dir = join(fixturesRoot, group);
  return readdirSync(dir).sort().map((name) => {
    const caseDir = join(dir, name);
    const inputName = existsSync(join(caseDir, 'input.md')) ? 'input.md' : 'input.txt';
    const configPath = join(caseDir, 'config.json');
    const options = existsSync(configPath) ? (JSON.parse(readFileSync(configPath, 'utf8')) as Partial<StoryOptions>) : {};
    const first = fixText(readFileSync(join(caseDir, inputName), 'utf8'), inputName, options);
    const second = fixText(first.output, 'output.txt', options);
    return { name, markdown: inputName === 'input.md', first: outline(first.story.tree), second: outline(second.story.tree) };
  });
}
