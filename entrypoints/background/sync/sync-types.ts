/** The sync engine's shapes: its status, one account's line, its dependencies, an open document. */
import type * as Y from 'yjs';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import type { RapportDb } from '../db';
import type { AccountSnapshot } from './account-doc';
import type { SyncError } from './sync-errors';
import type { SyncDb, SyncDocRecord } from './sync-state';

/** The origin of this browser's own transactions on a doc (a remote update has another). */
export const LOCAL = Symbol('rapport-local');

export type { AccountSyncState, SyncPhase, SyncStatus } from './sync-status';

export interface SyncEngineDeps {
  getDb: () => Promise<RapportDb>;
  getSyncDb: () => Promise<SyncDb>;
  /**
   * False when the account surely has no document and no offer (record-keys.ts): its sync line is
   * then known without reading the sync database. Absent: always read.
   */
  mayHaveRecord?: (accountId: string) => Promise<boolean>;
  notify: (accountIds: string[]) => Promise<void>;
  now: () => number;
  /** Node's tests pass the ws package; the worker has WebSocket. */
  WebSocketPolyfill?: unknown;
}

/** One shared account's document as the engine holds it open. */
export interface Live {
  record: SyncDocRecord;
  doc: Y.Doc;
  provider: HocuspocusProvider | null;
  queue: Promise<void>;
  /** What this browser's store last agreed with the doc (null: not known since the start). */
  base: AccountSnapshot | null;
  /** The server refused this browser's latest update to it; stated until it takes one. */
  refusal: SyncError | null;
}
