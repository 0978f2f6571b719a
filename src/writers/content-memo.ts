// What was worked out from a file's bytes (deflated, found well-formed, its Kindle facts), by the bytes' SHA-256: kept across the books of one process and, through the build cache, across builds.
import { createHash } from 'node:crypto';

/** The SHA-256 of `bytes`, once per array however many memos ask. */
export function contentKey(bytes: Uint8Array): string {
  let key = contentKeys.get(bytes);
  if (key === undefined) {
    key = createHash('sha256').update(bytes).digest('base64');
    contentKeys.set(bytes, key);
  }
  return key;
}

const contentKeys = new WeakMap<Uint8Array, string>();

/**
 * Values by content key, the least recently used dropped once their sizes pass `limit`. It also records which keys
 * the current build used (`used`), which is what a build keeps in its cache for the next one (`recall`).
 */
export class ContentMemo<V> {
  private readonly values = new Map<string, { value: V; size: number }>();
  private total = 0;
  private readonly usedKeys = new Set<string>();

  constructor(
    private readonly limit: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  /** How many values are known. */
  get size(): number {
    return this.values.size;
  }

  get(key: string): V | undefined {
    const known = this.values.get(key);
    if (known === undefined) return undefined;
    this.values.delete(key);
    this.values.set(key, known);
    this.usedKeys.add(key);
    return known.value;
  }

  set(key: string, value: V): void {
    this.usedKeys.add(key);
    this.store(key, value);
  }

  /** The values this build used, since the last `recall`. */
  used(): [string, V][] {
    return [...this.usedKeys].flatMap((key) => {
      const known = this.values.get(key);
      return known ? [[key, known.value] as [string, V]] : [];
    });
  }

  /** Starts a build: forgets which values were used, and adds what an earlier build kept (values known already stay). */
  recall(kept: readonly [string, V][]): void {
    this.usedKeys.clear();
    for (const [key, value] of kept) if (!this.values.has(key)) this.store(key, value);
  }

  private store(key: string, value: V): void {
    const size = this.sizeOf(value);
    if (size > this.limit) return;
    const old = this.values.get(key);
    if (old) this.total -= old.size;
    this.values.delete(key);
    this.values.set(key, { value, size });
    this.total += size;
    for (const [oldest, { size: oldestSize }] of this.values) {
      if (this.total <= this.limit) break;
      this.values.delete(oldest);
      this.usedKeys.delete(oldest);
      this.total -= oldestSize;
    }
  }
}
