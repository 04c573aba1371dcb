/**
 * Several views saving to the same account at once (five Gmail tabs, the popup, the accounts
 * page): after all settle, no change is lost. Writes go through the real router and handlers;
 * account edits send only their fields, each with its read value (components/account-actions.ts).
 * The same scenario runs in Chromium with real tabs in tests/e2e/reliability-tabs.test.mjs.
 */
import { describe, expect, it } from 'vitest';
import { accountChange, sendAccountChange } from '@/components/account-actions';
import type { Send } from '@/components/sidebar-types';
import { route } from '@/entrypoints/background/router';
import type { Result } from '@/utils/contract/messages';
import { freshContext, ok } from './helpers';

async function seeded() {
  const t = await freshContext();
  const view = await ok(
    t.send('createAccount', {
      name: 'Northwind',
      domains: ['northwind.co.uk'],
      people: Array.from({ length: 5 }, (_, i) => ({
        name: `Person ${i}`,
        email: `p${i}@northwind.co.uk`,
      })),
    }),
  );
  let op = 0;
  // What a content script's send() does: one envelope with an operation id per call.
  const send = (async (name: string, request: unknown) =>
    (
      await route(
        { rapport: 1, name, request, opId: `tab-op-${String(++op).padStart(6, '0')}` },
        'sidebar-frame',
        t.ctx,
      )
    ).result) as unknown as Send;
  return { ...t, view, send };
}

describe('five tabs saving to one account at once', () => {
  it('five account fields patched from the same stale view all land (the background merges them)', async () => {
    const { view, send } = await seeded();
    const stale = view.account;
    const patches = [
      { name: 'Northwind Group' },
      { potential: 'high' as const },
      { cadenceDays: 21 },
      { domains: ['northwind.co.uk', 'northwind.de'] },
      { profile: { goals: 'Grow EMEA', painPoints: '', opportunities: '' } },
    ];
    const results = await Promise.all(
      patches.map((p) => sendAccountChange(send, stale.id)(accountChange(stale, p))),
    );
    const failed = results
      .map((r, i) => (r.ok ? null : `${Object.keys(patches[i]!)[0]}: ${r.code} ${r.error}`))
      .filter(Boolean);
    expect(failed, 'saves refused although each changed a different field').toEqual([]);

    const final = (await send('getAccount', { id: stale.id })) as Result<{
      account: typeof stale;
    }>;
    expect(final.ok && final.data.account).toMatchObject({
      name: 'Northwind Group',
      potential: 'high',
      cadenceDays: 21,
      domains: ['northwind.co.uk', 'northwind.de'],
      profile: { goals: 'Grow EMEA' },
      revision: stale.revision + 5,
    });
  });

  it('five people edited at once, one per tab, all keep their change', async () => {
    const { view, send, db } = await seeded();
    await Promise.all(
      view.people.map((p, i) =>
        send('upsertPerson', { ...p, notes: `Notes from tab ${i}`, base: p }).then((r) => {
          if (!r.ok) throw new Error(r.error);
        }),
      ),
    );
    const people = await db.getAllFromIndex('people', 'byAccount', view.account.id);
    expect(people.map((p) => p.notes).sort()).toEqual(
      [0, 1, 2, 3, 4].map((i) => `Notes from tab ${i}`),
    );
  });

  it('five follow-ups logged at once are all kept, and each bumps the revision', async () => {
    const { view, send, db } = await seeded();
    const results = await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        send('logActivity', {
          activity: {
            accountId: view.account.id,
            personIds: [],
            kind: 'email',
            at: 1000 + i,
            summary: `From tab ${i}`,
          },
          next: { choice: 'keep' },
        }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await db.count('activities')).toBe(5);
    expect((await db.get('accounts', view.account.id))?.revision).toBe(view.account.revision + 5);
  });
});
