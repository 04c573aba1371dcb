// A follow-up names people of its own account only: one naming a person of another account is
// refused whole, and that person's last contact stays as it was.
import { describe, expect, it } from 'vitest';
import type { Backup } from '@/utils/contract/messages';
import { freshContext, ok, snapshot } from './helpers';
import { sampleBackup } from '../fixtures/sample-data.mjs';

const AT = Date.UTC(2026, 10, 1);

async function seeded() {
  const t = await freshContext();
  await ok(t.send('importData', { backup: sampleBackup(AT) as Backup, mode: 'replace' }));
  return t;
}

describe('a follow-up and the people it names', () => {
  it('refuses a person of another account, and changes nothing', async () => {
    const t = await seeded();
    const before = await snapshot(t.db);
    const r = await t.send('logActivity', {
      activity: {
        accountId: 'acc-globex',
        personIds: ['per-hank', 'per-anna'],
        kind: 'meeting',
        at: AT + 86_400_000,
        summary: 'Globex review',
      },
      next: { choice: 'keep' },
    });
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/not one of this account/) });
    expect(await snapshot(t.db)).toBe(before);
  });

  it("marks the account's own people as spoken to", async () => {
    const t = await seeded();
    await ok(
      t.send('logActivity', {
        activity: {
          accountId: 'acc-northwind',
          personIds: ['per-anna'],
          kind: 'call',
          at: AT + 86_400_000,
          summary: 'Volumes',
        },
        next: { choice: 'keep' },
      }),
    );
    expect((await t.db.get('people', 'per-anna'))?.lastContactAt).toBe(AT + 86_400_000);
  });
});
