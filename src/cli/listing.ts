// Prints a list of named things (themes, cover templates): aligned lines, or JSON `{ name, description }` objects.
import { relative } from 'node:path';
import type { CliIO } from './io.ts';

export interface ListedItem {
  name: string;
  description: string;
  /** Where a project's own item lives; absent for what ficbind ships. */
  projectPath?: string;
}

export function printListing(items: ListedItem[], json: boolean, io: CliIO): void {
  if (json) {
    io.out(JSON.stringify(items.map(({ name, description }) => ({ name, description })), null, 2));
    return;
  }
  const width = Math.max(...items.map((item) => item.name.length));
  for (const item of items) {
    const origin = item.projectPath ? `  (${relative(io.cwd, item.projectPath) || item.projectPath})` : '';
    io.out(`${item.name.padEnd(width)}  ${item.description}${origin}`);
  }
}
