/**
 * What team sync keeps in this browser, in its own IndexedDB database beside the store (its
 * schema moves on its own, and the store's migrations stay as they are):
 *   connection  the server's address, this person's email and token: only the background reads
 *               it; no message gives the token to a content script or the sidebar frame
 *   docs        each shared document's Yjs state (and the person's own, `user:<email>`) (a merged update) and whether this browser has
 *               a change not yet in it (`dirty`), so that sync resumes after a worker restart
 *               from the stored state vector instead of downloading everything again
 *   offers      accounts a teammate shares with this person whose id this store already holds,
 *               never synced here (a restored backup): not joined until the person says so
 *               (rejoin-offers.ts)
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const SYNC_DB_NAME = 'rapport-sync';

export interface SyncConnection {
  key: 'connection';
  url: string;
  email: string;
  token: string;
  /** The person's unshared accounts go to their own document too (personal-sync.ts). */
  own?: boolean;
}

export interface SyncDocRecord {
  name: string;
  accountId: string;
  update: Uint8Array;
  dirty: boolean;
  /** The server refused this person (access removed): the local copy is kept, no longer shared. */
  revoked: boolean;
  /** This person's role on a shared account, as the server last said (undefined: not yet). */
  role?: 'owner' | 'editor' | 'viewer';
  /** The person's own document only: accounts still to push, and to write to the store. */
  dirtyAccounts?: string[];
  pendingAccounts?: string[];
  /** The person's own document only: this browser's accounts went into it once. */
  seeded?: boolean;
}

/** A document shared with this person under the id of an account held here, not joined. */
export interface RejoinOfferRecord {
  accountId: string;
  /** The server it was found on, and its owner there (null when the server did not say). */
  server: string;
  owner: string | null;
  /** "Not now": the sidebar's card stops asking; the account page still offers it. */
  dismissed: boolean;
}

interface SyncSchema extends DBSchema {
  settings: { key: string; value: SyncConnection };
  docs: { key: string; value: SyncDocRecord };
  offers: { key: string; value: RejoinOfferRecord };
}

export type SyncDb = IDBPDatabase<SyncSchema>;

export function openSyncDb(name: string = SYNC_DB_NAME): Promise<SyncDb> {
  return openDB<SyncSchema>(name, 2, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('settings', { keyPath: 'key' });
        db.createObjectStore('docs', { keyPath: 'name' });
      }
      if (oldVersion < 2) db.createObjectStore('offers', { keyPath: 'accountId' });
    },
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
    },
  });
}

export const accountDocName = (accountId: string) => `account:${accountId}`;
