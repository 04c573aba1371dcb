/**
 * Work on a tab's reports, one at a time and newest first: a page that changes what it shows every
 * animation frame must not make the worker resolve accounts and write storage ~60 times a second.
 *
 * Per key (a tab), one item runs at a time. An item that comes while one runs waits in a slot of
 * one: a newer item replaces it (coalescing), so when the running one ends only the newest runs.
 * A small bucket of tokens per key then bounds the sustained rate: a burst of `burst` items runs
 * at once (a quiet tab's report never waits, nor do a user's quick clicks), beyond that one item
 * per `refillMs`.
 */
export interface LatestOnlyOptions {
  /** Items that may run back to back before the rate applies. */
  burst: number;
  /** Once the burst is spent, one item per this many milliseconds. */
  refillMs: number;
}

export interface LatestOnly<T> {
  /**
   * Hands the key's newest item over. Resolves once the item ran, when no item of that key was
   * running; at once when one was (the running loop takes the newest item when it is done).
   */
  (key: number, item: T): Promise<void>;
  /** Drops what is kept for the key (its tab closed). */
  forget(key: number): void;
}

export function latestOnly<T>(
  run: (key: number, item: T) => Promise<void>,
  { burst, refillMs }: LatestOnlyOptions,
): LatestOnly<T> {
  const waiting = new Map<number, T>();
  const busy = new Set<number>();
  const buckets = new Map<number, { tokens: number; at: number }>();

  /** Waits until the key may run another item, and spends that token. */
  const token = async (key: number) => {
    const now = Date.now();
    const bucket = buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) / refillMs);
    bucket.at = now;
    buckets.set(key, bucket);
    if (bucket.tokens < 1) {
      const wait = Math.ceil((1 - bucket.tokens) * refillMs);
      await new Promise((resolve) => setTimeout(resolve, wait));
      bucket.tokens = 1;
      bucket.at = Date.now();
    }
    bucket.tokens -= 1;
  };

  const handOver = async (key: number, item: T) => {
    waiting.set(key, item);
    if (busy.has(key)) return;
    busy.add(key);
    let failure: { error: unknown } | undefined;
    try {
      while (waiting.has(key)) {
        await token(key);
        // Taken after the wait: whatever came meanwhile replaced what was there.
        const next = waiting.get(key);
        waiting.delete(key);
        if (next === undefined) break;
        try {
          await run(key, next);
        } catch (error) {
          // The caller hears of its own item's failure; a later item still runs.
          if (next === item) failure = { error };
        }
      }
    } finally {
      busy.delete(key);
    }
    if (failure) throw failure.error;
  };
  return Object.assign(handOver, {
    forget(key: number) {
      waiting.delete(key);
      buckets.delete(key);
    },
  });
}
