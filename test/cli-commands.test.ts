// CLI cases in pandoc's style: test/command/*.md, each fenced block `% ficbind …`, any standard input ended by `^D`, then the expected terminal output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../src/cli/main.ts';
import type { CliIO } from '../src/cli/io.ts';
import { sharedSeedsAvailable } from './helpers/shared-seeds.ts';

const commandDir = new URL('./command/', import.meta.url).pathname;
const casePattern = /```\n% ficbind ?([^\n]*)\n([\s\S]*?)```/g;

/** Run the CLI in-process; stdout and stderr interleave as on a terminal. The exit status ends the output when not 0. */
export async function runCase(commandLine: string, stdin?: string): Promise<string> {
  const lines: string[] = [];
  const io: CliIO = {
    out: (line) => lines.push(line),
    err: (line) => lines.push(line),
    errRaw: () => {},
    isTTY: false,
    env: { SOURCE_DATE_EPOCH: '0' },
    cwd: process.cwd(),
    now: () => 0,
    readStdin: async () => new TextEncoder().encode(stdin ?? ''),
  };
  const args = (commandLine.match(/"[^"]*"|\S+/g) ?? []).map((arg) => arg.replace(/^"|"$/g, ''));
  const status = await runCli(args, io);
  return lines.join('\n') + (lines.length ? '\n' : '') + (status === 0 ? '' : `% exit ${status}\n`);
}

for (const name of readdirSync(commandDir).filter((file) => file.endsWith('.md')).sort()) {
  test(`command: ${name}`, async (t) => {
    const path = join(commandDir, name);
    const source = readFileSync(path, 'utf8');
    if (source.includes('% ficbind check ../shared/') && !sharedSeedsAvailable(t)) return;
    let rewritten = source;
    for (const [block, commandLine, body] of source.matchAll(casePattern)) {
      const [stdin, expected] = body.includes('^D\n') ? [body.slice(0, body.indexOf('^D\n')), body.slice(body.indexOf('^D\n') + 3)] : [undefined, body];
      const actual = await runCase(commandLine, stdin);
      const input = stdin === undefined ? '' : `${stdin}^D\n`;
      if (process.env.ACCEPT === '1') rewritten = rewritten.replace(block, '```\n% ficbind' + (commandLine ? ' ' + commandLine : '') + '\n' + input + actual + '```');
      else assert.equal(actual, expected, `ficbind ${commandLine}`);
    }
    if (process.env.ACCEPT === '1') writeFileSync(path, rewritten);
  });
}
