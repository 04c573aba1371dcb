import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { freshContext, ok } from './helpers';
import {
  countOverdue,
  dueOnOrBefore,
  reminderTarget,
  runReminders,
  shouldNotify,
} from '@/entrypoints/background/reminders';
import { DEFAULT_SETTINGS } from '@/utils/contract/settings';

const at = (day: number, hour: number, minute = 0) =>
  new Date(2026, 10, day, hour, minute).getTime();
const text = {
  dueTitle: (n: string) => `Due: ${n}`,
  overdueTitle: (n: string) => `Overdue: ${n}`,
  moreTitle: (c: number) => `${c} more`,
  moreMessage: 'more',
};

describe('shouldNotify', () => {
  const on = DEFAULT_SETTINGS; // 09:00
  it('waits for the reminder time, then notifies once a day', () => {
    expect(shouldNotify(at(28, 8, 59), on, null)).toBe(false);
    expect(shouldNotify(at(28, 9, 0), on, null)).toBe(true);
    expect(shouldNotify(at(28, 17), on, '2026-11-28')).toBe(false);
    expect(shouldNotify(at(29, 9, 5), on, '2026-11-28')).toBe(true);
  });
  it('never notifies when reminders are off', () => {
    expect(
      shouldNotify(at(28, 12), { ...on, reminders: { enabled: false, time: '09:00' } }, null),
    ).toBe(false);
  });
});

describe('the reminder query', () => {
  beforeEach(() => fakeBrowser.reset());

  async function withActions() {
    const t = await freshContext();
    const mk = async (name: string, due: string | null) => {
      const v = await ok(t.send('createAccount', { name, domains: [] }));
      if (due)
        await ok(
          t.send('setNextAction', {
            accountId: v.account.id,
            nextAction: { text: `Call ${name}`, due },
            base: null,
          }),
        );
      return v.account.id;
    };
    await mk('Past', '2026-11-20');
    await mk('Yesterday', '2026-11-27');
    await mk('Today', '2026-11-28');
    await mk('Tomorrow', '2026-11-29');
    await mk('None', null);
    return t;
  }

  it('finds due and overdue actions, and counts only the overdue ones', async () => {
    const { db } = await withActions();
    expect((await dueOnOrBefore(db, '2026-11-28')).map((a) => a.name)).toEqual([
      'Past',
      'Yesterday',
      'Today',
    ]);
    expect(await countOverdue(db, at(28, 10))).toBe(2);
    expect(await countOverdue(db, at(29, 0, 1))).toBe(3);
  });

  it('sets the badge and notifies once per day after the reminder time', async () => {
    const { db } = await withActions();
    const first = await runReminders(db, at(28, 9, 30), DEFAULT_SETTINGS, text);
    expect(first).toEqual({ overdue: 2, notified: 3 });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    const again = await runReminders(db, at(28, 15), DEFAULT_SETTINGS, text);
    expect(again.notified).toBe(0);
  });

  it('opens the source thread, else the account', () => {
    const base = { id: 'a1', name: 'A', nextAction: { text: 'x', due: '2026-11-28' } } as never;
    expect(reminderTarget(base, 'chrome-extension://x/accounts.html')).toBe(
      'chrome-extension://x/accounts.html#account=a1',
    );
    const withSource = {
      id: 'a1',
      nextAction: {
        text: 'x',
        due: '2026-11-28',
        sourceUrl: 'https://mail.google.com/mail/u/0/#inbox/abc',
      },
    } as never;
    expect(reminderTarget(withSource, '')).toBe('https://mail.google.com/mail/u/0/#inbox/abc');
  });
});

describe('counts stop at the cap', () => {
  beforeEach(() => fakeBrowser.reset());

  it('counts up to 100 overdue and due actions, and the badge says 99+', async () => {
    const t = await freshContext();
    const backup = await ok(t.send('exportData', {}));
    const accounts = Array.from({ length: 120 }, (_, i) => ({
      id: `acc-${i}`,
      name: `Account ${i}`,
      domains: [],
      stage: 'tactical' as const,
      potential: 'low' as const,
      profile: { goals: '', painPoints: '', opportunities: '' },
      nextAction: { text: 'Call', due: '2026-11-01' },
      cadenceDays: null,
      crmRefs: [],
      createdAt: 1,
      updatedAt: 1,
      revision: 1,
    }));
    await ok(t.send('importData', { backup: { ...backup, accounts }, mode: 'replace' }));
    expect(await countOverdue(t.db, at(28, 10))).toBe(100);
    const context = {
      host: 'gmail' as const,
      url: 'https://mail.google.com/',
      participants: [],
      domains: [],
      names: [],
    };
    expect((await ok(t.send('resolveContext', context))).dueCount).toBe(100);
    await runReminders(t.db, at(28, 8), DEFAULT_SETTINGS, text);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('99+');
  });
});
