/**
 * The options page's ends of a backup streamed in pages: a kept backup or a snapshot read out
 * into a downloaded file, and a chosen file staged into the store (utils/page/backup-file-*.ts).
 */
import { send } from '@/utils/contract/send';
import { BACKUP_PAGE_MAX_RECORDS, type BackupInfo } from '@/utils/contract/backups';
import { today } from '@/utils/shared/dates';
import { downloadBlob } from '@/utils/page/download';
import { backupFileName } from '@/utils/page/backup-file';
import { writeBackupFile } from '@/utils/page/backup-file-writer';
import type { StagingApi } from '@/utils/page/backup-file-import';
import type { MergeApi, ReadRecordsPage } from '@/utils/page/paged-records';

/**
 * Records per page. `?backupPage=N` on the options page's address sets a smaller one: the browser
 * tests use it to force many pages out of a small store (the schemas bound it either way).
 */
export function pageRecords(): number {
  const asked = Number(new URLSearchParams(location.search).get('backupPage'));
  return Number.isInteger(asked) && asked >= 1 && asked <= BACKUP_PAGE_MAX_RECORDS
    ? asked
    : BACKUP_PAGE_MAX_RECORDS;
}

/** Reads backup `info` out page by page and downloads it; returns the file's name. */
export async function downloadBackup(
  info: BackupInfo,
  label: string,
  onProgress: (records: number) => void,
): Promise<string> {
  const limit = pageRecords();
  const blob = await writeBackupFile(
    info,
    (kind, after) =>
      send('readBackupPage', { backupId: info.id, kind, limit, ...(after ? { after } : {}) }),
    onProgress,
  );
  const name = backupFileName(label ? `${today()}-${label}` : today());
  downloadBlob(name, blob);
  return name;
}

/** The page limits a CSV import is sent in: the defaults, unless the address asks for pages. */
export function pageLimits(): { pageRecords?: number } {
  const asked = new URLSearchParams(location.search).has('backupPage');
  return asked ? { pageRecords: pageRecords() } : {};
}

export const stagingApi: StagingApi = {
  begin: () => send('beginImport', {}),
  stage: (backupId, kind, records) => send('stageBackupPage', { backupId, kind, records } as never),
  finish: (request) => send('finishImport', request),
  drop: (backupId) => send('deleteBackup', { backupId }),
};

/** The CSV import's merge: one message, or staged a page at a time and merged by one transaction. */
export const mergeApi: MergeApi = {
  ...stagingApi,
  mergeWhole: (backup) => send('importData', { backup, mode: 'merge' }),
  restore: (backupId) => send('restoreBackup', { backupId, mode: 'merge' }),
};

/** The store's own records, a page at a time (the CSV export and import). */
export const readRecordsPage: ReadRecordsPage = (kind, after) =>
  send('readRecordsPage', { kind, limit: pageRecords(), ...(after ? { after } : {}) });
