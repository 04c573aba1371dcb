/**
 * A backup file of any size, written a page at a time into Blob parts: each page the background
 * answers (JSON text, well below the message cap) becomes a Blob of its own at once, so the page
 * never holds the file as one string, and the browser may keep the parts on disk. The file is the
 * same JSON a single `JSON.stringify(backup)` would give: older Rapports read it too.
 */
import type { BackupInfo, BackupPage } from '@/utils/contract/backups';
import type { Result } from '@/utils/contract/messages';
import { RECORD_KINDS, type RecordKind } from '@/utils/contract/records';

export type PageReader = (
  kind: RecordKind,
  after: string | undefined,
) => Promise<Result<BackupPage>>;

export class BackupReadError extends Error {}

/** `{"format":"rapport-backup","schemaVersion":5,"exportedAt":...` : the file's opening fields. */
export function fileHead(info: Pick<BackupInfo, 'schemaVersion' | 'exportedAt'>): string {
  return `{"format":"rapport-backup","schemaVersion":${info.schemaVersion},"exportedAt":${info.exportedAt}`;
}

/**
 * Reads every page of backup `info` through `read` and returns the file as a Blob. Throws
 * BackupReadError when a page fails or when a kind's records do not add up to the backup's own
 * count: a short file is never handed over as a backup.
 */
export async function writeBackupFile(
  info: BackupInfo,
  read: PageReader,
  onProgress: (done: number) => void = () => undefined,
): Promise<Blob> {
  const parts: BlobPart[] = [fileHead(info)];
  let done = 0;
  for (const kind of RECORD_KINDS) {
    parts.push(`,"${kind}":[`);
    let after: string | undefined;
    let count = 0;
    for (;;) {
      const page = await read(kind, after);
      if (!page.ok) throw new BackupReadError(page.error);
      if (page.data.count > 0) {
        parts.push(new Blob([count > 0 ? ',' : '', page.data.text]));
        count += page.data.count;
        done += page.data.count;
        onProgress(done);
      }
      if (page.data.next === null) break;
      // A page that does not move on would loop for ever: refuse it instead.
      if (typeof page.data.next !== 'string' || page.data.next === after)
        throw new BackupReadError(`${kind}: the backup's pages do not move on.`);
      after = page.data.next;
    }
    if (count !== info.counts[kind])
      throw new BackupReadError(`${kind}: ${count} of ${info.counts[kind]} records were read.`);
    parts.push(']');
  }
  parts.push('}');
  return new Blob(parts, { type: 'application/json' });
}

/** Every record of a backup, all kinds together. */
export function totalRecords(info: Pick<BackupInfo, 'counts'>): number {
  return RECORD_KINDS.reduce((n, k) => n + info.counts[k], 0);
}
