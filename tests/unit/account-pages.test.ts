/**
 * listAccountsPage (entrypoints/background/account-pages.ts): the table's pages read through the
 * store's indexes give the rows, the order and the totals the in-memory table gave
 * (utils/page/account-list.ts), a page at a time; search finds words by their beginning.
 */
import { describe, expect, it } from 'vitest';
import { withKeys } from '@/entrypoints/background/db';
import { localRowSource } from '@/entrypoints/accounts/row-source';
import { DEFAULT_QUERY, type ListQuery } from '@/utils/page/account-list';
import type { AccountPageQuery } from '@/utils/schemas/requests';
import type { Account, Activity, Objective, Person } from '@/utils/contract/model';
import { POTENTIALS, STAGES } from '@/utils/contract/enums';
import { addDays, today } from '@/utils/shared/dates';
import { freshContext, ok } from './helpers';
import { sampleBackup } from '../fixtures/sample-data.mjs';

const base = sampleBackup(Date.UTC(2026, 10, 1)).accounts[0] as Account;

/** A store of `count` accounts spread over every stage, potential and due bucket. */
async function store(count = 240) {
  const t = await freshContext();
  const day = today(t.ctx.now());
  const accounts: Account[] = Array.from({ length: count }, (_, i) => ({
    ...base,
    id: `acc-${String(i).padStart(4, '0')}`,
    name: `Company ${String((i * 37) % count).padStart(4, '0')}${i % 5 === 0 ? ' Logistics' : ''}`,
    domains: [`c${i}.example.com`],
    stage: STAGES[i % STAGES.length]!,
    potential: POTENTIALS[(i >> 2) % POTENTIALS.length]!,
    nextAction: i % 7 === 0 ? null : { text: `Renewal call ${i}`, due: addDays(day, (i % 23) - 8) },
    crmRefs: [],
  }));
  const activities: Activity[] = accounts
    .filter((_, i) => i % 3 === 0)
    .map((a, i) => ({
      id: `act-${i}`,
      accountId: a.id,
      personIds: [],
      kind: 'call',
      at: t.ctx.now() - ((i * 7919) % 50) * 86_400_000,
      summary: 'Call',
      outcome: '',
    }));
  // Coverage in every level: a supporting decision maker (green), a supporting champion (amber),
  // a sceptical decision maker (red), or nobody at all (red).
  const roles = [
    ['decision_maker', 'supporter'],
    ['champion', 'supporter'],
    ['decision_maker', 'sceptic'],
  ] as const;
  const people: Person[] = accounts
    .map((a, i) => ({ a, kind: roles[i % 4] }))
    .filter((x) => x.kind !== undefined)
    .map(({ a, kind }, i) => ({
      id: `p-${i}`,
      accountId: a.id,
      name: `Person ${i}`,
      emails: [],
      title: '',
      role: kind![0],
      influence: 4,
      attitude: kind![1],
      notes: '',
      lastContactAt: null,
    }));
  // Objectives: every fifth account has one at risk (every tenth two), others on track or dropped.
  const statuses = ['at_risk', 'on_track', 'done', 'dropped', 'on_track'] as const;
  const objectives: Objective[] = accounts.flatMap((a, i) =>
    [0, 1]
      .filter((k) => k === 0 || i % 10 === 0)
      .map((k) => ({
        id: `obj-${i}-${k}`,
        accountId: a.id,
        outcome: `Outcome ${i}`,
        measure: '',
        target: '',
        due: null,
        status: k === 1 ? 'at_risk' : statuses[i % statuses.length]!,
        statusAt: 1,
        createdAt: 1,
      })),
  );
  const tx = t.db.transaction(['accounts', 'activities', 'people', 'objectives'], 'readwrite');
  for (const a of accounts) await tx.objectStore('accounts').put(withKeys(a));
  for (const a of activities) await tx.objectStore('activities').put(a);
  for (const p of people) await tx.objectStore('people').put(p);
  for (const o of objectives) await tx.objectStore('objectives').put(o);
  await tx.done;
  // What the table showed when it held every row.
  const rows = await ok(t.send('listAccounts', {}));
  return { ...t, rows, objectives };
}

const asRequest = (q: ListQuery, offset: number, limit: number): AccountPageQuery => ({
  sort: q.sort,
  dir: q.dir,
  stage: q.stage || undefined,
  potential: q.potential || undefined,
  coverage: q.coverage || undefined,
  objectives: q.objectives || undefined,
  due: q.due,
  text: q.text,
  offset,
  limit,
});

describe('listAccountsPage', () => {
  it('gives, page by page, the rows and order of the in-memory table, for every sort and filter', async () => {
    const { send, rows, ctx, objectives } = await store();
    // Counted here from the records, not through the store: the accounts with one at risk.
    const atRisk = new Set(
      objectives.filter((o) => o.status === 'at_risk').map((o) => o.accountId),
    );
    expect(atRisk.size).toBeGreaterThan(0);
    expect(
      (
        await ok(
          send('listAccountsPage', asRequest({ ...DEFAULT_QUERY, objectives: 'at_risk' }, 0, 500)),
        )
      ).rows
        .map((r) => r.id)
        .sort(),
    ).toEqual([...atRisk].sort());
    const queries: Partial<ListQuery>[] = [];
    for (const sort of ['name', 'stage', 'potential', 'coverage', 'due', 'lastTouch'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        queries.push({ sort, dir });
        queries.push({ sort, dir, stage: 'strategic' });
        queries.push({ sort, dir, coverage: 'amber' });
        queries.push({ sort, dir, potential: 'high', due: 'overdue' });
        queries.push({ sort, dir, objectives: 'at_risk' });
      }
    }
    for (const due of ['overdue', 'today', 'week', 'none'] as const) queries.push({ due });
    for (const coverage of ['red', 'amber', 'green'] as const) queries.push({ coverage });
    queries.push({ objectives: 'at_risk', stage: 'tactical', text: 'logistics' });
    for (const partial of queries) {
      const q = { ...DEFAULT_QUERY, ...partial };
      const expected = localRowSource(rows, q, ctx.now());
      const want = Array.from({ length: expected.total! }, (_, i) => expected.rowAt(i)!);
      const got = [];
      for (let offset = 0; offset < want.length || offset === 0; offset += 50) {
        const page = await ok(send('listAccountsPage', asRequest(q, offset, 50)));
        expect(page).toMatchObject({ offset, total: want.length, all: rows.length });
        got.push(...page.rows);
      }
      const label = JSON.stringify(partial);
      if (q.sort === 'due' && q.dir === 'desc') {
        // Ties on a day come by name descending here: the days' order is the same.
        expect(
          got.map((r) => r.nextAction?.due ?? null),
          label,
        ).toEqual(want.map((r) => r.nextAction?.due ?? null));
        expect(new Set(got.map((r) => r.id)), label).toEqual(new Set(want.map((r) => r.id)));
      } else {
        expect(got, label).toEqual(want);
      }
    }
  });

  it('reads only the page asked for, from any offset', async () => {
    const { send, rows } = await store();
    const page = await ok(
      send('listAccountsPage', asRequest({ ...DEFAULT_QUERY, sort: 'name' }, 200, 30)),
    );
    expect(page.rows).toHaveLength(30);
    expect(page.rows[0]!.name).toMatch(/^Company 0200/);
    const past = await ok(send('listAccountsPage', asRequest(DEFAULT_QUERY, 10_000, 30)));
    expect(past).toMatchObject({ rows: [], total: rows.length });
  });

  it('searches words by their beginning, in names, domains and next actions; every word must match', async () => {
    const { send } = await store();
    const search = async (text: string) =>
      (await ok(send('listAccountsPage', asRequest({ ...DEFAULT_QUERY, text }, 0, 500)))).rows;
    expect((await search('logist')).every((r) => r.name.endsWith('Logistics'))).toBe(true);
    expect(await search('logist')).toHaveLength(48);
    expect((await search('c17.example.com')).map((r) => r.id)).toEqual(['acc-0017']);
    expect((await search('RENEWAL 17')).map((r) => r.id)).toEqual(
      expect.arrayContaining(['acc-0017', 'acc-0170']),
    );
    expect(await search('company 0005 logistics')).toHaveLength(1);
    expect(await search('ogistics')).toEqual([]);
  });

  it('refuses a page larger than ACCOUNT_PAGE_MAX, changing nothing', async () => {
    const { send } = await store(3);
    const r = await send('listAccountsPage', asRequest(DEFAULT_QUERY, 0, 5_000));
    expect(r).toMatchObject({ ok: false });
  });
});
