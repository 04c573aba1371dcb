/**
 * Records of the store read, and a set of records written, a page at a time: Chrome caps a runtime
 * message at 64 MiB, so a store of any size never travels in one (utils/contract/backups.ts). The
 * CSV export and import use these as the JSON backup uses its streamed pages.
 *
 * A write is staged into a backup kept in the store, page by page, then merged into the store by
 * one transaction (restoreBackup): all of it or, on any failure, none of it, and the staged pages
 * are dropped.
 */
import {
  BACKUP_PAGE_MAX_CHARS,
  BACKUP_PAGE_MAX_RECORDS,
  type BackupPage,
  type RestoreSummary,
} from '@/utils/contract/backups';
import type { Backup, ImportSummary, Result } from '@/utils/contract/messages';
import { RECORD_KINDS, type RecordKind } from '@/utils/contract/records';
import type { StagingApi } from './backup-file-import';

/** One page of the store's records of `kind` after `after` (readRecordsPage). */
export type ReadRecordsPage = (
  kind: RecordKind,
  after: string | undefined,
) => Promise<Result<BackupPage>>;

/** Every record of `kind`, read a page at a time; throws with the background's error. */
export async function readAllRecords<T>(kind: RecordKind, read: ReadRecordsPage): Promise<T[]> {
  const all: T[] = [];
  let after: string | undefined;
  for (;;) {
    const r = await read(kind, after);
    if (!r.ok) throw new Error(r.error);
    if (r.data.count > 0)
      for (const record of JSON.parse(`[${r.data.text}]`) as T[]) all.push(record);
    if (!r.data.next) return all;
    after = r.data.next;
  }
}

/**
 * The background's side of a merge: one importData for what fits in one page; otherwise staging,
 * and the merge of what was staged.
 */
export interface MergeApi extends StagingApi {
  mergeWhole(backup: Backup): Promise<Result<ImportSummary>>;
  restore(backupId: string): Promise<Result<RestoreSummary>>;
}

type Failure = Extract<Result<unknown>, { ok: false }>;

export interface PageLimits {
  pageRecords?: number;
  pageChars?: number;
}

/** `records` in pages of at most `pageRecords` records and about `pageChars` characters of JSON. */
export function* pagesOf<T>(
  records: readonly T[],
  { pageRecords = BACKUP_PAGE_MAX_RECORDS, pageChars = BACKUP_PAGE_MAX_CHARS }: PageLimits = {},
): Generator<T[]> {
  let page: T[] = [];
  let chars = 0;
  for (const record of records) {
    const size = JSON.stringify(record).length + 1;
    if (page.length > 0 && (page.length >= pageRecords || chars + size > pageChars)) {
      yield page;
      page = [];
      chars = 0;
    }
    page.push(record);
    chars += size;
  }
  if (page.length > 0) yield page;
}

/**
 * The most characters of JSON sent as one importData: at most 3 bytes each in the message, still
 * below Chrome's 64 MiB cap. A 10,000-row CSV file is about a quarter of it.
 */
const ONE_MESSAGE_MAX_CHARS = 16_000_000;

/**
 * Whether `backup` fits in one message: its JSON below the message cap (`pageChars`), and no
 * more records than `pageRecords` when one is given (the tests force pages that way).
 */
function fitsOneMessage(
  backup: Backup,
  { pageRecords = Number.POSITIVE_INFINITY, pageChars = ONE_MESSAGE_MAX_CHARS }: PageLimits,
): boolean {
  let records = 0;
  let chars = 0;
  for (const kind of RECORD_KINDS) {
    for (const record of backup[kind] as unknown[]) {
      records += 1;
      chars += JSON.stringify(record).length + 1;
      if (records > pageRecords || chars > pageChars) return false;
    }
  }
  return true;
}

/**
 * Merges `backup` into the store, all or nothing: in one message when it fits in one (most CSV
 * files: no staging to pay for), else a page at a time (see above). Answers what the
 * merge wrote, or the first error; the store is unchanged then.
 */
export async function mergeInPages(
  backup: Backup,
  api: MergeApi,
  limits: PageLimits = {},
): Promise<Result<ImportSummary | RestoreSummary>> {
  if (fitsOneMessage(backup, limits)) return api.mergeWhole(backup);
  const begun = await api.begin();
  if (!begun.ok) return begun;
  const backupId = begun.data.id;
  const fail = async (r: Failure): Promise<Result<never>> => {
    await api.drop(backupId);
    return r;
  };
  const counts = {} as Record<RecordKind, number>;
  for (const kind of RECORD_KINDS) {
    const records = backup[kind] as unknown[];
    counts[kind] = records.length;
    for (const page of pagesOf(records, limits)) {
      const r = await api.stage(backupId, kind, page);
      if (!r.ok) return fail(r);
    }
  }
  const finished = await api.finish({
    backupId,
    format: 'rapport-backup',
    schemaVersion: backup.schemaVersion,
    exportedAt: backup.exportedAt,
    counts,
  });
  if (!finished.ok) return fail(finished);
  const restored = await api.restore(backupId);
  // A refused merge leaves the staged copy behind; it goes now, not in an hour.
  if (!restored.ok) return fail(restored);
  return restored;
}
