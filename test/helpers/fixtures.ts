// Golden fixtures: test/fixtures/<rule>/<case>/{input.txt|input.md, output.txt, messages.txt, config.json}; UPDATE=1 rewrites.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadStoryFromBytes, type StoryOptions } from '../../src/load-story.ts';
import { storyToText } from '../../src/writers/text.ts';

export const fixturesRoot = new URL('../fixtures/', import.meta.url).pathname;

/** `line:column  severity  message  rule-id`, one per line, as `ficbind check` prints them. */
export function formatMessages(messages: { line?: number | null; column?: number | null; fatal?: boolean | null; reason: string; ruleId?: string | null }[]): string {
  return messages
    .map((m) => `${m.line ?? 1}:${m.column ?? 1}  ${m.fatal ? 'error' : m.fatal === false ? 'warning' : 'info'}  ${m.reason}  ${m.ruleId ?? ''}`)
    .join('\n') + (messages.length ? '\n' : '');
}

/** Run the full typography pipeline on the input and return text output and messages. */
export function fixText(input: string, name: string, options: Partial<StoryOptions> = {}) {
  const story = loadStoryFromBytes(new TextEncoder().encode(input), name, { language: 'en', ...options });
  return { output: storyToText(story.tree), messages: formatMessages(story.file.messages), story };
}

/** Register one test per fixture case under test/fixtures/<group>/. */
export function fixtureTests(group: string) {
  const dir = join(fixturesRoot, group);
  for (const name of readdirSync(dir).sort()) {
    const caseDir = join(dir, name);
    test(`${group}: ${name}`, () => {
      const inputName = existsSync(join(caseDir, 'input.md')) ? 'input.md' : 'input.txt';
      const input = readFileSync(join(caseDir, inputName), 'utf8');
      const configPath = join(caseDir, 'config.json');
      const options = existsSync(configPath) ? (JSON.parse(readFileSync(configPath, 'utf8')) as Partial<StoryOptions>) : {};
      const { output, messages } = fixText(input, inputName, options);
      const outputPath = join(caseDir, 'output.txt');
      const messagesPath = join(caseDir, 'messages.txt');
      if (process.env.UPDATE === '1') {
        writeFileSync(outputPath, output);
        writeFileSync(messagesPath, messages);
        return;
      }
      assert.equal(output, readFileSync(outputPath, 'utf8'), 'normalized text');
      assert.equal(messages, existsSync(messagesPath) ? readFileSync(messagesPath, 'utf8') : '', 'diagnostics');
      // Idempotent: fixing the fixed text changes nothing.
      assert.equal(fixText(output, inputName.replace('.md', '.txt'), options).output, output, 'second pass changes nothing');
    });
  }
}
