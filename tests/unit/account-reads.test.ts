/**
 * The view's read transaction (entrypoints/background/account-reads.ts): VIEW_STORES is all it
 * locks, so readView must read nothing outside it, and a record of every kind must reach the view.
 */
import { unwrap } from 'idb';
import { describe, expect, it } from 'vitest';
import { readView, VIEW_STORES } from '@/entrypoints/background/account-reads';
import type { StoreName } from '@/entrypoints/background/db';
import { RECORD_KINDS } from '@/utils/contract/records';
import { freshContext, ok } from './helpers';

const lines = { offerings: [], syncOf: async () => null };

describe('VIEW_STORES', () => {
  it('covers every kind of record an account has', () => {
    expect([...VIEW_STORES].sort()).toEqual([...RECORD_KINDS].sort());
  });

  it('is all readView needs: a view of an account with a record of every kind reads in it', async () => {
    const t = await freshContext();
    const { account } = await ok(
      t.send('createAccount', {
        name: 'Northwind',
        domains: ['northwind.co.uk'],
        people: [{ name: 'Anna Keller', email: 'anna.keller@northwind.co.uk' }],
      }),
    );
    const of = { accountId: account.id };
    await t.db.put('activities', { ...of, id: 'a1', at: 1, kind: 'email', summary: 'Hi' } as never);
    await t.db.put('decisions', { ...of, id: 'd1', date: '2026-11-28', text: 'Go' } as never);
    await t.db.put('objectives', { ...of, id: 'o1', createdAt: 1, title: 'Grow' } as never);
    await t.db.put('buyingUnits', { ...of, id: 'u1', name: 'Ops' } as never);
    await t.db.put('whitespace', { ...of, id: 'w1', unitId: 'u1', offeringId: 'x' } as never);

    const tx = unwrap(t.db.transaction([...VIEW_STORES] as StoreName[], 'readonly'));
    const view = await readView(tx, account.id, lines);
    expect(view?.account.id).toBe(account.id);
    expect(view?.people.map((p) => p.name)).toEqual(['Anna Keller']);
    expect(view?.activities.map((a) => a.id)).toEqual(['a1']);
    expect(view?.decisions.map((d) => d.id)).toEqual(['d1']);
    expect(view?.stageChanges).toHaveLength(1);
    expect(view?.objectives.map((o) => o.id)).toEqual(['o1']);
  });
});
