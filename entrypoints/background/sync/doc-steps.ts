/**
 * The steps the sync engine takes on one open document, each run from its queue: save its state,
 * push this browser's change into it, pull a teammate's update into the store.
 */
import * as Y from 'yjs';
import { applyLocalChanges, readAccountFromDoc, type AccountSnapshot } from './account-doc';
import { readSnapshot, writeSnapshot } from './account-store';
import { describeChange, logChange } from './change-log';
import { SyncError } from './sync-errors';
import { LOCAL, type Live, type SyncEngineDeps } from './sync-types';

export interface DocStepsIo {
  /** The person signed in, who each change is logged under; none while not set up. */
  email: () => string | undefined;
  /** A document's record was saved (its dirty or revoked mark may have moved). */
  saved: () => void;
  onError: (error: unknown) => void;
}

export function createDocSteps(deps: SyncEngineDeps, io: DocStepsIo) {
  async function save(entry: Live): Promise<void> {
    entry.record = { ...entry.record, update: Y.encodeStateAsUpdate(entry.doc) };
    await (await deps.getSyncDb()).put('docs', entry.record);
    io.saved();
  }

  /** This browser's changes into the doc; gives back the store's state it pushed. */
  async function pushLocal(entry: Live): Promise<AccountSnapshot | null> {
    const db = await deps.getDb();
    const current = await readSnapshot(db, entry.record.accountId);
    if (!current) return null; // Not in this store (yet, or deleted here): nothing to push.
    // What this browser's store last agreed with the doc: the difference is this browser's own
    // change, even when a teammate's update reached the doc before it reached the store. After a
    // worker restart that is not known, and the doc itself stands in for it.
    const base = entry.base ?? readAccountFromDoc(entry.doc, current, deps.now()).snapshot;
    entry.doc.transact(() => {
      applyLocalChanges(entry.doc, base, current, LOCAL);
      const by = io.email();
      if (by) logChange(entry.doc, by, deps.now(), describeChange(base, current));
    }, LOCAL);
    entry.base = current;
    entry.record = { ...entry.record, dirty: false };
    await save(entry);
    return current;
  }

  /**
   * A teammate's update into the store. This browser's own changes not yet in the doc go in
   * first, and the write is refused if the store moved on meanwhile (a write here between the
   * read and the write): then the whole step is taken again, so no local write is overwritten.
   */
  async function pullRemote(entry: Live): Promise<void> {
    await save(entry);
    const db = await deps.getDb();
    for (let attempt = 0; attempt < 5; attempt++) {
      // The store as it was pushed: if it changed after, the write below is stale.
      const local = await pushLocal(entry);
      const { snapshot, rejected } = readAccountFromDoc(entry.doc, local, deps.now());
      if (rejected > 0) io.onError(new SyncError('syncErrMalformed', rejected));
      if (!snapshot || snapshot.account.id !== entry.record.accountId) return;
      const outcome = await writeSnapshot(db, snapshot, deps.now(), local);
      if (outcome.stale) continue;
      // Exactly what was written, not a fresh read: a write here right after it is a change
      // still to push, and must differ from the base.
      entry.base = snapshot;
      if (outcome.changed) await deps.notify([entry.record.accountId]);
      return;
    }
    throw new SyncError('syncErrStoreBusy');
  }

  return { save, pushLocal, pullRemote };
}
