// The accounts page's pure parts: due buckets, untouched accounts, the calendar's weeks, the URL
// hash, and the account editor's form checks.
import { describe, expect, it } from 'vitest';
import {
  calendarWeeks,
  dueBucket,
  dueByDay,
  hashOf,
  pageOf,
  parseHash,
  shiftAnchor,
  startOfWeek,
  touchOf,
} from '@/utils/page/account-list';
import {
  accountPatch,
  instantOf,
  personRequest,
  type AccountDraft,
} from '@/utils/page/account-form';
import type { AccountRow } from '@/utils/contract/messages';

const DAY = 86_400_000;
const T = '2026-11-28'; // a Saturday

const due = (d: string | null) => ({ nextAction: d ? { text: 'x', due: d } : null });

it('buckets next actions by due day', () => {
  expect(dueBucket(due('2026-11-27'), T)).toBe('overdue');
  expect(dueBucket(due(T), T)).toBe('today');
  expect(dueBucket(due('2026-12-04'), T)).toBe('week');
  expect(dueBucket(due('2026-12-05'), T)).toBe('later');
  expect(dueBucket(due(null), T)).toBe('none');
});

it('compares the days since the last touch with the cadence: override, settings, default', () => {
  const now = new Date(2026, 10, 28, 12).getTime();
  const base = { stage: 'cooperative' as const, cadenceDays: null, lastTouchedAt: now - 22 * DAY };
  expect(touchOf(base, undefined, now)).toEqual({ cadence: 21, days: 22, stale: true });
  expect(touchOf(base, { cooperative: 30 }, now).stale).toBe(false);
  expect(touchOf({ ...base, cadenceDays: 10 }, { cooperative: 30 }, now).cadence).toBe(10);
  expect(touchOf({ ...base, lastTouchedAt: null }, undefined, now)).toEqual({
    cadence: 21,
    days: null,
    stale: true,
  });
});

describe('calendar', () => {
  it('starts weeks on Monday', () => {
    expect(startOfWeek(T)).toBe('2026-11-23');
    expect(startOfWeek('2026-11-23')).toBe('2026-11-23');
    expect(startOfWeek('2026-11-29')).toBe('2026-11-23');
  });

  it('shows every week that touches the month, and one week in week view', () => {
    const month = calendarWeeks(T, 'month');
    expect(month[0]?.[0]).toBe('2026-10-26');
    expect(month.at(-1)?.[6]).toBe('2026-12-06');
    expect(month).toHaveLength(6);
    expect(calendarWeeks('2027-02-10', 'month')).toHaveLength(4); // Feb 2027 starts on a Monday
    expect(calendarWeeks(T, 'week')).toEqual([
      ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', T, '2026-11-29'],
    ]);
  });

  it('moves by a week or a month, across years', () => {
    expect(shiftAnchor(T, 'week', 1)).toBe('2026-12-05');
    expect(shiftAnchor('2026-12-31', 'month', 1)).toBe('2027-01-01');
    expect(shiftAnchor('2026-01-15', 'month', -1)).toBe('2025-12-01');
  });

  it('groups next actions by due day, by name within a day', () => {
    const rows = [
      { name: 'b', ...due(T) },
      { name: 'a', ...due(T) },
      { name: 'c', ...due(null) },
    ] as AccountRow[];
    const map = dueByDay(rows);
    expect([...map.keys()]).toEqual([T]);
    expect(map.get(T)?.map((r) => r.name)).toEqual(['a', 'b']);
  });
});

it('pages clamp to the last page', () => {
  const p = pageOf([1, 2, 3, 4, 5], 9, 2);
  expect(p).toMatchObject({ items: [5], page: 2, pages: 3, from: 5, to: 5, total: 5 });
  expect(pageOf([], 0)).toMatchObject({ items: [], pages: 1, from: 0, to: 0 });
});

it('reads and writes the hash that says what is open', () => {
  expect(parseHash('')).toEqual({ kind: 'list', view: 'table' });
  expect(parseHash('#view=calendar')).toEqual({ kind: 'list', view: 'calendar' });
  expect(parseHash('#account=acc-northwind')).toEqual({ kind: 'account', id: 'acc-northwind' });
  expect(parseHash('#account=<script>')).toEqual({ kind: 'list', view: 'table' });
  expect(parseHash('#view=nonsense')).toEqual({ kind: 'list', view: 'table' });
  expect(hashOf({ kind: 'account', id: 'a-1' })).toBe('#account=a-1');
  expect(parseHash(hashOf({ kind: 'list', view: 'portfolio' }))).toEqual({
    kind: 'list',
    view: 'portfolio',
  });
});

describe('account editor forms', () => {
  const draft: AccountDraft = {
    name: ' Northwind ',
    domains: 'Mail.Northwind.co.uk, northwind.co.uk; nw-logistics.com',
    potential: 'high',
    cadence: '',
    goals: 'g',
    painPoints: '',
    opportunities: '',
  };

  it('turns a clean draft into an updateAccount patch', () => {
    const r = accountPatch(draft);
    expect(r).toEqual({
      ok: true,
      patch: {
        name: 'Northwind',
        domains: ['northwind.co.uk', 'nw-logistics.com'],
        potential: 'high',
        cadenceDays: null,
        profile: { goals: 'g', painPoints: '', opportunities: '' },
      },
    });
    const withCadence = accountPatch({ ...draft, cadence: '14' });
    expect(withCadence.ok && withCadence.patch.cadenceDays).toBe(14);
  });

  it('puts one problem on each bad field', () => {
    const r = accountPatch({
      ...draft,
      name: '  ',
      domains: 'acme',
      cadence: '0',
      goals: 'x'.repeat(20_001),
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.name?.key).toBe('accountsNameRequired');
      expect(r.problems.domains).toEqual({ key: 'accountsBadDomain', subs: ['acme'] });
      expect(r.problems.cadence?.key).toBe('optionsCadenceRange');
      expect(r.problems.goals?.key).toBe('accountsTooLong');
    }
  });

  it('checks a person and lower-cases their emails', () => {
    const ok = personRequest(
      {
        name: 'Anna',
        emails: 'Anna@Northwind.co.uk, anna@northwind.co.uk',
        title: '',
        role: 'champion',
        influence: '4',
        attitude: 'supporter',
        notes: '',
      },
      'acc-1',
      undefined,
    );
    expect(ok.ok && ok.request).toMatchObject({
      accountId: 'acc-1',
      emails: ['anna@northwind.co.uk'],
      influence: 4,
    });
    expect(ok.ok && 'id' in ok.request).toBe(false);
    const bad = personRequest(
      {
        name: '',
        emails: 'anna@',
        title: '',
        role: 'user',
        influence: '3',
        attitude: 'neutral',
        notes: '',
      },
      'acc-1',
      'p-1',
    );
    expect(!bad.ok && Object.keys(bad.problems).sort()).toEqual(['emails', 'name']);
  });

  it('logs a follow-up for today at the current instant, another day at local noon', () => {
    const now = new Date(2026, 10, 28, 15, 30).getTime();
    expect(instantOf('2026-11-28', now)).toBe(now);
    expect(instantOf('2026-11-20', now)).toBe(new Date(2026, 10, 20, 12).getTime());
  });
});
