/**
 * A merge never moves a record to another account. A backup that reuses an existing record's id
 * with another accountId (a crafted file, or one from another store whose ids collide) would
 * otherwise take a person, a meeting or a decision out of its account and into another, perhaps
 * one shared with a team, without a word. A merge adds and updates; a move is refused, with the
 * record named, and the whole merge changes nothing. A replace, which makes the store hold exactly
 * the file (keeping a backup of what it replaces), may still take the file as it is.
 */
import type { RecordProblem } from '@/utils/contract/backups';
import type { ChildKind } from '@/utils/contract/records';

type Child = { id: string; accountId?: unknown };

/** Whether the store's copy of a record belongs to another account than the file's. */
export const movesAccount = (stored: Child | undefined, record: Child): boolean =>
  stored !== undefined && stored.accountId !== record.accountId;

/**
 * The first of `records` that the store holds under another account, or null: one read request
 * per record queued at once on the native store (requests run in order, so the last one's answer
 * means all have come), and one promise for them all, as the imports queue their puts. Must run
 * before the records' own puts in the same transaction.
 */
export function firstMoved(
  tx: IDBTransaction,
  kind: ChildKind,
  records: readonly Child[],
): Promise<RecordProblem | null> {
  if (records.length === 0) return Promise.resolve(null);
  const store = tx.objectStore(kind);
  let found: RecordProblem | null = null;
  return new Promise((resolve, reject) => {
    records.forEach((record, i) => {
      const request = store.get(record.id);
      request.onsuccess = () => {
        if (!found && movesAccount(request.result as Child | undefined, record))
          found = { kind: 'moved', store: kind, id: record.id };
        if (i === records.length - 1) resolve(found);
      };
      request.onerror = () => reject(request.error);
    });
  });
}
