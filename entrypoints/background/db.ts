/**
 * The IndexedDB store, the background's alone; every other context asks by message.
 *
 * Schema changes are steps in MIGRATIONS, one per version, doing only structural IndexedDB work
 * inside `upgrade` (stores, indexes, a progress marker): the version-change transaction blocks
 * every other read, so a step never rewrites records. Records whose derived keys change are
 * rewritten afterwards in short, resumable batches (key-rewrite.ts).
 * tests/unit/migrations.test.ts fills each old version, upgrades, and checks nothing was lost.
 */
import {
  openDB,
  unwrap,
  type DBSchema,
  type IDBPDatabase,
  type IDBPTransaction,
  type StoreNames,
} from 'idb';
import { RECORD_KINDS } from '@/utils/contract/records';
import { SORT_KEY_NAMES, sortKeysOf, type SortKeys } from './sort-keys';
import type { BackupInfo } from '@/utils/contract/backups';
import type {
  Account,
  Activity,
  BuyingUnit,
  CrmRef,
  Decision,
  Objective,
  Person,
  StageChange,
  WhitespaceCell,
} from '@/utils/contract/model';
import { startKeyRewrite } from './rewrite-marker';

export const DB_NAME = 'rapport';

/** An account taken out by deleteAccount, whole, so restoreAccount can put every record back. */
export interface TrashEntry {
  accountId: string;
  deletedAt: number;
  account: Account;
  people: Person[];
  activities: Activity[];
  decisions: Decision[];
  stageChanges: StageChange[];
  /** The account plan; absent in entries trashed before store version 7. */
  objectives?: Objective[];
  buyingUnits?: BuyingUnit[];
  whitespace?: WhitespaceCell[];
}

/**
 * An account as the accounts store keeps it: with the keys its CRM-link and exact-name indexes
 * read, since an index cannot reach into crmRefs' objects or fold a name's case, and the keys the
 * accounts page sorts, filters and searches by (sort-keys.ts). Derived, never edited: withKeys()
 * sets them on every put, and exports leave them out.
 */
export type StoredAccount = Account &
  SortKeys & {
    crmKeys: string[];
    nameKey: string;
  };

/** The key of a CRM record in the byCrmKey index: "hubspot:123". */
export function crmKey(ref: Pick<CrmRef, 'system' | 'recordId'>): string {
  return `${ref.system}:${ref.recordId}`;
}

/** The key of a name in the byNameKey index: an exact name, ignoring case and surrounding space. */
export function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

/** The account with its index keys derived from it now (stale keys from a spread are replaced). */
export function withKeys(account: Account): StoredAccount {
  const name = nameKey(account.name);
  return {
    ...account,
    crmKeys: account.crmRefs.map(crmKey),
    nameKey: name,
    ...sortKeysOf(account, name),
  };
}

/** The account as the rest of Rapport knows it: what exports and backups hold. */
export function withoutKeys(stored: Account): Account {
  const { crmKeys: _crm, nameKey: _name, ...rest } = stored as StoredAccount;
  const account: Record<string, unknown> = rest;
  for (const key of SORT_KEY_NAMES) delete account[key];
  return account as Account;
}

export interface RapportSchema extends DBSchema {
  accounts: {
    key: string;
    value: StoredAccount;
    // byDomain and byCrmKey are multi-entry: one index entry per registrable domain, per link.
    // byNextDue reads nextAction.due; accounts with no next action are simply not in it.
    // The by*Sort indexes and bySearchWord serve the accounts page (account-pages.ts).
    indexes: {
      byDomain: string;
      byNextDue: string;
      byCrmKey: string;
      byNameKey: string;
      byStageSort: [number, string];
      byPotentialSort: [number, string];
      byDueSort: [string, string];
      bySearchWord: string;
    };
  };
  people: {
    key: string;
    value: Person;
    indexes: { byEmail: string; byAccount: string };
  };
  activities: {
    key: string;
    value: Activity;
    indexes: { byAccountAt: [string, number] };
  };
  decisions: {
    key: string;
    value: Decision;
    indexes: { byAccount: string };
  };
  stageChanges: {
    key: string;
    value: StageChange;
    indexes: { byAccount: string };
  };
  /** byStatus finds the objectives at risk for the accounts table's filter (account-pages.ts). */
  objectives: {
    key: string;
    value: Objective;
    indexes: { byAccount: string; byStatus: string };
  };
  buyingUnits: {
    key: string;
    value: BuyingUnit;
    indexes: { byAccount: string };
  };
  /** Whitespace cells; byUnit finds a buying unit's cells, to take them with it when it goes. */
  whitespace: {
    key: string;
    value: WhitespaceCell;
    indexes: { byAccount: string; byUnit: string };
  };
  trash: {
    key: string;
    value: TrashEntry;
    indexes: { byDeletedAt: number };
  };
  /** Writes already applied, by the caller's operation id, so a retried message is not applied twice. */
  ops: {
    key: string;
    value: AppliedOp;
    indexes: { byAt: number };
  };
  /**
   * What the user typed in the sidebar and has not saved, by field: it outlives the sidebar frame
   * (an extension update drops it). Kept here, not in extension storage that content scripts can
   * read: a draft is often a private note on a person.
   */
  drafts: {
    key: string;
    value: Draft;
    indexes: { byAt: number };
  };
  /** The store's own bookkeeping, by name: the progress of a record rewrite (key-rewrite.ts). */
  meta: {
    key: string;
    value: unknown;
  };
  /** Backups kept in the store (backup-copy.ts): what each is, and how many records of each kind. */
  backups: {
    key: string;
    value: BackupInfo;
  };
  /**
   * The records of those backups, each as exported (an account without its index keys), keyed
   * [backupId, kind, recordId] out of line: one range holds one backup, or one kind of it, in id order.
   */
  backupRecords: {
    key: [string, string, string];
    value: unknown;
  };
}

export interface Draft {
  /** Where the field is (account, person, form, name): entrypoints/sidebar/drafts.ts. */
  key: string;
  value: string;
  at: number;
}

export interface AppliedOp {
  opId: string;
  at: number;
  /** The message that used the id, and who sent it (applied-ops.ts); absent on older records. */
  name?: string;
  sender?: string;
  /** What the write returned the first time; a retry gets the same answer. */
  result: unknown;
}

export type RapportDb = IDBPDatabase<RapportSchema>;
export type StoreName = StoreNames<RapportSchema>;
type UpgradeTx = IDBPTransaction<RapportSchema, StoreName[], 'versionchange'>;

export const ALL_STORES: StoreName[] = [...RECORD_KINDS, 'trash'];
/** How long an applied operation id is remembered: far longer than any retry. */
export const OPS_KEEP_MS = 24 * 60 * 60 * 1000;

/** MIGRATIONS[n] takes the store from version n to n + 1. Append only; never edit a shipped step. */
export const MIGRATIONS: ((db: RapportDb, tx: UpgradeTx) => void)[] = [
  // 0 -> 1: the first schema.
  (db) => {
    const accounts = db.createObjectStore('accounts', { keyPath: 'id' });
    accounts.createIndex('byDomain', 'domains', { multiEntry: true });
    accounts.createIndex('byNextDue', 'nextAction.due');
    const people = db.createObjectStore('people', { keyPath: 'id' });
    people.createIndex('byEmail', 'emails', { multiEntry: true });
    people.createIndex('byAccount', 'accountId');
    const activities = db.createObjectStore('activities', { keyPath: 'id' });
    activities.createIndex('byAccountAt', ['accountId', 'at']);
    const decisions = db.createObjectStore('decisions', { keyPath: 'id' });
    decisions.createIndex('byAccount', 'accountId');
    const stageChanges = db.createObjectStore('stageChanges', { keyPath: 'id' });
    stageChanges.createIndex('byAccount', 'accountId');
    const trash = db.createObjectStore('trash', { keyPath: 'accountId' });
    trash.createIndex('byDeletedAt', 'deletedAt');
  },
  // 1 -> 2: remember applied operation ids (idempotent retries after the worker dies mid-write).
  (db) => {
    const ops = db.createObjectStore('ops', { keyPath: 'opId' });
    ops.createIndex('byAt', 'at');
  },
  // 2 -> 3: find an account by a CRM record linked to it, or by its exact name, through an index
  // (a walk over every account took 250 ms at 10,000 accounts, on each CRM record page). The
  // accounts' keys were first written here, in the upgrade itself: 11 s at 100,000 accounts with
  // every read waiting. They are now written by the key rewrite that step 4 -> 5 starts, and the
  // lookups read the accounts not rewritten yet as they are (account-reads.ts).
  (_db, tx) => {
    const accounts = tx.objectStore('accounts');
    accounts.createIndex('byCrmKey', 'crmKeys', { multiEntry: true });
    accounts.createIndex('byNameKey', 'nameKey');
  },
  // 3 -> 4: unsaved sidebar text survives an extension update (drafts), away from content scripts.
  (db) => {
    const drafts = db.createObjectStore('drafts', { keyPath: 'key' });
    drafts.createIndex('byAt', 'at');
  },
  // 4 -> 5: the accounts page sorts, filters and searches through indexes, a page at a time.
  // The indexes only; every account gets its keys from the key rewrite this step starts.
  (db, tx) => {
    db.createObjectStore('meta');
    const accounts = tx.objectStore('accounts');
    accounts.createIndex('byStageSort', 'stageSort');
    accounts.createIndex('byPotentialSort', 'potentialSort');
    accounts.createIndex('byDueSort', 'dueSort');
    accounts.createIndex('bySearchWord', 'searchWords', { multiEntry: true });
    startKeyRewrite(unwrap(tx.objectStore('meta')));
  },
  // 5 -> 6: backups kept in the store, so that a store of any size can be backed up before an
  // erase or a replace, and an import staged before it is swapped in.
  (db) => {
    db.createObjectStore('backups', { keyPath: 'id' });
    db.createObjectStore('backupRecords');
  },
  // 6 -> 7: the account plan: objectives, buying units and the whitespace grid's cells.
  (db) => {
    db.createObjectStore('objectives', { keyPath: 'id' }).createIndex('byAccount', 'accountId');
    db.createObjectStore('buyingUnits', { keyPath: 'id' }).createIndex('byAccount', 'accountId');
    const whitespace = db.createObjectStore('whitespace', { keyPath: 'id' });
    whitespace.createIndex('byAccount', 'accountId');
    whitespace.createIndex('byUnit', 'unitId');
  },
  // 7 -> 8: the accounts table filters by "objectives at risk" through an index of the status,
  // reading only the objectives at risk rather than every objective of every account.
  (_db, tx) => {
    tx.objectStore('objectives').createIndex('byStatus', 'status');
  },
];

/** The store's version: one per migration step (backups keep their own, SCHEMA_VERSION). */
export const DB_VERSION = MIGRATIONS.length;

/**
 * Opens the store at `version` (the current one unless a migration test asks for an older one),
 * running every migration step between what is on disk and `version` in one version-change
 * transaction: if any step throws, the whole upgrade aborts and the old data stays as it was.
 */
export function openDb(name: string = DB_NAME, version: number = DB_VERSION): Promise<RapportDb> {
  return openDB<RapportSchema>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      // A failed step aborts this transaction and openDb() rejects with the reason; the
      // transaction's own promise must not also surface as an unhandled rejection.
      tx.done.catch(() => undefined);
      for (let v = oldVersion; v < (newVersion ?? version); v++) {
        const step = MIGRATIONS[v];
        if (!step) throw new Error(`no migration from version ${v}`);
        step(db, tx);
      }
    },
    // Another context (a newer worker after an update) wants to upgrade: step aside.
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
    },
  });
}
