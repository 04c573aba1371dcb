/**
 * An import of a backup file of any size: the file is read as a stream, split into records
 * (backup-file-splitter.ts), and sent to the background a page at a time into a staged backup,
 * which the background checks page by page and previews once the file is done. Nothing in the
 * store changes until the user chooses merge or replace (restoreBackup); a refused file leaves no
 * staged records behind.
 */
import {
  BACKUP_PAGE_MAX_CHARS,
  BACKUP_PAGE_MAX_RECORDS,
  type BackupInfo,
  type StagedImport,
} from '@/utils/contract/backups';
import type { Result } from '@/utils/contract/messages';
import type { RecordKind } from '@/utils/contract/records';
import type { Problem } from '@/utils/shared/problem';
import { BackupFileSplitter, SplitError, type SplitRecord } from './backup-file-splitter';

/** The background's side of an import (send() in the page, a fake in tests). */
export interface StagingApi {
  begin(): Promise<Result<BackupInfo>>;
  stage(backupId: string, kind: RecordKind, records: unknown[]): Promise<Result<number>>;
  finish(request: {
    backupId: string;
    format: 'rapport-backup';
    schemaVersion: number;
    exportedAt: number;
    counts: Record<RecordKind, number>;
  }): Promise<Result<StagedImport>>;
  drop(backupId: string): Promise<unknown>;
}

export type StagingOutcome =
  | { ok: true; staged: StagedImport }
  | { ok: false; problem: Problem }
  | { ok: false; error: string };

export interface StagingOptions {
  pageRecords?: number;
  pageChars?: number;
  onProgress?: (records: number) => void;
}

/** The text of a Blob, a chunk at a time: the file is never one string. */
export async function* textChunks(blob: Blob): AsyncGenerator<string> {
  const reader = blob.stream().pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

/** A record's JSON, parsed; a "__proto__" key refuses the file (a later spread would obey it). */
function parseRecord(record: SplitRecord): unknown {
  const guard = record.text.includes('__proto__') || record.text.includes('\\u');
  try {
    if (!guard) return JSON.parse(record.text);
    let proto = false;
    const value: unknown = JSON.parse(record.text, (key, v: unknown) => {
      if (key === '__proto__') proto = true;
      return v;
    });
    if (proto) throw new SplitError({ key: 'optionsBackupProtoKey' });
    return value;
  } catch (e) {
    if (e instanceof SplitError) throw e;
    const detail = e instanceof Error ? e.message : String(e);
    throw new SplitError({
      key: 'optionsBackupNotJson',
      subs: [`${record.kind}[${record.index}]: ${detail.slice(0, 200)}`],
    });
  }
}

/** "records.3.name: Too big" from the background, as "people[1503] name: Too big". */
export function placeIssues(error: string, kind: RecordKind, firstIndex: number): string {
  return error.replace(/records\.(\d+)\.?/g, (_m, n: string) => {
    return `${kind}[${firstIndex + Number(n)}] `;
  });
}

export async function stageBackupFile(
  chunks: AsyncIterable<string>,
  api: StagingApi,
  options: StagingOptions = {},
): Promise<StagingOutcome> {
  const pageRecords = options.pageRecords ?? BACKUP_PAGE_MAX_RECORDS;
  const pageChars = options.pageChars ?? BACKUP_PAGE_MAX_CHARS;
  const splitter = new BackupFileSplitter();
  const begun = await api.begin();
  if (!begun.ok) return { ok: false, error: begun.error };
  const backupId = begun.data.id;

  let batch: unknown[] = [];
  let batchKind: RecordKind | null = null;
  let batchFirst = 0;
  let batchChars = 0;
  let sent = 0;
  const flush = async (): Promise<string | null> => {
    if (batchKind === null || batch.length === 0) return null;
    const r = await api.stage(backupId, batchKind, batch);
    if (!r.ok) {
      // The background refused the records themselves: worded as any bad record in a file.
      const detail = placeIssues(r.error, batchKind, batchFirst);
      if (r.code === 'invalid')
        throw new SplitError({ key: 'optionsBackupInvalid', subs: [detail] });
      return detail;
    }
    sent += batch.length;
    options.onProgress?.(sent);
    batch = [];
    batchChars = 0;
    return null;
  };

  const refuse = async (outcome: StagingOutcome): Promise<StagingOutcome> => {
    await api.drop(backupId);
    return outcome;
  };
  try {
    for await (const chunk of chunks) {
      for (const record of splitter.push(chunk)) {
        if (record.kind !== batchKind || batch.length >= pageRecords || batchChars >= pageChars) {
          const error = await flush();
          if (error) return refuse({ ok: false, error });
          batchKind = record.kind;
          batchFirst = record.index;
        }
        batch.push(parseRecord(record));
        batchChars += record.text.length;
      }
    }
    splitter.end();
    const error = await flush();
    if (error) return refuse({ ok: false, error });
  } catch (e) {
    if (e instanceof SplitError) return refuse({ ok: false, problem: e.problem });
    return refuse({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
  const { schemaVersion, exportedAt } = splitter.fields;
  if (!Number.isInteger(schemaVersion) || !Number.isInteger(exportedAt)) {
    return refuse({
      ok: false,
      problem: { key: 'optionsBackupInvalid', subs: ['schemaVersion, exportedAt: missing'] },
    });
  }
  const finished = await api.finish({
    backupId,
    format: 'rapport-backup',
    schemaVersion: schemaVersion as number,
    exportedAt: exportedAt as number,
    counts: { ...splitter.counts },
  });
  if (!finished.ok) return refuse({ ok: false, error: finished.error });
  return { ok: true, staged: finished.data };
}
