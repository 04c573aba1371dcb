/**
 * Team sync as the worker holds it: created with the worker's synchronous main (no top-level
 * await, no import()), its state reopened from IndexedDB on every start (sync-state.ts), so a
 * stopped worker resumes where it was. Nothing here runs for a browser that shares nothing:
 * resume() finds no document and no connection and stops there.
 */
import type { RapportDb } from '../db';
import { createSyncEngine, type SyncEngine } from './sync-engine';
import { syncRecordKeys, type SyncRecordKeys } from './record-keys';
import { openSyncDb } from './sync-state';

export function workerSync(deps: {
  getDb: () => Promise<RapportDb>;
  notify: (accountIds: string[]) => Promise<void>;
}): SyncEngine {
  let syncDb: Promise<SyncRecordKeys> | null = null;
  const opened = () =>
    (syncDb ??= openSyncDb()
      .then(syncRecordKeys)
      .catch((e) => ((syncDb = null), Promise.reject(e))));
  const engine = createSyncEngine({
    ...deps,
    getSyncDb: async () => (await opened()).db,
    mayHaveRecord: async (accountId) => (await opened()).mayHaveRecord(accountId),
    now: Date.now,
  });
  void engine.resume().catch(() => undefined);
  return engine;
}
