/**
 * How many accounts have a next action due today or earlier, capped at COUNT_CAP. Every sidebar
 * shows it, so every resolve asks for it, yet it changes only with a write or a new day; reading
 * it from the store was half of a resolve's time at 100,000 accounts. So the worker keeps the last
 * count per database until a write begins or the day turns. It is a cache: the store stays the
 * truth, and a restarted worker simply counts again.
 */
import { COUNT_CAP } from '@/utils/shared/counts';
import { answer } from './account-reads';

/** Per database: how many write transactions have been created. */
const writesBegun = new WeakMap<object, number>();
const kept = new WeakMap<object, { day: string; writes: number; count: number }>();

/** Called as each write transaction is created: any count read before it may now be stale. */
export function noteWrite(db: object): void {
  writesBegun.set(db, (writesBegun.get(db) ?? 0) + 1);
}

/**
 * Taken just before a read transaction is created, and passed to dueCount with it. IndexedDB
 * orders transactions by creation: one created after a write sees that write's result, one
 * created before does not: its count is right for it, and for no reader after the write.
 */
export function writesSoFar(db: object): number {
  return writesBegun.get(db) ?? 0;
}

/** The count for `day` ("YYYY-MM-DD", local), read in `tx` unless kept from an earlier read. */
export async function dueCount(
  db: object,
  tx: IDBTransaction,
  day: string,
  writesBeforeTx: number,
): Promise<number> {
  const last = kept.get(db);
  if (last && last.day === day && last.writes === writesBeforeTx) return last.count;
  const keys = await answer(
    tx
      .objectStore('accounts')
      .index('byNextDue')
      .getAllKeys(IDBKeyRange.upperBound(day), COUNT_CAP),
  );
  // A slow read from before a write must not replace the count of a read from after it.
  if (writesSoFar(db) === writesBeforeTx) {
    kept.set(db, { day, writes: writesBeforeTx, count: keys.length });
  }
  return keys.length;
}
