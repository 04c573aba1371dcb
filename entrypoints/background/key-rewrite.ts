/**
 * Rewrites every account with the keys of the current schema (db.ts withKeys), after an upgrade
 * that added indexes, in short batches instead of one long upgrade transaction: each batch is its
 * own transaction of about BATCH_TARGET_MS, so a sidebar read waits at most about one frame, and
 * each moves the stored marker (rewrite-marker.ts) with its puts, so a worker stopped at any point
 * goes on where it stopped. Until the marker says done, the reads that use the rewritten keys
 * either read the rest as it is (account-reads.ts) or wait for whenKeysReady.
 */
import { unwrap } from 'idb';
import { answer } from './account-reads';
import { withKeys, type RapportDb } from './db';
import { KEY_REWRITE, pendingAccounts, type RewriteMarker } from './rewrite-marker';
import type { Account } from '@/utils/contract/model';

/** Inside one frame (16 ms): the batch's transaction holds the accounts store that long. */
export const BATCH_TARGET_MS = 10;
const FIRST_BATCH = 100;
/**
 * A transaction costs several milliseconds however few records it writes (measured: batches of
 * 10 accounts took 14 ms at 100,000 accounts on a busy machine), so smaller batches only make the
 * rewrite longer.
 */
const MIN_BATCH = 25;
const MAX_BATCH = 2_000;

export interface BatchResult {
  rewritten: number;
  done: boolean;
  ms: number;
}

/** One batch of at most `size` accounts, with the marker moved in the same transaction. */
export async function rewriteBatch(db: RapportDb, size: number): Promise<BatchResult> {
  const started = performance.now();
  const tx = unwrap(db).transaction(['accounts', 'meta'], 'readwrite');
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('key rewrite aborted'));
  });
  const meta = tx.objectStore('meta');
  const accounts = tx.objectStore('accounts');
  const marker = (await answer(meta.get(KEY_REWRITE))) as RewriteMarker | undefined;
  const pending = pendingAccounts(marker);
  if (!pending) {
    await done;
    return { rewritten: 0, done: true, ms: performance.now() - started };
  }
  const batch = (await answer(accounts.getAll(pending.range, size))) as Account[];
  for (const account of batch) accounts.put(withKeys(account));
  const finished = batch.length < size;
  const next: RewriteMarker = {
    after: batch.length > 0 ? batch[batch.length - 1]!.id : (marker?.after ?? null),
    done: finished,
  };
  meta.put(next, KEY_REWRITE);
  await done;
  // The bench reads these from the worker: how long each batch held the accounts store.
  performance.measure?.('rapport keyRewriteBatch', { start: started, end: performance.now() });
  return { rewritten: batch.length, done: finished, ms: performance.now() - started };
}

/** The next batch's size: as many accounts as took about BATCH_TARGET_MS last time. */
export function nextBatchSize(size: number, ms: number): number {
  if (ms <= 0) return Math.min(MAX_BATCH, size * 2);
  const fitted = Math.floor((size * BATCH_TARGET_MS) / ms);
  return Math.max(MIN_BATCH, Math.min(MAX_BATCH, fitted, size * 2));
}

export interface RewriteOptions {
  /** Between batches: the default yields a task, so other transactions queue in between. */
  pause?: () => Promise<void>;
  /** Told after each batch (tests, and the bench's measure of the longest batch). */
  onBatch?: (batch: BatchResult & { size: number }) => void;
  /** Stops after this many batches (tests: a worker stopped mid-rewrite). */
  maxBatches?: number;
}

const yieldTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Runs batches until the rewrite is done (or maxBatches); resolves true when it is done. */
export async function runKeyRewrite(db: RapportDb, options: RewriteOptions = {}): Promise<boolean> {
  const pause = options.pause ?? yieldTask;
  let size = FIRST_BATCH;
  for (let n = 0; options.maxBatches === undefined || n < options.maxBatches; n++) {
    const result = await rewriteBatch(db, size);
    options.onBatch?.({ ...result, size });
    if (result.done) return true;
    size = nextBatchSize(size, result.ms);
    await pause();
  }
  return false;
}

const running = new WeakMap<RapportDb, Promise<void>>();

/**
 * Resolves once every account has the current keys, starting the rewrite (once per open store)
 * if it is not running. A failed rewrite is retried by the next call.
 */
export function whenKeysReady(db: RapportDb): Promise<void> {
  let run = running.get(db);
  if (!run) {
    run = runKeyRewrite(db).then(
      () => undefined,
      (error: unknown) => {
        running.delete(db);
        throw error;
      },
    );
    running.set(db, run);
  }
  return run;
}
