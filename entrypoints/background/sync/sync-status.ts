/**
 * Team sync's state as the worker reports it: for the whole browser (the Team section, the
 * status lines) and for one shared account (its sync line). Worked out from the engine's live
 * documents; nothing here is stored.
 */
import type { SyncError } from './sync-errors';
import type { RejoinOfferRecord } from './sync-state';

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
  /** This person's role on it; null while not known (only the owner stops sharing). */
  role?: 'owner' | 'editor' | 'viewer' | null;
  /** The server refused this account's latest changes (too large...): kept here, not sent. */
  error: SyncError | null;
  /** Not joined: a teammate shares it on this server and the person has not said yes yet. */
  offer?: { server: string; owner: string | null; dismissed: boolean };
}

/** The line of an account offered to rejoin (rejoin-offers.ts); null when there is no offer. */
export function offerStateOf(offer: RejoinOfferRecord | undefined): AccountSyncState | null {
  if (!offer) return null;
  const { server, owner, dismissed } = offer;
  return {
    phase: 'off',
    waiting: 0,
    revoked: false,
    error: null,
    offer: { server, owner, dismissed },
  };
}

/** What the status needs to know of one live document. */
export interface DocView {
  accountId: string;
  revoked: boolean;
  dirty: boolean;
  role: 'owner' | 'editor' | 'viewer' | null;
  /** Changes the server has not acknowledged; null when the document is not connected. */
  unsynced: number | null;
  refusal: SyncError | null;
}

export function accountStateOf(doc: DocView, socketConnected: boolean): AccountSyncState {
  const waiting = doc.unsynced ?? 0;
  const connected = socketConnected && doc.unsynced !== null;
  return {
    revoked: doc.revoked,
    role: doc.role,
    phase: doc.revoked ? 'off' : !connected ? 'offline' : waiting > 0 ? 'pending' : 'synced',
    waiting: waiting + (doc.dirty ? 1 : 0),
    error: doc.revoked ? null : doc.refusal,
  };
}

export function statusOf(input: {
  configured: boolean;
  /** null: no socket made yet. */
  socketConnected: boolean | null;
  docs: DocView[];
  personalWaiting: number;
  own: boolean;
  error: SyncError | null;
}): SyncStatus {
  const waiting = input.docs.reduce((n, d) => n + (d.unsynced ?? 0), 0) + input.personalWaiting;
  const phase: SyncPhase = !input.configured
    ? 'off'
    : !input.socketConnected
      ? input.socketConnected === false
        ? 'connecting'
        : 'offline'
      : waiting > 0
        ? 'pending'
        : 'synced';
  return {
    phase,
    waiting,
    shared: input.docs.length,
    revoked: input.docs.filter((d) => d.revoked).map((d) => d.accountId),
    own: input.own,
    error: input.error,
  };
}
