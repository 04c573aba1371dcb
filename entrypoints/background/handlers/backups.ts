/**
 * Backups of any size (issue 16): snapshots and kept backups read out a page at a time, imports
 * staged a page at a time and swapped in by one transaction. The record stores change only in
 * the one transaction of an erase (copy, then clear) or of a restore (copy in, then drop the
 * backup): a worker stopped at any moment leaves them as they were or complete.
 */
import { RECORD_KINDS, SCHEMA_VERSION } from '@/utils/contract/records';
import type { BackupInfo, RecordProblem } from '@/utils/contract/backups';
import type { StoreName } from '../db';
import {
  copyBackupToStore,
  copyStoreToBackup,
  dropBackup,
  dropLeftovers,
  kindRange,
  storeIsEmpty,
  zeroCounts,
} from '../backup-copy';
import { readPage, readStorePage, stagePage } from '../backup-pages';
import { findOverfullPlan } from '../objective-limit';
import { previewStaged } from '../backup-preview';
import { type Handlers, HandlerError, type HandlerContext, type WriteTx, write } from './common';

const BACKUP_STORES: StoreName[] = ['backups', 'backupRecords'];
const WITH_RECORDS: StoreName[] = [...RECORD_KINDS, ...BACKUP_STORES];

/** The user's own backups, as the Data section lists them. */
const isKept = (b: BackupInfo) =>
  b.state === 'complete' && (b.reason === 'erased' || b.reason === 'before-replace');

export function recordProblemText(p: RecordProblem): string {
  if (p.kind === 'moved')
    return `${p.store}: "${p.id}" belongs to another account here; a merge never moves a record.`;
  return p.kind === 'duplicateId'
    ? `${p.store}: the id "${p.id}" appears twice.`
    : `${p.store}: "${p.id}" belongs to an account that is not in the backup.`;
}

async function mustGetBackup(
  ctx: Pick<HandlerContext, 'db'> | { tx: WriteTx },
  id: string,
): Promise<BackupInfo> {
  const info =
    'tx' in ctx ? await ctx.tx.objectStore('backups').get(id) : await ctx.db.get('backups', id);
  if (!info) throw new HandlerError('not_found', 'That backup is no longer here.');
  return info;
}

export const backupHandlers = {
  async wipeData(_req, ctx) {
    const stores: StoreName[] = [...WITH_RECORDS, 'trash', 'drafts', 'ops'];
    return write(ctx, stores, async (tx) => {
      // Copy first, in this same transaction: if the copy cannot be made (no room), nothing is
      // erased; if the worker stops halfway, the transaction aborts whole.
      const { info, accountIds } = await copyStoreToBackup(tx, {
        id: ctx.newId(),
        reason: 'erased',
        at: ctx.now(),
      });
      // Nothing else of what is erased stays behind: unsaved text, deleted accounts waiting in
      // the trash, and the answers of earlier writes (kept for their retries, they hold records).
      // The erase's own answer, recorded after this, is the backup's description only.
      for (const s of [...RECORD_KINDS, 'trash', 'drafts', 'ops'] as const)
        await tx.objectStore(s).clear();
      return { data: info, changed: accountIds };
    });
  },

  async snapshotBackup(_req, ctx) {
    return write(ctx, WITH_RECORDS, async (tx) => {
      await dropLeftovers(tx, ctx.now());
      const { info } = await copyStoreToBackup(tx, {
        id: ctx.newId(),
        reason: 'export',
        at: ctx.now(),
      });
      return { data: info, changed: [] };
    });
  },

  async readBackupPage(req, ctx) {
    const info = await mustGetBackup(ctx, req.backupId);
    if (info.state !== 'complete')
      throw new HandlerError('conflict', 'That backup is not complete yet.');
    return {
      data: await readPage(ctx.db, req.backupId, req.kind, req.after, req.limit),
      changed: [],
    };
  },

  async readRecordsPage(req, ctx) {
    return { data: await readStorePage(ctx.db, req.kind, req.after, req.limit), changed: [] };
  },

  async listBackups(_req, ctx) {
    const all = await ctx.db.getAll('backups');
    return { data: all.filter(isKept).sort((a, b) => b.createdAt - a.createdAt), changed: [] };
  },

  async deleteBackup(req, ctx) {
    return write(ctx, BACKUP_STORES, async (tx) => {
      await mustGetBackup({ tx }, req.backupId);
      await dropBackup(tx, req.backupId);
      return { data: true as const, changed: [] };
    });
  },

  async beginImport(_req, ctx) {
    return write(ctx, BACKUP_STORES, async (tx) => {
      await dropLeftovers(tx, ctx.now());
      const info: BackupInfo = {
        id: ctx.newId(),
        reason: 'import',
        createdAt: ctx.now(),
        state: 'staging',
        schemaVersion: SCHEMA_VERSION,
        exportedAt: ctx.now(),
        counts: zeroCounts(),
      };
      await tx.objectStore('backups').put(info);
      return { data: info, changed: [] };
    });
  },

  async stageBackupPage(req, ctx) {
    let duplicate: string | undefined;
    try {
      return await write(ctx, BACKUP_STORES, async (tx) => {
        const info = await mustGetBackup({ tx }, req.backupId);
        if (info.reason !== 'import' || info.state !== 'staging')
          throw new HandlerError('conflict', 'That import is not taking records any more.');
        stagePage(tx, req.backupId, req.kind, req.records, (id) => (duplicate ??= id));
        const counts = { ...info.counts, [req.kind]: info.counts[req.kind] + req.records.length };
        await tx.objectStore('backups').put({ ...info, counts });
        return { data: counts[req.kind], changed: [] };
      });
    } catch (error) {
      if (duplicate === undefined) throw error;
      const problem: RecordProblem = { kind: 'duplicateId', store: req.kind, id: duplicate };
      throw new HandlerError('invalid', recordProblemText(problem));
    }
  },

  async finishImport(req, ctx) {
    if (req.schemaVersion > SCHEMA_VERSION) {
      throw new HandlerError(
        'invalid',
        `This backup comes from a newer Rapport (schema ${req.schemaVersion}); update Rapport first.`,
      );
    }
    const info = await write(ctx, BACKUP_STORES, async (tx) => {
      const staged = await mustGetBackup({ tx }, req.backupId);
      if (staged.reason !== 'import')
        throw new HandlerError('conflict', 'That backup is not an import.');
      // Every record the page read must be here: a page lost on the way is not a smaller backup.
      for (const kind of RECORD_KINDS) {
        if (staged.counts[kind] !== req.counts[kind]) {
          throw new HandlerError(
            'invalid',
            `${kind}: the file held ${req.counts[kind]}, ${staged.counts[kind]} arrived. Nothing was changed.`,
          );
        }
      }
      const done: BackupInfo = {
        ...staged,
        state: 'complete',
        schemaVersion: req.schemaVersion,
        exportedAt: req.exportedAt,
      };
      await tx.objectStore('backups').put(done);
      return done;
    });
    return { data: { info, ...(await previewStaged(ctx.db, info.id)) }, changed: [] };
  },

  async restoreBackup(req, ctx) {
    const stores: StoreName[] = [...WITH_RECORDS];
    return write(ctx, stores, async (tx) => {
      const info = await mustGetBackup({ tx }, req.backupId);
      if (info.state !== 'complete')
        throw new HandlerError('conflict', 'That import is not complete yet.');
      if (info.schemaVersion > SCHEMA_VERSION)
        throw new HandlerError('invalid', 'This backup comes from a newer Rapport.');
      let kept: BackupInfo | undefined;
      let known = new Set<string>();
      if (req.mode === 'replace') {
        // What a replace deletes is kept first, in this same transaction, like an erase.
        if (!(await storeIsEmpty(tx))) {
          const at = ctx.now();
          ({ info: kept } = await copyStoreToBackup(tx, {
            id: ctx.newId(),
            reason: 'before-replace',
            at,
          }));
        }
        for (const s of RECORD_KINDS) await tx.objectStore(s).clear();
      } else known = new Set(await tx.objectStore('accounts').getAllKeys());
      const { counts, accountIds, problem } = await copyBackupToStore(
        tx,
        req.backupId,
        known,
        req.mode === 'merge',
      );
      if (problem) throw new HandlerError('invalid', recordProblemText(problem));
      const staged = (await tx
        .objectStore('backupRecords')
        .getAll(kindRange(req.backupId, 'objectives'))) as { accountId: string }[];
      const overfull = await findOverfullPlan(
        tx,
        staged.map((o) => o.accountId),
      );
      if (overfull) throw new HandlerError('invalid', overfull);
      // The data is back where it belongs: its copy goes (a kept backup is restored once).
      await dropBackup(tx, req.backupId);
      return {
        data: { mode: req.mode, counts, ...(kept ? { kept } : {}) },
        changed: accountIds,
      };
    });
  },
} satisfies Partial<Handlers>;
