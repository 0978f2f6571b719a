// Build progress on stderr, on a terminal only, once a build has run for a moment: the phase, a count, and the time left or spent.
import type { CliIO } from './io.ts';

const showAfterMs = 500;
const redrawEveryMs = 250;
const width = 24;

const formatNames: Record<string, string> = { epub: 'EPUB', pdf: 'PDF', kepub: 'KEPUB', azw3: 'AZW3 (Calibre)' };

export interface ProgressEvent {
  phase: 'read' | 'render' | 'check' | 'write';
  done: number;
  total: number;
  format?: string;
  /** How long the phase should take (a format's render time in the last build). */
  expectedMs?: number;
}

export function createProgressBar(io: CliIO) {
  const started = io.now();
  let shown = false;
  let current: ProgressEvent | undefined;
  let phaseStarted = started;
  let ticker: ReturnType<typeof setInterval> | undefined;

  const draw = () => {
    if (!current || !io.isTTY || io.now() - started < showAfterMs) return;
    shown = true;
    io.errRaw(`\r\x1b[K${describe(current, io.now() - phaseStarted)}`);
  };

  return {
    update: (event: ProgressEvent) => {
      if (event.phase !== current?.phase || event.format !== current?.format) phaseStarted = io.now();
      current = event;
      // Rendering a format gives no events of its own: the clock keeps moving on screen meanwhile.
      if (io.isTTY && !ticker) {
        ticker = setInterval(draw, redrawEveryMs);
        ticker.unref();
      }
      draw();
    },
    done: () => {
      if (ticker) clearInterval(ticker);
      if (shown) io.errRaw('\r\x1b[K');
    },
  };
}

/**
 * `Reading [#####-----] 120/300 stories, about 4 s left`, `Rendering PDF (2/3 formats), about 5 s left` (or `3 s`
 * spent, the first time or once past the estimate), `Checking KEPUB (2/2 books) 1 s`, `Writing 3 files`.
 */
export function describe(event: ProgressEvent, phaseMs: number): string {
  if (event.phase === 'read') {
    const filled = Math.round((event.done / Math.max(event.total, 1)) * width);
    const left = event.done > 0 && event.done < event.total ? `, about ${Math.ceil(((phaseMs / event.done) * (event.total - event.done)) / 1000)} s left` : '';
    return `Reading [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${event.done}/${event.total} stories${left}`;
  }
  if (event.phase === 'render' || event.phase === 'check') {
    const name = formatNames[event.format ?? ''] ?? event.format ?? '';
    const count = event.phase === 'render' ? `${event.done + 1}/${event.total} ${event.total === 1 ? 'format' : 'formats'}` : `${event.done + 1}/${event.total} ${event.total === 1 ? 'book' : 'books'}`;
    const leftMs = event.expectedMs === undefined ? 0 : event.expectedMs - phaseMs;
    const time = leftMs >= 1000 ? `, about ${Math.round(leftMs / 1000)} s left` : ` ${Math.floor(phaseMs / 1000)} s`;
    return `${event.phase === 'render' ? 'Rendering' : 'Checking'} ${name} (${count})${time}`;
  }
  return `Writing ${event.total} ${event.total === 1 ? 'file' : 'files'}`;
}
