// Due days from presets (cadence per stage, month ends, leap years, time zones) and the checks
// the follow-up form runs before it sends anything.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays, today } from '@/utils/shared/dates';
import {
  checkFollowUp,
  checkNext,
  dueFromPreset,
  kindOf,
  type Choice,
} from '@/utils/shared/follow-up';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('dueFromPreset', () => {
  it('counts tomorrow, in 3 days and next week in calendar days from today', () => {
    const from = '2026-11-28';
    expect(dueFromPreset('tomorrow', from, 'tactical', null)).toBe('2026-11-29');
    expect(dueFromPreset('in3', from, 'tactical', null)).toBe('2026-12-01');
    expect(dueFromPreset('week', from, 'tactical', null)).toBe('2026-12-05');
  });

  it('per cadence: the stage default, the user’s setting for the stage, the account’s own', () => {
    const from = '2026-11-28';
    expect(dueFromPreset('cadence', from, 'tactical', null)).toBe('2026-12-28');
    expect(dueFromPreset('cadence', from, 'cooperative', null)).toBe('2026-12-19');
    expect(dueFromPreset('cadence', from, 'interdependent', null)).toBe('2026-12-12');
    expect(dueFromPreset('cadence', from, 'strategic', null)).toBe('2026-12-05');
    // Settings override the stage default; only the stage asked for counts.
    const settings = { strategic: 3, tactical: 60 };
    expect(dueFromPreset('cadence', from, 'strategic', null, settings)).toBe('2026-12-01');
    expect(dueFromPreset('cadence', from, 'cooperative', null, settings)).toBe('2026-12-19');
    // The account's own cadence beats both.
    expect(dueFromPreset('cadence', from, 'strategic', 10, settings)).toBe('2026-12-08');
    // The fixed presets ignore cadence altogether.
    expect(dueFromPreset('week', from, 'strategic', 10, settings)).toBe('2026-12-05');
  });

  it('crosses month and year ends', () => {
    expect(dueFromPreset('tomorrow', '2026-01-31', 'tactical', null)).toBe('2026-02-01');
    expect(dueFromPreset('in3', '2026-04-29', 'tactical', null)).toBe('2026-05-02');
    expect(dueFromPreset('week', '2026-12-28', 'tactical', null)).toBe('2027-01-04');
    expect(dueFromPreset('tomorrow', '2026-12-31', 'tactical', null)).toBe('2027-01-01');
    // Tactical: 30 days from 31 January lands in March, however short February is.
    expect(dueFromPreset('cadence', '2026-01-31', 'tactical', null)).toBe('2026-03-02');
  });

  it('knows leap years, including the century rules', () => {
    expect(dueFromPreset('tomorrow', '2028-02-28', 'tactical', null)).toBe('2028-02-29');
    expect(dueFromPreset('tomorrow', '2028-02-29', 'tactical', null)).toBe('2028-03-01');
    expect(dueFromPreset('tomorrow', '2027-02-28', 'tactical', null)).toBe('2027-03-01');
    expect(dueFromPreset('tomorrow', '2100-02-28', 'tactical', null)).toBe('2100-03-01');
    expect(dueFromPreset('tomorrow', '2000-02-28', 'tactical', null)).toBe('2000-02-29');
    expect(dueFromPreset('cadence', '2024-01-31', 'tactical', null)).toBe('2024-03-01');
    expect(dueFromPreset('week', '2024-02-25', 'tactical', null)).toBe('2024-03-03');
  });

  it('counts from the local day where it differs from the UTC day', () => {
    // 28 Feb 2026, 12:00 UTC is already 1 March (01:00, daylight time) in Auckland.
    const noonUtc = Date.UTC(2026, 1, 28, 12, 0);
    vi.stubEnv('TZ', 'Pacific/Auckland');
    expect(new Date(noonUtc).toISOString().slice(0, 10)).toBe('2026-02-28');
    expect(new Date(noonUtc).getDate()).toBe(1);
    expect(today(noonUtc)).toBe('2026-03-01');
    expect(dueFromPreset('tomorrow', today(noonUtc), 'strategic', null)).toBe('2026-03-02');
    expect(dueFromPreset('cadence', today(noonUtc), 'strategic', null)).toBe('2026-03-08');

    // 1 March, 03:00 UTC is still 28 February (19:00) in Los Angeles.
    const earlyUtc = Date.UTC(2026, 2, 1, 3, 0);
    vi.stubEnv('TZ', 'America/Los_Angeles');
    expect(new Date(earlyUtc).getDate()).toBe(28);
    expect(today(earlyUtc)).toBe('2026-02-28');
    expect(dueFromPreset('tomorrow', today(earlyUtc), 'strategic', null)).toBe('2026-03-01');
  });

  it('is not shifted by a daylight-saving change in between', () => {
    // Clocks go forward in New York on 8 March 2026: a 23-hour day inside the week.
    vi.stubEnv('TZ', 'America/New_York');
    const lateEvening = new Date(2026, 2, 7, 23, 30).getTime();
    expect(today(lateEvening)).toBe('2026-03-07');
    expect(dueFromPreset('week', today(lateEvening), 'tactical', null)).toBe('2026-03-14');
    expect(dueFromPreset('tomorrow', today(lateEvening), 'tactical', null)).toBe('2026-03-08');
  });
});

describe('checkFollowUp', () => {
  const day = '2026-11-28';
  const draft = {
    summary: 'Q1 renewal: volumes and pricing',
    choice: 'keep' as Choice,
    nextText: '',
    due: '2026-12-19',
  };

  it.each(['keep', 'done'] as const)(
    'accepts the prefilled form with %s: nothing new to set, whatever the due field says',
    (choice) => {
      for (const due of ['2026-12-19', '', '?']) {
        const check = checkFollowUp({ ...draft, choice, due }, day);
        expect(check).toEqual({ errors: {}, pastDue: false });
        expect('next' in check).toBe(false);
      }
    },
  );

  it('Replace needs the new action: its words, and a real due day', () => {
    expect(checkFollowUp({ ...draft, choice: 'replace' }, day).errors).toEqual({
      next: 'followUpErrorReplace',
    });
    expect(
      checkFollowUp({ ...draft, choice: 'replace', nextText: '  Call Anna ', due: day }, day),
    ).toEqual({ errors: {}, next: { text: 'Call Anna', due: day }, pastDue: false });
  });

  it('Done with words sets the next one', () => {
    expect(checkFollowUp({ ...draft, choice: 'done', nextText: 'Book the review' }, day)).toEqual({
      errors: {},
      next: { text: 'Book the review', due: '2026-12-19' },
      pastDue: false,
    });
  });

  it('needs a summary', () => {
    expect(checkFollowUp({ ...draft, summary: '   ' }, day).errors).toEqual({
      summary: 'followUpErrorSummary',
    });
  });

  it('refuses a due day that is not a real YYYY-MM-DD day for a new action', () => {
    for (const due of ['', '?', '2026-02-30', '2026-13-01', '28/11/2026', '20260-01-01']) {
      const check = checkFollowUp({ ...draft, choice: 'replace', nextText: 'Call', due }, day);
      expect(check.errors, due).toEqual({ due: 'followUpErrorDue' });
      expect(check.next, due).toBeUndefined();
    }
  });

  it('flags a due date in the past, so the form can ask first', () => {
    expect(
      checkFollowUp({ ...draft, choice: 'replace', nextText: 'Call', due: '2026-11-27' }, day),
    ).toEqual({ errors: {}, next: { text: 'Call', due: '2026-11-27' }, pastDue: true });
  });

  it('reports every problem at once', () => {
    expect(
      checkFollowUp({ summary: '', choice: 'replace', nextText: 'Call', due: 'soon' }, day).errors,
    ).toEqual({ summary: 'followUpErrorSummary', due: 'followUpErrorDue' });
  });

  it('checkNext alone: the next-action editor needs words and a day', () => {
    expect(checkNext('Call', addDays(day, 1), day)).toEqual({
      errors: {},
      next: { text: 'Call', due: '2026-11-29' },
      pastDue: false,
    });
    expect(checkNext('', addDays(day, 1), day).errors).toEqual({
      next: 'followUpErrorNextRequired',
    });
  });
});

describe('kindOf: what a next action was, from its words', () => {
  it.each([
    ['Call Anna about volumes', 'call'],
    ['Phone Tom', 'call'],
    ['Send the Q1 volume proposal', 'email'],
    ['Reply to Hank', 'email'],
    ['Book a meeting with Anna', 'meeting'],
    ['Agree the QBR agenda', 'meeting'],
    ['Позвонить Анне', 'call'],
    ['Созвон с Томом', 'call'],
    ['Отправить предложение', 'email'],
    ['Написать Хэнку', 'email'],
    ['Встреча в Дувре', 'meeting'],
    ['Think about pricing', 'note'],
    ['Callisto review', 'note'],
  ] as const)('"%s" is %s', (text, kind) => {
    expect(kindOf(text)).toBe(kind);
  });
});
