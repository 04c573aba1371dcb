/**
 * The records that belong to an account, every kind of them (utils/contract/records.ts
 * CHILD_KINDS): what a deleted account takes to the trash, and what team sync reads and writes.
 */
import type { IDBPTransaction } from 'idb';
import { CHILD_KINDS, type ChildKind } from '@/utils/contract/records';
import type { RapportSchema, StoreName, TrashEntry } from './db';
import { activitiesOf } from './account-reads';

// Any transaction over the stores read here, whichever way it was opened.
type ReadTx = IDBPTransaction<RapportSchema, ArrayLike<StoreName>, IDBTransactionMode>;

/** Every kind of an account's records, each a list. */
export type ChildRecords = Required<Omit<TrashEntry, 'accountId' | 'deletedAt' | 'account'>>;

/** One kind of an account's records, from the index that finds that kind. */
export function childRecordsOf(tx: ReadTx, kind: ChildKind, accountId: string) {
  return kind === 'activities'
    ? tx.objectStore('activities').index('byAccountAt').getAll(activitiesOf(accountId))
    : tx.objectStore(kind).index('byAccount').getAll(accountId);
}

/** Every record that belongs to an account, kind by kind, one request per index, all at once. */
export async function allChildRecordsOf(tx: ReadTx, accountId: string): Promise<ChildRecords> {
  const lists = await Promise.all(CHILD_KINDS.map((kind) => childRecordsOf(tx, kind, accountId)));
  return Object.fromEntries(CHILD_KINDS.map((kind, i) => [kind, lists[i]])) as ChildRecords;
}
