/** The sync engine's shapes: its status, one account's line, its dependencies, an open document. */
import type * as Y from 'yjs';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import type { RapportDb } from '../db';
import type { AccountSnapshot } from './account-doc';
import type { SyncError } from './sync-errors';
import type { SyncDb, SyncDocRecord } from './sync-state';

/** The origin of this browser's own transactions on a doc (a remote update has another). */
export const LOCAL = Symbol('rapport-local');

export type SyncPhase = 'off' | 'offline' | 'connecting' | 'synced' | 'pending';

export interface SyncStatus {
  phase: SyncPhase;
  /** Changes made here that the server has not acknowledged yet. */
  waiting: number;
  shared: number;
  /** Accounts this person no longer has access to: kept here, marked "no longer shared". */
  revoked: string[];
  /** Whether the person's unshared accounts sync between their own browsers. */
  own: boolean;
  error: SyncError | null;
}

/** One shared account's line in its views: "Shared · synced", "No longer shared"... */
export interface AccountSyncState {
  phase: SyncPhase;
  waiting: number;
  revoked: boolean;
}

export interface SyncEngineDeps {
  getDb: () => Promise<RapportDb>;
  getSyncDb: () => Promise<SyncDb>;
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
}
