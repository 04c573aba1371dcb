/**
 * Backups kept inside the store (the `backups` and `backupRecords` stores): copied from the record
 * stores and back within the caller's one transaction, so a copy is all there or not at all, and a
 * worker stopped halfway leaves the store as it was. Every loop reads a page of records, queues
 * its writes on the native store without awaiting each (a promise per record cost a quarter of an
 * import's time), and reads the next page: requests run in order, so memory holds one page.
 */
import { unwrap, type IDBPTransaction } from 'idb';
import { RECORD_KINDS, SCHEMA_VERSION, type RecordKind } from '@/utils/contract/records';
import type {
  BackupInfo,
  BackupReason,
  RecordCounts,
  RecordProblem,
} from '@/utils/contract/backups';
import type { Account } from '@/utils/contract/model';
import { withKeys, withoutKeys, type RapportSchema, type StoreName } from './db';
import { firstMoved } from './merge-parents';

type ReadTx = IDBPTransaction<RapportSchema, StoreName[], 'readonly' | 'readwrite'>;
type WriteTx = IDBPTransaction<RapportSchema, StoreName[], 'readwrite'>;

/** Records per read while copying inside one transaction. */
export const COPY_PAGE = 2_000;

export const zeroCounts = (): RecordCounts =>
  Object.fromEntries(RECORD_KINDS.map((k) => [k, 0])) as RecordCounts;

/** Every record of one backup: [id] sorts before [id, anything], and [id, []] after every kind. */
export function wholeBackup(backupId: string): IDBKeyRange {
  return IDBKeyRange.bound([backupId], [backupId, []]);
}

/** One kind of one backup, after `after` when given (arrays sort after every string id). */
export function kindRange(backupId: string, kind: RecordKind, after?: string): IDBKeyRange {
  return IDBKeyRange.bound(
    [backupId, kind, after ?? ''],
    [backupId, kind, []],
    after !== undefined,
  );
}

/** A page of one kind's records from the record store itself, in id order, after `after`. */
function liveRange(after: string | undefined): IDBKeyRange | null {
  return after === undefined ? null : IDBKeyRange.lowerBound(after, true);
}

/**
 * Copies every record of the record stores into a new complete backup, in `tx` (which must cover
 * the record stores, `backups` and `backupRecords`). Returns it and the ids of the accounts copied.
 */
export async function copyStoreToBackup(
  tx: WriteTx,
  meta: { id: string; reason: BackupReason; at: number },
): Promise<{ info: BackupInfo; accountIds: string[] }> {
  const target = unwrap(tx.objectStore('backupRecords'));
  const counts = zeroCounts();
  const accountIds: string[] = [];
  for (const kind of RECORD_KINDS) {
    let after: string | undefined;
    for (;;) {
      const page = (await tx.objectStore(kind).getAll(liveRange(after), COPY_PAGE)) as {
        id: string;
      }[];
      for (const record of page) {
        const value = kind === 'accounts' ? withoutKeys(record as Account) : record;
        target.put(value, [meta.id, kind, record.id]);
        if (kind === 'accounts') accountIds.push(record.id);
      }
      counts[kind] += page.length;
      if (page.length < COPY_PAGE) break;
      after = page[page.length - 1]!.id;
    }
  }
  const info: BackupInfo = {
    id: meta.id,
    reason: meta.reason,
    createdAt: meta.at,
    state: 'complete',
    schemaVersion: SCHEMA_VERSION,
    exportedAt: meta.at,
    counts,
  };
  await tx.objectStore('backups').put(info);
  return { info, accountIds };
}

/** Whether the record stores hold anything at all. */
export async function storeIsEmpty(tx: ReadTx): Promise<boolean> {
  for (const kind of RECORD_KINDS) if ((await tx.objectStore(kind).count()) > 0) return false;
  return true;
}

/**
 * Puts every record of backup `backupId` into the record stores, in `tx`. An account's records
 * must find their account among the backup's accounts or `knownAccountIds` (the store's, for a
 * merge), and a merge never moves a record the store holds to another account (merge-parents.ts);
 * the first that breaks either is returned as a problem, and the caller aborts the transaction.
 */
export async function copyBackupToStore(
  tx: WriteTx,
  backupId: string,
  knownAccountIds: ReadonlySet<string>,
  merge: boolean,
): Promise<{ counts: RecordCounts; accountIds: string[]; problem: RecordProblem | null }> {
  const source = tx.objectStore('backupRecords');
  const counts = zeroCounts();
  const accountIds: string[] = [];
  const accounts = new Set(knownAccountIds);
  for (const kind of RECORD_KINDS) {
    const target = unwrap(tx.objectStore(kind));
    let after: string | undefined;
    for (;;) {
      const page = (await source.getAll(kindRange(backupId, kind, after), COPY_PAGE)) as {
        id: string;
        accountId?: string;
      }[];
      // Queued before the page's puts, so they read what the store held (requests run in order).
      const moved = merge && kind !== 'accounts' ? firstMoved(unwrap(tx), kind, page) : null;
      for (const record of page) {
        if (kind === 'accounts') {
          accounts.add(record.id);
          accountIds.push(record.id);
          target.put(withKeys(record as Account));
        } else if (record.accountId !== undefined && !accounts.has(record.accountId)) {
          // The caller aborts: the reads' answers no longer matter, but must not go unheard.
          moved?.catch(() => null);
          return { counts, accountIds, problem: { kind: 'orphan', store: kind, id: record.id } };
        } else target.put(record);
      }
      const problem = await moved;
      if (problem) return { counts, accountIds, problem };
      counts[kind] += page.length;
      if (page.length < COPY_PAGE) break;
      after = page[page.length - 1]!.id;
    }
  }
  return { counts, accountIds, problem: null };
}

/** Removes a backup and every record of it, in `tx`. */
export async function dropBackup(tx: WriteTx, backupId: string): Promise<void> {
  // One after the other: a second request that throws must not leave the first's promise unheard.
  await tx.objectStore('backupRecords').delete(wholeBackup(backupId));
  await tx.objectStore('backups').delete(backupId);
}

/** How long an export snapshot or a staged import may outlive the page that made it. */
export const TRANSIENT_KEEP_MS = 60 * 60 * 1000;

/**
 * Drops the export snapshots and staged imports a closed page left behind: they hold records the
 * user did not choose to keep. Kept backups (an erase's, a replace's) stay until the user acts.
 */
export async function dropLeftovers(tx: WriteTx, now: number): Promise<number> {
  const stale = (await tx.objectStore('backups').getAll()).filter(
    (b) =>
      (b.reason === 'export' || b.reason === 'import') && b.createdAt < now - TRANSIENT_KEEP_MS,
  );
  for (const b of stale) await dropBackup(tx, b.id);
  return stale.length;
}
