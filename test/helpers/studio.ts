// A studio on a fresh copy of the sample anthology (seeds/), and Debian's Chromium through puppeteer-core for the tests that need a browser.
import { existsSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const seedsFolder = new URL('../../seeds/', import.meta.url).pathname;
export const chromiumPath = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';

/** A temporary project holding a copy of seeds/. */
export async function seedsProject(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'ficbind-studio-'));
  await cp(seedsFolder, folder, { recursive: true });
  return folder;
}

/** Why the browser tests cannot run here, or undefined. */
export function chromiumMissing(): string | undefined {
  return existsSync(chromiumPath) ? undefined : `Chromium is not at ${chromiumPath} (apt-get install chromium, or set PUPPETEER_EXECUTABLE_PATH)`;
}

/** Chromium as the tests start it: headless, no sandbox (root in CI), nothing reaching the network on its own, a fresh profile. */
export async function launchChromium() {
  const { launch } = await import('puppeteer-core');
  const profile = await mkdtemp(join(tmpdir(), 'ficbind-chromium-'));
  return launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`],
  });
}

/** Waits until `check` is true, polling; fails with `what` after `ms`. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
