import { describe, expect, it } from 'vitest';
import { unwrap } from 'idb';
import { freshContext, ok } from './helpers';
import { dueCount, noteWrite, writesSoFar } from '@/entrypoints/background/due-count';
import type { StoredAccount as Account } from '@/entrypoints/background/db';

const DAY = 86_400_000;
const empty = {
  host: 'gmail' as const,
  url: 'https://mail.google.com/mail/u/0/#inbox',
  participants: [],
  domains: [],
  names: [],
};

async function withAccount() {
  const t = await freshContext();
  const created = await ok(t.send('createAccount', { name: 'Northwind', domains: [] }));
  const due = async () => (await ok(t.send('resolveContext', empty))).dueCount;
  return { ...t, account: created.account, due };
}

describe('the due count the sidebar shows', () => {
  it('is kept between resolves: a change that bypasses the handlers is not seen', async () => {
    const t = await withAccount();
    expect(await t.due()).toBe(0);
    // Nothing but write() changes the store in the extension; this put proves the count is kept.
    const stored = (await t.db.get('accounts', t.account.id)) as Account;
    await t.db.put('accounts', {
      ...stored,
      nextAction: { text: 'Call', due: '2026-11-28' },
    });
    expect(await t.due()).toBe(0);
  });

  it('is counted again after any write', async () => {
    const t = await withAccount();
    expect(await t.due()).toBe(0);
    await ok(
      t.send('setNextAction', {
        accountId: t.account.id,
        nextAction: { text: 'Call', due: '2026-11-28' },
        base: null,
      }),
    );
    expect(await t.due()).toBe(1);
    await ok(t.send('completeNextAction', { accountId: t.account.id, at: t.ctx.now() }));
    expect(await t.due()).toBe(0);
  });

  it('is counted again when the day turns', async () => {
    const t = await withAccount();
    await ok(
      t.send('setNextAction', {
        accountId: t.account.id,
        nextAction: { text: 'Call', due: '2026-11-29' },
        base: null,
      }),
    );
    expect(await t.due()).toBe(0);
    t.advance(DAY);
    expect(await t.due()).toBe(1);
  });

  it('is not kept from a read that began before a write', async () => {
    const t = await withAccount();
    const day = '2026-11-28';
    const before = writesSoFar(t.db);
    const tx = unwrap(t.db.transaction('accounts', 'readonly'));
    noteWrite(t.db); // a write transaction created after the read's
    expect(await dueCount(t.db, tx, day, before)).toBe(0);
    const stored = (await t.db.get('accounts', t.account.id)) as Account;
    await t.db.put('accounts', { ...stored, nextAction: { text: 'Call', due: day } });
    const fresh = unwrap(t.db.transaction('accounts', 'readonly'));
    expect(await dueCount(t.db, fresh, day, writesSoFar(t.db))).toBe(1);
  });
});
