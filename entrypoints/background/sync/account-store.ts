/**
 * A shared account between the store and the sync layer, each way in one IndexedDB transaction:
 * the views never see half of a teammate's change, and a worker stopped mid-write leaves the
 * store as it was (the doc, saved first, is applied again on the next start).
 */
import { withKeys, withoutKeys, type RapportDb } from '../db';
import { CHILD_KINDS } from '@/utils/contract/records';
import { allChildRecordsOf, childRecordsOf } from '../child-records';
import type { AccountSnapshot } from './account-doc';

const COLLECTIONS = CHILD_KINDS;
const STORES = ['accounts', ...COLLECTIONS] as const;

type StoreTx = ReturnType<RapportDb['transaction']>;

/** The account and every record of it, as one consistent read; null if it does not exist. */
export async function readSnapshot(
  db: RapportDb,
  accountId: string,
): Promise<AccountSnapshot | null> {
  const tx = db.transaction([...STORES], 'readonly');
  const [account, records] = await Promise.all([
    tx.objectStore('accounts').get(accountId),
    allChildRecordsOf(tx, accountId),
  ]);
  await tx.done;
  if (!account) return null;
  return { account: withoutKeys(account), ...records };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const byId = <T extends { id: string }>(list: T[]) =>
  [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Whether the store still holds exactly `seen` for the account, read inside `tx`. */
async function unchangedSince(tx: StoreTx, id: string, seen: AccountSnapshot | null) {
  const account = await tx.objectStore('accounts').get(id);
  if (!account || !seen) return !account && !seen;
  if (!same(withoutKeys(account), seen.account)) return false;
  for (const name of COLLECTIONS) {
    const existing = await childRecordsOf(tx, name, id);
    if (!same(byId(existing as { id: string }[]), byId(seen[name] as { id: string }[]))) {
      return false;
    }
  }
  return true;
}

export interface WriteOutcome {
  changed: boolean;
  /** The store moved on since `seen` was read (a write in this browser): nothing was written. */
  stale: boolean;
  /** Records whose id belongs to another account here: never overwritten, counted. */
  refused: number;
}

/**
 * Makes the store hold `snapshot` for its account, in one strict-durability transaction: puts
 * what is new or different, deletes what the doc no longer has, leaves the rest untouched. The
 * account's revision goes up when anything changed, so an editor open on the old revision is
 * told its copy is stale instead of overwriting the teammate's change.
 */
export async function writeSnapshot(
  db: RapportDb,
  snapshot: AccountSnapshot,
  now: number,
  seen?: AccountSnapshot | null,
): Promise<WriteOutcome> {
  const tx = db.transaction([...STORES], 'readwrite', { durability: 'strict' });
  const id = snapshot.account.id;
  let changed = false;
  let refused = 0;
  try {
    if (seen !== undefined && !(await unchangedSince(tx, id, seen))) {
      await tx.done;
      return { changed: false, stale: true, refused: 0 };
    }
    for (const name of COLLECTIONS) {
      const store = tx.objectStore(name);
      const wanted = new Map(snapshot[name].map((r) => [r.id, r]));
      const existing = await childRecordsOf(tx, name, id);
      for (const record of existing) {
        const next = wanted.get(record.id);
        if (!next) {
          await store.delete(record.id);
          changed = true;
        } else if (!same(record, next)) {
          await store.put(next as never);
          changed = true;
        }
        wanted.delete(record.id);
      }
      for (const record of wanted.values()) {
        // An id already used by a record of another account: a hostile or broken doc.
        if (await store.getKey(record.id)) {
          refused++;
          continue;
        }
        await store.put(record as never);
        changed = true;
      }
    }
    const accounts = tx.objectStore('accounts');
    const current = await accounts.get(id);
    const incoming = { ...snapshot.account };
    const comparable = (a: typeof incoming) => ({ ...a, updatedAt: 0, revision: 0 });
    if (!current || changed || !same(comparable(withoutKeys(current)), comparable(incoming))) {
      await accounts.put(
        withKeys({ ...incoming, updatedAt: now, revision: (current?.revision ?? 0) + 1 }),
      );
      changed = true;
    }
    await tx.done;
    return { changed, stale: false, refused };
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted by the failed request.
    }
    await tx.done.catch(() => undefined);
    throw error;
  }
}

/**
 * An account deleted in another of this person's browsers goes to this browser's trash, as a
 * delete made here would: the undo and the trash's grace period hold for it too. False when the
 * store did not have it (nothing to do).
 */
export async function trashSnapshot(db: RapportDb, accountId: string, now: number) {
  const tx = db.transaction([...STORES, 'trash'], 'readwrite', { durability: 'strict' });
  const account = await tx.objectStore('accounts').get(accountId);
  if (!account) {
    await tx.done;
    return false;
  }
  const records = await allChildRecordsOf(tx, accountId);
  await tx.objectStore('trash').put({
    accountId,
    deletedAt: now,
    account: withoutKeys(account),
    ...records,
  });
  for (const name of COLLECTIONS) {
    for (const record of records[name]) await tx.objectStore(name).delete(record.id);
  }
  await tx.objectStore('accounts').delete(accountId);
  await tx.done;
  return true;
}
