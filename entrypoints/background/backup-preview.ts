/**
 * What swapping a staged import in would do, kind by kind, without reading either side whole: the
 * staged records are walked a page at a time in id order, each compared with the store's record of
 * the same id, and the store's records between two pages are counted, not read.
 */
import { RECORD_KINDS, type RecordKind } from '@/utils/contract/records';
import type { ImportPreview, RecordProblem, StoreDiff } from '@/utils/contract/backups';
import type { Account } from '@/utils/contract/model';
import { canonical } from '@/utils/shared/canonical-json';
import { COPY_PAGE, kindRange } from './backup-copy';
import { withoutKeys, type RapportDb } from './db';
import { movesAccount } from './merge-parents';

export interface Preview {
  preview: ImportPreview;
  mergeProblem: RecordProblem | null;
  movedProblem: RecordProblem | null;
  replaceProblem: RecordProblem | null;
}

/** The store's ids in (after, upTo]: undefined bounds are open. */
function between(after: string | undefined, upTo: string | undefined): IDBKeyRange | null {
  if (after === undefined) return upTo === undefined ? null : IDBKeyRange.upperBound(upTo);
  return upTo === undefined
    ? IDBKeyRange.lowerBound(after, true)
    : IDBKeyRange.bound(after, upTo, true, false);
}

export async function previewStaged(db: RapportDb, backupId: string): Promise<Preview> {
  const stagedAccounts = new Set(
    (await db.getAllKeys('backupRecords', kindRange(backupId, 'accounts'))).map((k) => k[2]),
  );
  const preview = {} as ImportPreview;
  let mergeProblem: RecordProblem | null = null;
  let movedProblem: RecordProblem | null = null;
  let replaceProblem: RecordProblem | null = null;
  for (const kind of RECORD_KINDS) {
    const diff: StoreDiff = { added: 0, updated: 0, unchanged: 0, removed: 0 };
    let after: string | undefined;
    for (;;) {
      const tx = db.transaction(['backupRecords', kind, 'accounts'], 'readonly');
      const page = (await tx
        .objectStore('backupRecords')
        .getAll(kindRange(backupId, kind, after), COPY_PAGE)) as {
        id: string;
        accountId?: string;
      }[];
      const last = page.length < COPY_PAGE ? undefined : page[page.length - 1]!.id;
      const store = tx.objectStore(kind as RecordKind);
      const [current, inRange] = await Promise.all([
        Promise.all(page.map((r) => store.get(r.id))),
        store.count(between(after, last)),
      ]);
      let matched = 0;
      for (const [i, record] of page.entries()) {
        const now = current[i];
        if (now === undefined) diff.added++;
        else {
          matched++;
          if (kind !== 'accounts' && !movedProblem && movesAccount(now, record))
            movedProblem = { kind: 'moved', store: kind, id: record.id };
          const was = kind === 'accounts' ? withoutKeys(now as Account) : now;
          if (canonical(was) === canonical(record)) diff.unchanged++;
          else diff.updated++;
        }
        if (record.accountId !== undefined && !stagedAccounts.has(record.accountId)) {
          const problem: RecordProblem = { kind: 'orphan', store: kind, id: record.id };
          replaceProblem ??= problem;
          if (!mergeProblem && (await tx.objectStore('accounts').count(record.accountId)) === 0)
            mergeProblem = problem;
        }
      }
      diff.removed += inRange - matched;
      if (last === undefined) break;
      after = last;
    }
    preview[kind] = diff;
  }
  return { preview, mergeProblem, movedProblem, replaceProblem };
}
