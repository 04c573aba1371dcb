/**
 * One page of the accounts table, read through the accounts store's indexes (db.ts, keys from
 * sort-keys.ts): the page's order comes from the index of its sort column, each filter and each
 * searched word from an index of its own, and only the page's rows are read whole. The table at
 * 100,000 accounts asks for a screen of rows, not for every account.
 */
import { activitiesOf, answer, lastTouchedByAccount } from './account-reads';
import { NO_DUE, queryWords } from './sort-keys';
import { coverageByAccount } from './coverage-reads';
import { summary } from './handlers/common';
import type { StoredAccount } from './db';
import type { AccountPage, AccountRow } from '@/utils/contract/messages';
import type { AccountPageQuery } from '@/utils/schemas/requests';
import { addDays, type IsoDate } from '@/utils/shared/dates';
import { POTENTIAL_ORDER, STAGE_ORDER } from '@/utils/shared/stages';
import { COVERAGE_LEVELS, coverageOf, type Coverage } from '@/utils/shared/coverage';
import type { Person } from '@/utils/contract/model';
import { atRiskByAccount } from './objective-reads';

type IndexName =
  'byNameKey' | 'byStageSort' | 'byPotentialSort' | 'byDueSort' | 'bySearchWord' | 'byDomain';

/** The indexes a searched word is looked up in: together they hold every word of an account. */
const SEARCHED: IndexName[] = ['bySearchWord', 'byNameKey', 'byDomain'];

/** A stretch of one index read in one direction; a page's order is one or more of these. */
interface Segment {
  index: IndexName;
  range: IDBKeyRange | null;
  direction: 'next' | 'prev';
}

/** Every [first, anything] key: an array sorts after every string, so [first, []] ends them. */
function startingWith(first: string | number): IDBKeyRange {
  return IDBKeyRange.bound([first], [first, []]);
}

/**
 * The order of a sort column as index segments. As utils/page/account-list.ts sortRows orders
 * them: accounts without a next action last in both directions, ties by name (ascending, except
 * for the due day descending, whose ties come by name descending).
 */
function orderOf(q: AccountPageQuery): Segment[] {
  const direction = q.dir === 'asc' ? 'next' : 'prev';
  // Descending by stage or potential: ranks from the top, each rank's accounts still by name.
  const ranks = (index: IndexName, count: number): Segment[] =>
    q.dir === 'asc'
      ? [{ index, range: null, direction }]
      : Array.from({ length: count }, (_, i) => ({
          index,
          range: startingWith(count - 1 - i),
          direction: 'next' as const,
        }));
  switch (q.sort) {
    case 'stage':
      return ranks('byStageSort', STAGE_ORDER.length);
    case 'potential':
      return ranks('byPotentialSort', POTENTIAL_ORDER.length);
    case 'due':
      return q.dir === 'asc'
        ? [{ index: 'byDueSort', range: null, direction }]
        : [
            { index: 'byDueSort', range: IDBKeyRange.upperBound([NO_DUE], true), direction },
            { index: 'byDueSort', range: startingWith(NO_DUE), direction: 'next' },
          ];
    default:
      return [{ index: 'byNameKey', range: null, direction }];
  }
}

/** The due filter's range of the byDueSort index. */
function dueRange(due: AccountPageQuery['due'], today: IsoDate): IDBKeyRange | null {
  switch (due) {
    case 'overdue':
      return IDBKeyRange.upperBound([today], true);
    case 'today':
      return startingWith(today);
    case 'week':
      return IDBKeyRange.bound([today], [addDays(today, 6), []]);
    case 'none':
      return startingWith(NO_DUE);
    default:
      return null;
  }
}

/** The ids each filter and each searched word allows, from their indexes; [] when none is set. */
async function filterSets(
  store: IDBObjectStore,
  q: AccountPageQuery,
  today: IsoDate,
): Promise<Set<string>[]> {
  const keys = (index: IndexName, range: IDBKeyRange) =>
    answer(store.index(index).getAllKeys(range)).then((k) => new Set(k.map(String)));
  const wanted: Promise<Set<string>>[] = [];
  if (q.stage) wanted.push(keys('byStageSort', startingWith(STAGE_ORDER.indexOf(q.stage))));
  if (q.potential) {
    wanted.push(keys('byPotentialSort', startingWith(POTENTIAL_ORDER.indexOf(q.potential))));
  }
  const due = dueRange(q.due, today);
  if (due) wanted.push(keys('byDueSort', due));
  // Each word must begin one of the account's words: a prefix range of the word index, and of
  // the name and domain indexes, which hold the words the word index leaves out (indexedWords).
  for (const word of queryWords(q.text)) {
    const prefix = IDBKeyRange.bound(word, `${word}\uffff`);
    wanted.push(
      Promise.all(SEARCHED.map((index) => keys(index, prefix))).then(
        (sets) => new Set(sets.flatMap((set) => [...set])),
      ),
    );
  }
  return Promise.all(wanted);
}

function intersect(sets: Set<string>[]): Set<string> | null {
  if (sets.length === 0) return null;
  const [smallest, ...rest] = [...sets].sort((a, b) => a.size - b.size);
  return new Set([...smallest!].filter((id) => rest.every((s) => s.has(id))));
}

/** Accounts from `offset`, at most `limit`, along the segments: cursors skip, only these are read. */
async function walk(
  store: IDBObjectStore,
  segments: Segment[],
  offset: number,
  limit: number,
): Promise<StoredAccount[]> {
  const out: StoredAccount[] = [];
  let skip = offset;
  for (const seg of segments) {
    if (out.length >= limit) break;
    const index = store.index(seg.index);
    if (skip > 0) {
      const size = await answer(index.count(seg.range ?? undefined));
      if (skip >= size) {
        skip -= size;
        continue;
      }
    }
    if (skip === 0 && seg.direction === 'next') {
      // The first rows forward: one request.
      out.push(...((await answer(index.getAll(seg.range, limit - out.length))) as StoredAccount[]));
      continue;
    }
    await new Promise<void>((resolve, reject) => {
      const request = index.openCursor(seg.range, seg.direction);
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const cursor = request.result;
        if (!cursor) return resolve();
        if (skip > 0) {
          cursor.advance(skip);
          skip = 0;
          return;
        }
        out.push(cursor.value as StoredAccount);
        if (out.length < limit) cursor.continue();
        else resolve();
      };
    });
  }
  return out;
}

/** Every id in the segments' order: keys only, for a filtered page. */
async function orderedIds(store: IDBObjectStore, segments: Segment[]): Promise<string[]> {
  const parts = await Promise.all(
    segments.map(async (seg) => {
      const keys = (await answer(store.index(seg.index).getAllKeys(seg.range))).map(String);
      return seg.direction === 'prev' ? keys.reverse() : keys;
    }),
  );
  return parts.flat();
}

/** Ids by last follow-up (never touched last, either way), ties by name. */
function byLastTouch(ids: string[], touched: Map<string, number>, dir: 'asc' | 'desc'): string[] {
  const sign = dir === 'asc' ? 1 : -1;
  const rank = new Map(ids.map((id, i) => [id, i]));
  return [...ids].sort((a, b) => {
    const ta = touched.get(a);
    const tb = touched.get(b);
    if (ta === undefined || tb === undefined) {
      if (ta !== tb) return ta === undefined ? 1 : -1;
    } else if (ta !== tb) return sign * (ta - tb);
    return rank.get(a)! - rank.get(b)!;
  });
}

/**
 * Ids by coverage (red first ascending, green first descending), ties in the order given. Coverage
 * comes from the people, not from the account, so no index holds it: like the last touch, the
 * whole list is ordered here, and only when the table asks for it.
 */
function byCoverage(ids: string[], level: (id: string) => number, dir: 'asc' | 'desc'): string[] {
  const sign = dir === 'asc' ? 1 : -1;
  const rank = new Map(ids.map((id, i) => [id, i]));
  return [...ids].sort((a, b) => sign * (level(a) - level(b)) || rank.get(a)! - rank.get(b)!);
}

/** The coverage of one account, from its people (the byAccount index). */
async function coverageOfAccount(people: IDBIndex, accountId: string): Promise<Coverage> {
  return coverageOf((await answer(people.getAll(accountId))) as Person[]);
}

/** Latest follow-up of one account: the last key of its range of the [accountId, at] index. */
function lastTouchOf(activities: IDBIndex, accountId: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const request = activities.openKeyCursor(activitiesOf(accountId), 'prev');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const key = request.result?.key as [string, number] | undefined;
      resolve(key ? key[1] : null);
    };
  });
}

function rowOf(
  a: StoredAccount,
  lastTouchedAt: number | null,
  coverage: Coverage,
  objectivesAtRisk: number,
): AccountRow {
  return {
    ...summary(a),
    cadenceDays: a.cadenceDays,
    coverage,
    objectivesAtRisk,
    lastTouchedAt,
    updatedAt: a.updatedAt,
  };
}

/**
 * One page of the table: its rows, where it starts, how many accounts match and how many there
 * are. Expects every account to have the current keys (key-rewrite.ts whenKeysReady). `countOf`
 * counts the accounts in the page's transaction (account-count.ts keeps the count between writes).
 */
export async function readAccountPage(
  db: IDBDatabase,
  q: AccountPageQuery,
  today: IsoDate,
  countOf: (store: IDBObjectStore) => Promise<number> = (store) => answer(store.count()),
): Promise<AccountPage> {
  const tx = db.transaction(['accounts', 'activities', 'people', 'objectives'], 'readonly');
  const store = tx.objectStore('accounts');
  const activities = tx.objectStore('activities').index('byAccountAt');
  const people = tx.objectStore('people').index('byAccount');
  const byName = () => orderedIds(store, [{ index: 'byNameKey', range: null, direction: 'next' }]);
  // Every account's coverage, only when the query filters or sorts by it (it reads every person).
  const coverage = q.coverage || q.sort === 'coverage' ? await coverageByAccount(tx) : null;
  const none = coverageOf([]);
  const levelOf = (id: string) => COVERAGE_LEVELS.indexOf((coverage?.get(id) ?? none).level);
  const [all, sets, atRisk] = await Promise.all([
    countOf(store),
    filterSets(store, q, today),
    atRiskByAccount(tx),
  ]);
  // "Objectives at risk": the accounts the byStatus index names (objective-reads.ts).
  if (q.objectives === 'at_risk') sets.push(new Set(atRisk.keys()));
  if (q.coverage) {
    const wanted = COVERAGE_LEVELS.indexOf(q.coverage);
    sets.push(new Set((await byName()).filter((id) => levelOf(id) === wanted)));
  }
  const allowed = intersect(sets);
  const offset = q.offset;
  const end = offset + q.limit;

  let total: number;
  let accounts: StoredAccount[];
  let touched: Map<string, number> | null = null;
  if (q.sort === 'lastTouch') {
    // No index orders accounts by their latest follow-up: the ids (keys only) are sorted here.
    const [names, last] = await Promise.all([byName(), lastTouchedByAccount(tx)]);
    touched = last;
    const ids = byLastTouch(allowed ? names.filter((id) => allowed.has(id)) : names, last, q.dir);
    total = ids.length;
    accounts = await readAll(store, ids.slice(offset, end));
  } else if (q.sort === 'coverage') {
    const names = await byName();
    const ids = byCoverage(allowed ? names.filter((id) => allowed.has(id)) : names, levelOf, q.dir);
    total = ids.length;
    accounts = await readAll(store, ids.slice(offset, end));
  } else if (allowed) {
    const ids = (await orderedIds(store, orderOf(q))).filter((id) => allowed.has(id));
    total = ids.length;
    accounts = await readAll(store, ids.slice(offset, end));
  } else {
    total = all;
    accounts = await walk(store, orderOf(q), offset, q.limit);
  }
  const lastTouches = await Promise.all(
    accounts.map((a) =>
      touched ? Promise.resolve(touched.get(a.id) ?? null) : lastTouchOf(activities, a.id),
    ),
  );
  const coverages = await Promise.all(
    accounts.map((a) =>
      coverage ? Promise.resolve(coverage.get(a.id) ?? none) : coverageOfAccount(people, a.id),
    ),
  );
  return {
    rows: accounts.map((a, i) => rowOf(a, lastTouches[i]!, coverages[i]!, atRisk.get(a.id) ?? 0)),
    offset,
    total,
    all,
  };
}

async function readAll(store: IDBObjectStore, ids: string[]): Promise<StoredAccount[]> {
  const found = await Promise.all(
    ids.map((id) => answer(store.get(id)) as Promise<StoredAccount | undefined>),
  );
  return found.filter((a): a is StoredAccount => a !== undefined);
}
