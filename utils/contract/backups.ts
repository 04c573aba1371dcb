/**
 * Backups kept inside the store, and the pages they travel in. A backup too big for one runtime
 * message (Chrome caps a message at 64 MiB) is never sent whole: the background copies the store
 * into a backup in one transaction (erase, replace, export), and pages read it out a page at a
 * time; an import is staged into a backup a page at a time and swapped in by one transaction.
 */
import type { RecordKind } from './records';

/**
 * Why a backup exists. `erased` and `before-replace` are the user's own: kept until they restore
 * or delete it. `export` is a snapshot read out into a file, `import` a file being staged; both
 * are dropped once done, and left-overs of a closed page after an hour.
 */
export type BackupReason = 'erased' | 'before-replace' | 'export' | 'import';

export type RecordCounts = Record<RecordKind, number>;

export interface BackupInfo {
  id: string;
  reason: BackupReason;
  createdAt: number;
  /** `staging` while an import's pages arrive; `complete` once every record is in. */
  state: 'staging' | 'complete';
  /** The schema the records follow, and when they were taken (for an import, the file's). */
  schemaVersion: number;
  exportedAt: number;
  counts: RecordCounts;
}

/** One page of a backup's records of one kind, as JSON text ready for the file. */
export interface BackupPage {
  /** The records' JSON, comma-separated, without the brackets ("" for none). */
  text: string;
  count: number;
  /** The id to read after for the next page; null when this kind is done. */
  next: string | null;
}

/** What an import would do to the store, kind by kind. */
export interface StoreDiff {
  /** In the file, not in the store. */
  added: number;
  /** In both, different. */
  updated: number;
  /** In both, the same. */
  unchanged: number;
  /** In the store, not in the file: deleted by a replace, kept by a merge. */
  removed: number;
}
export type ImportPreview = Record<RecordKind, StoreDiff>;

/** A cross-record rule a backup breaks (utils/schemas/backup-rules.ts words the same kinds). */
export interface RecordProblem {
  /** moved: the store holds the record under another account (a merge never moves one). */
  kind: 'duplicateId' | 'orphan' | 'moved';
  store: RecordKind;
  id: string;
}

/** A staged import, checked: what merge and replace would do, and whether each may run. */
export interface StagedImport {
  info: BackupInfo;
  preview: ImportPreview;
  /** Records whose account is neither in the file nor in the store: a merge cannot take them. */
  mergeProblem: RecordProblem | null;
  /** Records the store holds under another account: a merge would move them, so it may not run. */
  movedProblem: RecordProblem | null;
  /** Records whose account only the store has: a replace would orphan them. */
  replaceProblem: RecordProblem | null;
}

export interface RestoreSummary {
  mode: 'merge' | 'replace';
  counts: RecordCounts;
  /** A replace keeps what it replaced as a backup of its own (absent when the store was empty). */
  kept?: BackupInfo;
}

/** The most records in one page, either way. */
export const BACKUP_PAGE_MAX_RECORDS = 5_000;
/**
 * About how many characters of JSON one page carries: well below the 64 MiB message cap, even
 * after the message's own escaping. A single record over it still travels alone.
 */
export const BACKUP_PAGE_MAX_CHARS = 4_000_000;
/** The largest single record a backup file may hold (its fields are bounded far below this). */
export const BACKUP_MAX_RECORD_CHARS = 2_000_000;
/** A backup file larger than this is refused before it is read; import streams anything below. */
export const MAX_BACKUP_FILE_BYTES = 2 * 1024 * 1024 * 1024;
