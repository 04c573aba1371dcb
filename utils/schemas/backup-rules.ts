/**
 * What a backup must satisfy beyond its schema: every id unique within its kind, and every
 * record's account present (in the file, or for a merge already in the store). One rule for the
 * options page, which explains it to the user, and the background, which enforces it.
 */
import type { Backup } from './requests';
import { RECORD_KINDS } from '@/utils/contract/records';

export type BackupProblem =
  | { kind: 'duplicateId'; store: (typeof RECORD_KINDS)[number]; id: string }
  | { kind: 'orphan'; store: (typeof RECORD_KINDS)[number]; id: string };

export function findBackupProblem(
  backup: Backup,
  storeAccountIds: ReadonlySet<string>,
): BackupProblem | null {
  const accountIds = new Set([...backup.accounts.map((a) => a.id), ...storeAccountIds]);
  for (const store of RECORD_KINDS) {
    const seen = new Set<string>();
    for (const record of backup[store]) {
      if (seen.has(record.id)) return { kind: 'duplicateId', store, id: record.id };
      seen.add(record.id);
      if ('accountId' in record && !accountIds.has(record.accountId)) {
        return { kind: 'orphan', store, id: record.id };
      }
    }
  }
  return null;
}
