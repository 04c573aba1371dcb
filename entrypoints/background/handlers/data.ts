/**
 * The whole store in one message, for a small store (tests, the bench's seeding): export and
 * import, merged or replacing. A store of any size goes through backups.ts, in pages.
 */
import { unwrap } from 'idb';
import { ALL_STORES, withKeys, withoutKeys, type StoreName } from '../db';
import { findOverfullPlan } from '../objective-limit';
import { firstMoved } from '../merge-parents';
import { recordProblemText } from './backups';
import { CHILD_KINDS, RECORD_KINDS, SCHEMA_VERSION } from '@/utils/contract/records';
import type { Backup, ImportSummary } from '@/utils/contract/messages';
import type { Account } from '@/utils/contract/model';
import { findBackupProblem } from '@/utils/schemas/backup-rules';
import { type Handlers, HandlerError, type Tx, write } from './common';

async function readBackup(tx: Tx, now: number): Promise<Backup> {
  const [
    accounts,
    people,
    activities,
    decisions,
    stageChanges,
    objectives,
    buyingUnits,
    whitespace,
  ] = await Promise.all([
    tx.objectStore('accounts').getAll(),
    tx.objectStore('people').getAll(),
    tx.objectStore('activities').getAll(),
    tx.objectStore('decisions').getAll(),
    tx.objectStore('stageChanges').getAll(),
    tx.objectStore('objectives').getAll(),
    tx.objectStore('buyingUnits').getAll(),
    tx.objectStore('whitespace').getAll(),
  ]);
  return {
    format: 'rapport-backup',
    schemaVersion: SCHEMA_VERSION,
    exportedAt: now,
    accounts: accounts.map(withoutKeys),
    people,
    activities,
    decisions,
    stageChanges,
    objectives,
    buyingUnits,
    whitespace,
  };
}

export const dataHandlers = {
  async exportData(_req, ctx) {
    const tx = ctx.db.transaction(RECORD_KINDS as unknown as StoreName[], 'readonly');
    return { data: await readBackup(tx, ctx.now()), changed: [] };
  },

  async importData(req, ctx) {
    const { backup, mode } = req;
    if (backup.schemaVersion > SCHEMA_VERSION) {
      throw new HandlerError(
        'invalid',
        `This backup comes from a newer Rapport (schema ${backup.schemaVersion}); update Rapport first.`,
      );
    }
    return write(ctx, ALL_STORES, async (tx) => {
      // Checked inside the transaction, against what the store holds now, so merge sees the truth.
      const known = new Set(mode === 'merge' ? await tx.objectStore('accounts').getAllKeys() : []);
      const problem = checkBackup(backup, known);
      if (problem) throw new HandlerError('invalid', problem);
      if (mode === 'replace') for (const s of RECORD_KINDS) await tx.objectStore(s).clear();
      // A merge never moves a record the store holds to another account (merge-parents.ts).
      for (const s of mode === 'merge' ? CHILD_KINDS : []) {
        const moved = await firstMoved(unwrap(tx), s, backup[s]);
        if (moved) throw new HandlerError('invalid', recordProblemText(moved));
      }
      // All puts are queued at once on the native store, and write() awaits the transaction:
      // awaiting each put cost a round trip to the IndexedDB backend per record, and a promise
      // per put still cost a quarter of the import's CPU time at 20,000 records (npm run bench).
      // A put that fails aborts the whole transaction, and write() reports it.
      const raw = unwrap(tx);
      for (const s of RECORD_KINDS) {
        const store = raw.objectStore(s);
        for (const record of backup[s])
          store.put(s === 'accounts' ? withKeys(record as Account) : record);
      }
      // Read after the puts (requests run in order), so a merge counts the store's own too.
      const overfull = await findOverfullPlan(
        tx,
        backup.objectives.map((o) => o.accountId),
      );
      if (overfull) throw new HandlerError('invalid', overfull);
      const counts = Object.fromEntries(
        RECORD_KINDS.map((s) => [s, backup[s].length]),
      ) as ImportSummary['counts'];
      return { data: { mode, counts }, changed: backup.accounts.map((a) => a.id) };
    });
  },
} satisfies Partial<Handlers>;

/** The shared backup rules, worded for the background's answer. */
export function checkBackup(backup: Backup, accountIds: ReadonlySet<string>): string | null {
  const problem = findBackupProblem(backup, accountIds);
  if (!problem) return null;
  return problem.kind === 'duplicateId'
    ? `${problem.store}: the id "${problem.id}" appears twice.`
    : `${problem.store}: "${problem.id}" belongs to an account that is not in the backup.`;
}
