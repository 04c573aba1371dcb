/**
 * The reads behind the sidebar and the account list: an account with what it shows of it, the
 * lookups from what a page shows (emails, domains, a CRM record, a company name) to accounts,
 * and each account's latest touch. They
 * run on every thread the user opens, often in a worker that has just started, or once per
 * account, so they talk to IndexedDB directly: no wrapper per request, and every request of a
 * step sent before the first answer comes back.
 */
import { crmKey, nameKey } from './db';
import { RECORD_KINDS } from '@/utils/contract/records';
import { KEY_REWRITE, pendingAccounts, type RewriteMarker } from './rewrite-marker';
import { withStart } from './stage-history';
import type { AccountView } from '@/utils/contract/messages';
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
import type { Offering } from '@/utils/contract/settings';
import type { AccountSync } from '@/utils/contract/team';
import { opportunitySummary } from './handlers/whitespace-reads';

/** How many activities a view gets; older ones are on the account page. */
export const RECENT_ACTIVITIES = 10;

/** One request's result as a promise. */
export function answer<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Every follow-up of one account, in the byAccountAt index's order (oldest first). */
export function activitiesOf(accountId: string): IDBKeyRange {
  return IDBKeyRange.bound([accountId, 0], [accountId, Number.MAX_SAFE_INTEGER]);
}

/** IndexedDB 3's getAllRecords: newest-first in one request, where the browser has it. */
type RecordsIndex = IDBIndex & {
  getAllRecords?: (options: {
    query?: IDBKeyRange;
    count?: number;
    direction?: IDBCursorDirection;
  }) => IDBRequest<{ key: IDBValidKey; value: Activity }[]>;
};

/**
 * An account's latest follow-ups, newest first. One getAllRecords request where the browser has
 * it (Chromium); elsewhere a cursor, one round trip per record.
 */
export async function recentActivities(tx: IDBTransaction, accountId: string): Promise<Activity[]> {
  const index = tx.objectStore('activities').index('byAccountAt') as RecordsIndex;
  const range = activitiesOf(accountId);
  if (typeof index.getAllRecords === 'function') {
    const records = await answer(
      index.getAllRecords({ query: range, count: RECENT_ACTIVITIES, direction: 'prev' }),
    );
    return records.map((r) => r.value);
  }
  const request = index.openCursor(range, 'prev');
  const found: Activity[] = [];
  return new Promise((resolve, reject) => {
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const cursor = request.result;
      if (cursor && found.length < RECENT_ACTIVITIES) {
        found.push(cursor.value as Activity);
        cursor.continue();
      } else resolve(found);
    };
  });
}

/** What a view needs from outside the store: the offerings shown, and the sync engine's state. */
export interface ViewLines {
  offerings: readonly Offering[];
  syncOf: (accountId: string) => Promise<AccountSync | null>;
}

/**
 * The stores readView reads, and all a resolve reads but the key rewrite's marker: a read
 * transaction locks only these, so it neither waits for nor holds up a write elsewhere. A view
 * shows every kind of record an account has, so these are the record kinds
 * (tests/unit/account-reads.test.ts holds that readView reads no other store).
 */
export const VIEW_STORES = RECORD_KINDS;

/**
 * An account with what the sidebar shows of it, or null when there is no such account. The
 * account and its records are read together: each read is a round trip to the store, and the
 * records need only the id. The card's sync and opportunity lines come with it, so that a view
 * re-reads one thing after a change notice.
 */
export async function readView(
  tx: IDBTransaction,
  accountId: string,
  lines: ViewLines,
): Promise<AccountView | null> {
  const byAccount = <T>(store: string) =>
    answer(tx.objectStore(store).index('byAccount').getAll(accountId)) as Promise<T[]>;
  // The opportunity line counts only the cells of an offering named in the settings: with none
  // named (the default) it is empty whatever the grid holds, and the grid is not read.
  const grid = lines.offerings.length > 0;
  const none = Promise.resolve([]);
  const [account, activities, people, decisions, stageChanges, objectives, units, cells, sync] =
    await Promise.all([
      answer(tx.objectStore('accounts').get(accountId)) as Promise<Account | undefined>,
      recentActivities(tx, accountId),
      byAccount<Person>('people'),
      byAccount<Decision>('decisions'),
      byAccount<StageChange>('stageChanges'),
      byAccount<Objective>('objectives'),
      grid ? byAccount<BuyingUnit>('buyingUnits') : none,
      grid ? byAccount<WhitespaceCell>('whitespace') : none,
      lines.syncOf(accountId),
    ]);
  if (!account) return null;
  decisions.sort((a, b) => b.date.localeCompare(a.date));
  stageChanges.sort((a, b) => b.at - a.at);
  objectives.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return {
    account,
    people,
    activities,
    decisions,
    stageChanges: withStart(account, stageChanges),
    objectives,
    lastTouchedAt: activities[0]?.at ?? null,
    sync,
    opportunities: opportunitySummary(units, cells, lines.offerings),
  };
}

/** The accounts of the people with this email (usually one). */
export async function accountIdsByEmail(tx: IDBTransaction, email: string): Promise<string[]> {
  const people = (await answer(
    tx.objectStore('people').index('byEmail').getAll(email),
  )) as Person[];
  return [...new Set(people.map((p) => p.accountId))];
}

/** The accounts with this registrable domain. */
export function accountIdsByDomain(tx: IDBTransaction, domain: string): Promise<string[]> {
  return answer(tx.objectStore('accounts').index('byDomain').getAllKeys(domain)) as Promise<
    string[]
  >;
}

/**
 * The accounts the key rewrite (key-rewrite.ts) has not reached yet, read whole: their stored
 * index keys may be missing or of an older shape, so a lookup reads them as they are. Empty once
 * the rewrite is done, or when `tx` does not cover the meta store.
 */
export async function notRewritten(tx: IDBTransaction): Promise<Account[]> {
  if (!tx.objectStoreNames.contains('meta')) return [];
  const marker = (await answer(tx.objectStore('meta').get(KEY_REWRITE))) as
    RewriteMarker | undefined;
  const pending = pendingAccounts(marker);
  if (!pending) return [];
  return (await answer(tx.objectStore('accounts').getAll(pending.range))) as Account[];
}

/** The accounts linked to this CRM record (usually one), through the byCrmKey index. */
export async function accountIdsByCrmRecord(tx: IDBTransaction, ref: CrmRef): Promise<string[]> {
  const index = tx.objectStore('accounts').index('byCrmKey');
  const key = crmKey(ref);
  const [indexed, rest] = await Promise.all([answer(index.getAllKeys(key)), notRewritten(tx)]);
  const found = indexed.map(String);
  for (const a of rest) if (a.crmRefs.some((r) => crmKey(r) === key)) found.push(a.id);
  return [...new Set(found)];
}

/** The accounts named exactly one of `names`, ignoring case and surrounding space. */
export async function accountIdsByName(
  tx: IDBTransaction,
  names: readonly string[],
): Promise<string[]> {
  const index = tx.objectStore('accounts').index('byNameKey');
  const wanted = [...new Set(names.map(nameKey).filter(Boolean))];
  const [found, rest] = await Promise.all([
    Promise.all(wanted.map((key) => answer(index.getAllKeys(key)))),
    notRewritten(tx),
  ]);
  const ids = found.flat().map(String);
  for (const a of rest) if (wanted.includes(nameKey(a.name))) ids.push(a.id);
  return [...new Set(ids)];
}

/**
 * Each account's latest follow-up time, from the [accountId, at] index read backwards: the first
 * key met of each account is its latest touch. Where the browser has getAllRecords (Chromium),
 * one request gives every key; elsewhere a key cursor takes one step per account, jumping below
 * each account's range (a round trip each: 1.2 s at 10,000 accounts).
 */
export async function lastTouchedByAccount(tx: IDBTransaction): Promise<Map<string, number>> {
  const index = tx.objectStore('activities').index('byAccountAt') as RecordsIndex;
  const found = new Map<string, number>();
  const note = (key: IDBValidKey) => {
    const [accountId, at] = key as [string, number];
    if (!found.has(accountId)) found.set(accountId, at);
  };
  if (typeof index.getAllRecords === 'function') {
    const records = await answer(index.getAllRecords({ direction: 'prev' }));
    for (const r of records) note(r.key);
    return found;
  }
  const request = index.openKeyCursor(null, 'prev');
  return new Promise((resolve, reject) => {
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve(found);
      note(cursor.key);
      cursor.continue([(cursor.key as [string, number])[0], -1]);
    };
  });
}
