// A progress bar on stderr, shown only on a terminal and only once a build has run for a moment.
import type { CliIO } from './io.ts';

const showAfterMs = 500;
const width = 30;

export function createProgressBar(io: CliIO) {
  const started = io.now();
  let shown = false;
  return {
    update: ({ phase, done, total }: { phase: string; done: number; total: number }) => {
      if (!io.isTTY || io.now() - started < showAfterMs) return;
      shown = true;
      const filled = Math.round((done / Math.max(total, 1)) * width);
      io.errRaw(`\r${phase === 'read' ? 'Reading' : 'Writing'} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
    },
    done: () => {
      if (shown) io.errRaw('\r\x1b[K');
    },
  };
}
