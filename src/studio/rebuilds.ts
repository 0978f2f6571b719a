// Rebuilds on request, one at a time: requests that come while a build runs make one more build after it, and a short quiet time gathers a burst of changes into one.
export interface Rebuild<Result> {
  /** Counts the builds that finished, failed ones included. */
  number: number;
  milliseconds: number;
  result?: Result;
  error?: unknown;
}

export interface Rebuilder {
  /** Asks for a build after the quiet time; returns at once. */
  request(): void;
  /** Resolves when no build is running or asked for. */
  settled(): Promise<void>;
  close(): void;
}

export function createRebuilder<Result>(build: () => Promise<Result>, onBuilt: (rebuild: Rebuild<Result>) => void, options: { quietMs?: number; now?: () => number } = {}): Rebuilder {
  const quietMs = options.quietMs ?? 100;
  const now = options.now ?? (() => performance.now());
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;
  let number = 0;

  const run = async () => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    const started = now();
    running = build().then(
      (result) => onBuilt({ number: ++number, milliseconds: now() - started, result }),
      (error: unknown) => onBuilt({ number: ++number, milliseconds: now() - started, error }),
    );
    await running;
    running = undefined;
    if (again && !closed) {
      again = false;
      await run();
    }
  };

  return {
    request() {
      if (closed) return;
      clearTimeout(timer);
      timer = setTimeout(run, quietMs);
    },
    async settled() {
      while (timer || running) await (running ?? new Promise((resolve) => setTimeout(resolve, quietMs)));
    },
    close() {
      closed = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
