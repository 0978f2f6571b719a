// Skips a test when an external tool (Java, EPUBCheck, Calibre) is missing, except on CI, where that is a failure.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestContext } from 'node:test';

export const run = promisify(execFile);

/**
 * Returns true when the test may go on. When `missing` names a missing tool, the test is skipped with that
 * reason, or fails when `CI=true`: the CI image must have every tool.
 */
export function toolAvailable(t: TestContext, missing: string | undefined): boolean {
  if (missing === undefined) return true;
  if (process.env.CI === 'true') throw new Error(`${missing} (required when CI=true)`);
  t.skip(missing);
  return false;
}

/** Why `command` cannot run here, or undefined when it can. */
export async function commandMissing(command: string, args: string[]): Promise<string | undefined> {
  try {
    await run(command, args, { timeout: 60_000 });
    return undefined;
  } catch (error) {
    return `${command} is not available: ${(error as Error).message.split('\n')[0]}`;
  }
}
