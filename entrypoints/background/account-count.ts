/**
 * How many accounts there are, for the accounts table's every page. IndexedDB counts a store by
 * walking it: about 100 ms at 100,000 accounts, most of the table's first page. The count changes
 * only with a write, so the worker keeps the last one per database until a write begins, as
 * due-count.ts does for the due count. It is a cache: a restarted worker simply counts again.
 */
import { answer } from './account-reads';
import { writesSoFar } from './due-count';

const kept = new WeakMap<object, { writes: number; count: number }>();

/**
 * The number of accounts, read from `store` unless kept from a read made after the last write
 * began. `writesBeforeTx` is writesSoFar(db) taken just before the read transaction was created.
 */
export async function accountCount(
  db: object,
  store: IDBObjectStore,
  writesBeforeTx: number,
): Promise<number> {
  const last = kept.get(db);
  if (last && last.writes === writesBeforeTx) return last.count;
  const count = await answer(store.count());
  // A slow read from before a write must not replace the count of a read from after it.
  if (writesSoFar(db) === writesBeforeTx) kept.set(db, { writes: writesBeforeTx, count });
  return count;
}
