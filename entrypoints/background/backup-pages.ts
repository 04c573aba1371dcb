/**
 * A kept backup read out, and an import staged in, a page at a time: each page well below the
 * runtime message cap, each in its own short transaction, so the worker holds one page in memory
 * and a stop between pages loses nothing (the next message carries on where the last one ended).
 */
import { unwrap, type IDBPTransaction } from 'idb';
import {
  BACKUP_PAGE_MAX_CHARS,
  BACKUP_PAGE_MAX_RECORDS,
  type BackupPage,
} from '@/utils/contract/backups';
import type { RecordKind } from '@/utils/contract/records';
import type { Account } from '@/utils/contract/model';
import { withoutKeys, type RapportDb, type RapportSchema, type StoreName } from './db';
import { kindRange } from './backup-copy';

/**
 * Up to `limit` records of `kind` after `after`, cut short once their JSON passes `maxChars` (a
 * record bigger than that still travels, alone).
 */
export async function readPage(
  db: RapportDb,
  backupId: string,
  kind: RecordKind,
  after: string | undefined,
  limit = BACKUP_PAGE_MAX_RECORDS,
  maxChars = BACKUP_PAGE_MAX_CHARS,
): Promise<BackupPage> {
  const records = (await db.getAll('backupRecords', kindRange(backupId, kind, after), limit)) as {
    id: string;
  }[];
  return pageOf(records, limit, maxChars);
}

/**
 * The same from the store itself, by id: for a reader that needs one or two kinds (the CSV
 * export and import read the accounts and people) and not one moment's copy of everything.
 * Accounts go without the keys the store derives for its indexes, as in a backup.
 */
export async function readStorePage(
  db: RapportDb,
  kind: RecordKind,
  after: string | undefined,
  limit = BACKUP_PAGE_MAX_RECORDS,
  maxChars = BACKUP_PAGE_MAX_CHARS,
): Promise<BackupPage> {
  const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
  const records = (await db.getAll(kind, range, limit)) as { id: string }[];
  return pageOf(
    kind === 'accounts' ? records.map((r) => withoutKeys(r as Account)) : records,
    limit,
    maxChars,
  );
}

/** `records` (as many as a read of `limit` gave) as a page, cut short past `maxChars` of JSON. */
function pageOf(records: readonly { id: string }[], limit: number, maxChars: number): BackupPage {
  const parts: string[] = [];
  let chars = 0;
  for (const record of records) {
    if (parts.length > 0 && chars >= maxChars) break;
    const json = JSON.stringify(record);
    parts.push(json);
    chars += json.length + 1;
  }
  const whole = parts.length === records.length && records.length < limit;
  return {
    text: parts.join(','),
    count: parts.length,
    next: whole ? null : records[parts.length - 1]!.id,
  };
}

type WriteTx = IDBPTransaction<RapportSchema, StoreName[], 'readwrite'>;

/**
 * Adds one page of an import's records to its staged backup, in `tx`. `add`, not `put`: an id the
 * file holds twice fails the add, and the whole page with it. Returns the id that was refused,
 * through `onDuplicate`, for the caller to word once the transaction has failed.
 */
export function stagePage(
  tx: WriteTx,
  backupId: string,
  kind: RecordKind,
  records: readonly { id: string }[],
  onDuplicate: (id: string) => void,
): void {
  const store = unwrap(tx.objectStore('backupRecords'));
  for (const record of records) {
    const request = store.add(record, [backupId, kind, record.id]);
    request.onerror = () => {
      if (request.error?.name === 'ConstraintError') onDuplicate(record.id);
    };
  }
}
