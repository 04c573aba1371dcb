import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, normaliseSettings } from '@/utils/contract/settings';
import { SettingsPatch } from '@/utils/schemas/requests';
import { addDays, daysBetween, isRealDate, today } from '@/utils/shared/dates';
import { cadenceFor, guidanceFor } from '@/utils/shared/stages';

describe('settings', () => {
  it('gives the defaults for nothing stored', () => {
    expect(normaliseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps every good field and loses only the bad one', () => {
    const s = normaliseSettings({
      version: 1,
      sidebarSide: 'left',
      startCollapsed: 'yes',
      cadenceDays: { strategic: 3, tactical: -1 },
      reminders: { enabled: false, time: '25:00' },
      ownDomains: ['brightwave.io', 42],
    });
    expect(s.sidebarSide).toBe('left');
    expect(s.startCollapsed).toBe(DEFAULT_SETTINGS.startCollapsed);
    expect(s.cadenceDays).toEqual({ ...DEFAULT_SETTINGS.cadenceDays, strategic: 3 });
    expect(s.reminders).toEqual({ enabled: false, time: DEFAULT_SETTINGS.reminders.time });
    expect(s.ownDomains).toEqual(['brightwave.io']);
  });

  it('keeps the well-formed offerings, first twenty, each id once', () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ id: `off-${i}`, name: `Offering ${i}` }));
    const s = normaliseSettings({
      offerings: [
        { id: 'off-a', name: '  Warehousing ' },
        { id: 'off-a', name: 'Twice' },
        { id: 'bad id', name: 'Space in id' },
        { id: 'off-b', name: '' },
        { id: 'off-c', name: 'x'.repeat(81) },
        'Customs',
        ...many,
      ],
    });
    expect(s.offerings[0]).toEqual({ id: 'off-a', name: 'Warehousing' });
    expect(s.offerings).toHaveLength(20);
    expect(new Set(s.offerings.map((o) => o.id)).size).toBe(20);
    expect(SettingsPatch.safeParse({ offerings: many.slice(0, 20) }).success).toBe(true);
    expect(SettingsPatch.safeParse({ offerings: many }).success).toBe(false);
    const twice = [many[0], many[0]];
    expect(SettingsPatch.safeParse({ offerings: twice }).success).toBe(false);
    expect(SettingsPatch.safeParse({ offerings: [{ id: 'o', name: ' ' }] }).success).toBe(false);
  });

  it('accepts its own defaults through the validated patch', () => {
    const { version: _v, ...rest } = DEFAULT_SETTINGS;
    expect(SettingsPatch.safeParse(rest).success).toBe(true);
    expect(SettingsPatch.safeParse({ reminders: { enabled: true, time: '9am' } }).success).toBe(
      false,
    );
  });
});

describe('calendar days', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-28', 7, '2026-04-04'],
    ['2026-10-24', 7, '2026-10-31'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('%s + %i days = %s', (from, n, to) => expect(addDays(from, n)).toBe(to));

  it('counts days across a daylight-saving change as whole days', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
  });

  it('rejects dates that do not exist', () => {
    expect(isRealDate('2026-02-29')).toBe(false);
    expect(isRealDate('2028-02-29')).toBe(true);
    expect(isRealDate('2026-04-31')).toBe(false);
    expect(isRealDate('26-04-01')).toBe(false);
  });

  it('takes today in local time', () => {
    const local = new Date(2026, 10, 28, 23, 59);
    expect(today(local.getTime())).toBe('2026-11-28');
  });
});

describe('stage x potential', () => {
  it.each([
    ['tactical', 'high', 'invest'],
    ['tactical', 'medium', 'invest'],
    ['tactical', 'low', 'acceptable'],
    ['cooperative', 'high', 'fineTune'],
    ['cooperative', 'low', 'acceptable'],
    ['interdependent', 'low', 'recalibrate'],
    ['strategic', 'low', 'recalibrate'],
    ['strategic', 'high', 'protect'],
  ] as const)('%s with %s potential -> %s', (stage, potential, g) =>
    expect(guidanceFor(stage, potential)).toBe(g),
  );

  it('uses the account override, then the settings, then the default cadence', () => {
    expect(cadenceFor('strategic', 3, { strategic: 5 })).toBe(3);
    expect(cadenceFor('strategic', null, { strategic: 5 })).toBe(5);
    expect(cadenceFor('strategic', null)).toBe(7);
    expect(cadenceFor('tactical', null)).toBeGreaterThan(cadenceFor('strategic', null));
  });
});
