/**
 * The backup kept after an erase or a replace, so that one click puts the data back. It holds
 * every record the user had, so it lives in an IndexedDB database of the extension's own origin:
 * storage.local, where it was kept before, is readable by every content script (their storage
 * cannot be limited to trusted contexts, and they need storage.local for the dock's layout), so a
 * content script taken over by a host page could have read all of it. Content scripts have the
 * page's origin and its IndexedDB, never ours. This database is not the store (the background's
 * alone): one record, kept by the options page, through the plain IndexedDB API.
 */
import { browser } from 'wxt/browser';
import type { Backup } from '@/utils/contract/messages';
import { WIPE_BACKUP_KEY } from '@/utils/contract/storage-keys';

export interface KeptBackup {
  savedAt: number;
  backup: Backup;
}

const DB_NAME = 'rapport-kept-backup';
const STORE = 'kept';
/** The one record: there is only ever the last kept backup. */
const KEY = 'last';

const isKept = (v: unknown): v is KeptBackup =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as KeptBackup).savedAt === 'number' &&
  typeof (v as KeptBackup).backup === 'object' &&
  (v as KeptBackup).backup !== null;

const done = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/** The one store, in one transaction per call (`readwrite` is committed before it resolves). */
interface KeptDb {
  get(): Promise<unknown>;
  put(value: KeptBackup): Promise<void>;
  delete(): Promise<void>;
  close(): void;
}

async function open(): Promise<KeptDb> {
  const request = indexedDB.open(DB_NAME, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE);
  const db = await done(request);
  const run = async <T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>) => {
    const tx = db.transaction(STORE, mode);
    const committed = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
    // A failed request also aborts the transaction: its rejection is the one reported.
    committed.catch(() => undefined);
    const result = await done(work(tx.objectStore(STORE)));
    await committed;
    return result;
  };
  return {
    get: () => run('readonly', (s) => s.get(KEY)),
    put: (value) => run('readwrite', (s) => s.put(value, KEY)).then(() => undefined),
    delete: () => run('readwrite', (s) => s.delete(KEY)),
    close: () => db.close(),
  };
}

/**
 * A backup an earlier version kept in storage.local moves here, and only once it is written here
 * is it removed there: it is never lost on the way.
 */
async function moveFromStorageLocal(db: KeptDb): Promise<void> {
  const got = await browser.storage.local.get(WIPE_BACKUP_KEY);
  if (!(WIPE_BACKUP_KEY in got)) return;
  const old = got[WIPE_BACKUP_KEY];
  if (isKept(old)) {
    const current = await db.get();
    if (!isKept(current) || current.savedAt < old.savedAt) await db.put(old);
  }
  await browser.storage.local.remove(WIPE_BACKUP_KEY);
}

export async function readKept(): Promise<KeptBackup | null> {
  const db = await open();
  try {
    await moveFromStorageLocal(db);
    const kept = await db.get();
    return isKept(kept) ? kept : null;
  } finally {
    db.close();
  }
}

export async function putKept(kept: KeptBackup): Promise<void> {
  const db = await open();
  try {
    await db.put(kept);
  } finally {
    db.close();
  }
}

export async function dropKept(): Promise<void> {
  const db = await open();
  try {
    await db.delete();
    // And an old copy, should one still be where earlier versions kept it.
    await browser.storage.local.remove(WIPE_BACKUP_KEY);
  } finally {
    db.close();
  }
}
