/**
 * Reminders: one periodic alarm checks what is due (never one alarm per action), notifies once a
 * day after the user's chosen time, and keeps the toolbar badge at the overdue count.
 */
import { browser } from 'wxt/browser';
import type { RapportDb } from './db';
import { today } from '@/utils/shared/dates';
import { COUNT_CAP, formatCount } from '@/utils/shared/counts';
import type { Account } from '@/utils/contract/model';
import type { Settings } from '@/utils/contract/settings';
import { LAST_NOTIFIED_KEY } from '@/utils/contract/storage-keys';

export const REMINDER_ALARM = 'reminders';
/** How often the alarm looks; short enough that the reminder time is met within minutes. */
export const REMINDER_PERIOD_MINUTES = 15;
export const NOTIFICATION_PREFIX = 'rapport-due:';
/** At most this many notifications at once; the rest are summed up in one more. */
const MAX_NOTIFICATIONS = 3;

/** Accounts whose next action is due on or before `day`, earliest first. */
export function dueOnOrBefore(db: RapportDb, day: string): Promise<Account[]> {
  return db.getAllFromIndex('accounts', 'byNextDue', IDBKeyRange.upperBound(day));
}

/** How many next actions are overdue (due before today), up to COUNT_CAP: the badge says "99+". */
export async function countOverdue(db: RapportDb, now: number): Promise<number> {
  const range = IDBKeyRange.upperBound(today(now), true);
  return (await db.getAllKeysFromIndex('accounts', 'byNextDue', range, COUNT_CAP)).length;
}

/** True once per local day, from the reminder time on, when reminders are on. */
export function shouldNotify(
  now: number,
  settings: Settings,
  lastNotifiedDay: string | null,
): boolean {
  if (!settings.reminders.enabled) return false;
  const day = today(now);
  if (lastNotifiedDay === day) return false;
  const [h, m] = settings.reminders.time.split(':').map(Number) as [number, number];
  const at = new Date(now);
  return at.getHours() * 60 + at.getMinutes() >= h * 60 + m;
}

export interface ReminderText {
  dueTitle: (name: string) => string;
  overdueTitle: (name: string) => string;
  moreTitle: (count: number) => string;
  moreMessage: string;
}

/** Runs one reminder check: badge always, notifications when it is time. */
export async function runReminders(
  db: RapportDb,
  now: number,
  settings: Settings,
  text: ReminderText,
): Promise<{ overdue: number; notified: number }> {
  const overdue = await countOverdue(db, now);
  await setBadge(overdue);

  const stored = await browser.storage.local.get(LAST_NOTIFIED_KEY);
  const last = typeof stored[LAST_NOTIFIED_KEY] === 'string' ? stored[LAST_NOTIFIED_KEY] : null;
  if (!shouldNotify(now, settings, last)) return { overdue, notified: 0 };

  const due = await dueOnOrBefore(db, today(now));
  const day = today(now);
  let notified = 0;
  for (const account of due.slice(0, MAX_NOTIFICATIONS)) {
    const action = account.nextAction!;
    const title = action.due < day ? text.overdueTitle(account.name) : text.dueTitle(account.name);
    await browser.notifications.create(NOTIFICATION_PREFIX + account.id, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title,
      message: action.text,
    });
    notified++;
  }
  if (due.length > MAX_NOTIFICATIONS) {
    await browser.notifications.create(NOTIFICATION_PREFIX + '*', {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: text.moreTitle(due.length - MAX_NOTIFICATIONS),
      message: text.moreMessage,
    });
  }
  await browser.storage.local.set({ [LAST_NOTIFIED_KEY]: day });
  return { overdue, notified };
}

export async function setBadge(overdue: number): Promise<void> {
  // MV3 has `action`; Firefox MV2 has `browserAction`.
  const action = browser.action ?? browser.browserAction;
  await action.setBadgeText({ text: overdue > 0 ? formatCount(overdue) : '' });
  await action.setBadgeBackgroundColor({ color: '#b91c1c' });
}

/** Where a click on a reminder goes: the thread the action came from, else the account. */
export function reminderTarget(account: Account | undefined, accountsPage: string): string {
  if (account?.nextAction?.sourceUrl) return account.nextAction.sourceUrl;
  return account ? `${accountsPage}#account=${encodeURIComponent(account.id)}` : accountsPage;
}
