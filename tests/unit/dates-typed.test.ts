// Dates a person picks and reads: typed in the UI language's order, written with weekdays,
// "Today" for today, and the weekdays of this week and next. Fixed clock, tables of cases.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  datePattern,
  formatDayIn,
  nearDay,
  numericOrder,
  parseTypedDay,
  weekdayChoices,
  weekdayIndex,
} from '@/utils/shared/dates';

/** Friday 4 December 2026, mid-morning. */
const NOW = new Date(2026, 11, 4, 10, 30).getTime();
const TODAY = '2026-12-04';

beforeEach(() => vi.useFakeTimers({ now: NOW, toFake: ['Date'] }));
afterEach(() => vi.useRealTimers());

describe('parseTypedDay', () => {
  it.each([
    // Russian: day.month.year
    ['ru', '11.12.2026', '2026-12-11'],
    ['ru', '1.2.2027', '2027-02-01'],
    ['ru', '11.12.26', '2026-12-11'],
    ['ru', '11.12', '2026-12-11'],
    ['ru', ' 11 . 12 . 2026 ', '2026-12-11'],
    ['ru', '11/12/2026', '2026-12-11'],
    ['ru', '29.02.2028', '2028-02-29'],
    ['ru-RU', '31.12.2026', '2026-12-31'],
    // US English: month/day/year
    ['en', '12/11/2026', '2026-12-11'],
    ['en-US', '12/11', '2026-12-11'],
    ['en', '2/1/27', '2027-02-01'],
    ['en', '12-11-2026', '2026-12-11'],
    // British English: day/month/year
    ['en-GB', '11/12/2026', '2026-12-11'],
    // ISO is understood in every language
    ['ru', '2026-12-11', '2026-12-11'],
    ['en', '2026-12-11', '2026-12-11'],
  ])('%s: "%s" is %s', (locale, text, day) => {
    expect(parseTypedDay(text, locale, TODAY)).toEqual({ ok: true, day });
  });

  it.each([
    ['ru', '', 'empty'],
    ['ru', '   ', 'empty'],
    ['ru', '31.11.2026', 'invalid'],
    ['ru', '29.02.2027', 'invalid'],
    ['ru', '12/31/2026', 'invalid'],
    ['en', '31/12/2026', 'invalid'],
    ['en', '13/01/2026', 'invalid'],
    ['en', 'next friday', 'invalid'],
    ['en', '12/11/2026/1', 'invalid'],
    ['en', '12', 'invalid'],
    ['en', '12/11/202', 'invalid'],
    ['en', '123/11/2026', 'invalid'],
    ['en', '2026-02-30', 'invalid'],
    ['ru', '11.12.2026г', 'invalid'],
  ])('%s: "%s" is refused (%s)', (locale, text, problem) => {
    expect(parseTypedDay(text, locale, TODAY)).toEqual({ ok: false, problem });
  });
});

describe('how dates are written', () => {
  it.each([
    ['ru', '2026-12-11', 'numeric', '11.12.2026'],
    ['en', '2026-12-11', 'numeric', '12/11/2026'],
    ['en-GB', '2026-12-11', 'numeric', '11/12/2026'],
    ['en-GB', '2026-12-11', 'weekday', 'Fri 11 Dec'],
    ['en', '2026-12-11', 'weekday', 'Fri, Dec 11'],
    ['ru', '2026-12-11', 'weekday', 'пт, 11 дек.'],
    ['en', '2026-12-11', 'short', 'Dec 11'],
    ['ru', '2026-12-11', 'short', '11 дек.'],
    // Another year says so.
    ['en', '2027-01-08', 'weekday', 'Fri, Jan 8, 2027'],
    ['en', '2027-01-08', 'short', 'Jan 8, 2027'],
    // Not a day: shown as it is.
    ['en', 'soon', 'short', 'soon'],
  ] as const)('%s %s as %s: %s', (locale, day, style, text) => {
    expect(formatDayIn(locale, day, style, NOW)).toBe(text);
  });

  it.each([
    ['ru', ['д', 'м', 'г'], 'дд.мм.гггг'],
    ['en', ['d', 'm', 'y'], 'mm/dd/yyyy'],
    ['en-GB', ['d', 'm', 'y'], 'dd/mm/yyyy'],
  ] as const)('the pattern to type in %s is %s', (locale, letters, pattern) => {
    expect(datePattern(locale, [...letters])).toBe(pattern);
  });

  it('reads back what it writes, in each language', () => {
    for (const locale of ['ru', 'en', 'en-GB', 'de']) {
      for (const day of ['2026-12-04', '2027-01-31', '2028-02-29']) {
        const typed = formatDayIn(locale, day, 'numeric');
        expect(parseTypedDay(typed, locale, TODAY), `${locale} ${typed}`).toEqual({
          ok: true,
          day,
        });
      }
    }
    expect(numericOrder('ru')).toEqual({ order: ['d', 'm', 'y'], separator: '.' });
  });
});

describe('nearDay', () => {
  it.each([
    ['2026-12-03', 'yesterday'],
    ['2026-12-04', 'today'],
    ['2026-12-05', 'tomorrow'],
    ['2026-12-02', null],
    ['2026-12-06', null],
    ['2025-12-04', null],
    ['not a day', null],
  ])('%s is %s', (day, near) => {
    expect(nearDay(day, TODAY)).toBe(near);
  });

  it('counts across a month and a year end', () => {
    expect(nearDay('2027-01-01', '2026-12-31')).toBe('tomorrow');
    expect(nearDay('2026-11-30', '2026-12-01')).toBe('yesterday');
  });
});

describe('weekdayChoices', () => {
  it.each([
    // Friday: nothing left of this working week.
    ['2026-12-04', [], ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']],
    // Monday: the rest of the week.
    [
      '2026-11-30',
      ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'],
      ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'],
    ],
    // Wednesday, across a month end.
    [
      '2026-12-30',
      ['2026-12-31', '2027-01-01'],
      ['2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08'],
    ],
    // Sunday belongs to the week that began on Monday: next week starts tomorrow.
    ['2026-12-06', [], ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']],
  ])('from %s', (from, thisWeek, nextWeek) => {
    expect(weekdayChoices(from)).toEqual({ thisWeek, nextWeek });
  });

  it('weeks start on Monday', () => {
    expect(['2026-11-30', '2026-12-04', '2026-12-06'].map(weekdayIndex)).toEqual([0, 4, 6]);
  });
});
