/**
 * The KPI arithmetic (utils/shared/kpis.ts) and its periods (kpi-period.ts): period edges to the
 * millisecond, daylight-saving changes, and three time zones. Node honours a change of
 * process.env.TZ at once, so each case sets the zone it runs in and builds its instants after.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROLE_CADENCE } from '@/utils/shared/freshness';
import {
  accountKpis,
  keptWithin,
  NO_KPIS,
  percent,
  sumKpis,
  type KpiRecords,
} from '@/utils/shared/kpis';
import type { WhitespaceCell } from '@/utils/contract/model';
import { periodProblem, presetPeriod, quarterOf, yearOf } from '@/utils/shared/kpi-period';

const ZONES = ['Europe/Moscow', 'America/New_York', 'Pacific/Auckland'] as const;
const original = process.env.TZ;
afterAll(() => {
  process.env.TZ = original;
});

/** A local instant in the zone set last. */
const local = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) =>
  new Date(y, mo - 1, d, h, mi, s, ms).getTime();

const Q4 = { first: '2026-10-01', last: '2026-12-31' };
const empty = (): KpiRecords => ({
  people: [],
  activities: [],
  stageChanges: [],
  objectives: [],
  whitespace: [],
});
const person = (
  id: string,
  role: 'champion' | 'decision_maker' | 'user' | 'influencer' | 'unknown',
  more = {},
) => ({
  id,
  role,
  influence: 3,
  attitude: 'neutral' as const,
  lastContactAt: null,
  ...more,
});

describe('periods', () => {
  it.each([
    ['2026-01-01', 0, '2026-01-01', '2026-03-31'],
    ['2026-03-31', 0, '2026-01-01', '2026-03-31'],
    ['2026-04-01', 0, '2026-04-01', '2026-06-30'],
    ['2026-09-30', 0, '2026-07-01', '2026-09-30'],
    ['2026-12-31', 0, '2026-10-01', '2026-12-31'],
    ['2026-02-14', -1, '2025-10-01', '2025-12-31'],
    ['2026-11-14', -1, '2026-07-01', '2026-09-30'],
    ['2028-05-02', -1, '2028-01-01', '2028-03-31'],
    ['2026-12-31', 1, '2027-01-01', '2027-03-31'],
  ])('the quarter of %s shifted by %i is %s to %s', (day, shift, first, last) => {
    expect(quarterOf(day, shift)).toEqual({ first, last });
  });

  it('a year is its days, a leap year included', () => {
    expect(yearOf('2028-02-29')).toEqual({ first: '2028-01-01', last: '2028-12-31' });
  });

  describe.each(ZONES)('presets in %s', (zone) => {
    it('switch quarter at the local midnight, not at UTC midnight', () => {
      process.env.TZ = zone;
      expect(presetPeriod('thisQuarter', local(2026, 9, 30, 23, 59, 59, 999))).toEqual({
        first: '2026-07-01',
        last: '2026-09-30',
      });
      expect(presetPeriod('thisQuarter', local(2026, 10, 1))).toEqual(Q4);
      expect(presetPeriod('lastQuarter', local(2026, 10, 1))).toEqual({
        first: '2026-07-01',
        last: '2026-09-30',
      });
      expect(presetPeriod('lastQuarter', local(2027, 1, 1))).toEqual(Q4);
      expect(presetPeriod('thisYear', local(2026, 12, 31, 23, 59, 59, 999))).toEqual({
        first: '2026-01-01',
        last: '2026-12-31',
      });
      expect(presetPeriod('custom', local(2026, 10, 1))).toBeNull();
    });
  });

  it.each([
    [{ first: '2026-10-01', last: '2026-10-01' }, null],
    [{ first: '2026-10-02', last: '2026-10-01' }, 'reversed'],
    [{ first: '2026-02-30', last: '2026-03-01' }, 'invalidDay'],
    [{ first: '2016-01-01', last: '2026-12-31' }, 'tooLong'],
  ])('period %o: %s', (p, problem) => {
    expect(periodProblem(p)).toBe(problem);
  });
});

describe('kept within cadence', () => {
  // Cadence 14 over Q4 2026, read on its last day.
  it.each([
    [
      'a contact every 14 days, from one before the period',
      [
        '2026-09-20',
        '2026-10-04',
        '2026-10-18',
        '2026-11-01',
        '2026-11-15',
        '2026-11-29',
        '2026-12-13',
        '2026-12-27',
      ],
      true,
    ],
    [
      'one gap of 15 days',
      [
        '2026-09-20',
        '2026-10-04',
        '2026-10-19',
        '2026-11-01',
        '2026-11-15',
        '2026-11-29',
        '2026-12-13',
        '2026-12-27',
      ],
      false,
    ],
    [
      'the same, in any order and repeated',
      [
        '2026-12-27',
        '2026-10-04',
        '2026-11-15',
        '2026-09-20',
        '2026-11-01',
        '2026-10-18',
        '2026-12-13',
        '2026-11-29',
        '2026-11-29',
      ],
      true,
    ],
    [
      'overdue when the period began',
      [
        '2026-09-01',
        '2026-10-02',
        '2026-10-16',
        '2026-10-30',
        '2026-11-13',
        '2026-11-27',
        '2026-12-11',
        '2026-12-25',
      ],
      false,
    ],
    [
      "a contact on the period's first day restarts the count",
      [
        '2026-08-01',
        '2026-10-01',
        '2026-10-15',
        '2026-10-29',
        '2026-11-12',
        '2026-11-26',
        '2026-12-10',
        '2026-12-24',
      ],
      true,
    ],
    [
      'the last contact more than 14 days before the end',
      [
        '2026-10-01',
        '2026-10-15',
        '2026-10-29',
        '2026-11-12',
        '2026-11-26',
        '2026-12-10',
        '2026-12-16',
      ],
      false,
    ],
    [
      'contacts after the end do not count',
      [
        '2026-10-01',
        '2026-10-15',
        '2026-10-29',
        '2026-11-12',
        '2026-11-26',
        '2026-12-10',
        '2027-01-02',
      ],
      false,
    ],
    ['never contacted', [], false],
  ] as [string, string[], boolean][])('%s', (_, days, kept) => {
    expect(keptWithin(days, 14, Q4.first, Q4.last)).toBe(kept);
  });

  it('gives one cadence from the first day to a key player with no contact before it', () => {
    expect(keptWithin([], 14, '2026-10-01', '2026-10-15')).toBe(true);
    expect(keptWithin([], 14, '2026-10-01', '2026-10-16')).toBe(false);
    expect(keptWithin(['2026-10-15'], 14, '2026-10-01', '2026-10-29')).toBe(true);
    expect(keptWithin(['2026-10-16'], 14, '2026-10-01', '2026-10-16')).toBe(false);
  });

  it('a contact on the day the cadence runs out is in time; the next day is late', () => {
    expect(keptWithin(['2026-09-30', '2026-10-14'], 14, Q4.first, '2026-10-20')).toBe(true);
    expect(keptWithin(['2026-09-30', '2026-10-15'], 14, Q4.first, '2026-10-20')).toBe(false);
  });
});

describe.each(ZONES)('account KPIs in %s', (zone) => {
  const later = () => local(2027, 6, 1);

  it('counts an event from the first to the last millisecond of the period, and nothing else', () => {
    process.env.TZ = zone;
    const edges = [
      local(2026, 9, 30, 23, 59, 59, 999),
      local(2026, 10, 1),
      local(2026, 12, 31, 23, 59, 59, 999),
      local(2027, 1, 1),
    ];
    const r = empty();
    r.objectives = edges.map((statusAt) => ({ status: 'done', statusAt }));
    r.whitespace = edges.map((wonAt) => ({ supplier: 'us', wonAt }));
    r.stageChanges = edges.map((at) => ({ from: 'tactical', to: 'cooperative', at }));
    r.activities = edges.map((at) => ({
      at,
      personIds: [],
      completed: 'x',
      completedDue: '2027-12-31',
    }));
    const k = accountKpis(r, Q4, DEFAULT_ROLE_CADENCE, later());
    expect(k).toEqual({
      ...NO_KPIS,
      objectivesMet: 2,
      whitespaceWon: 2,
      stageUp: 2,
      doneCounted: 2,
      doneOnTime: 2,
    });
  });

  it("places an instant on its day in the user's zone", () => {
    process.env.TZ = zone;
    // 2026-09-30 22:00 UTC: 1 October in Moscow and Auckland, still 30 September in New York.
    const at = Date.UTC(2026, 8, 30, 22);
    const r = { ...empty(), whitespace: [{ supplier: 'us' as const, wonAt: at }] };
    const expected = zone === 'America/New_York' ? 0 : 1;
    expect(accountKpis(r, Q4, DEFAULT_ROLE_CADENCE, later()).whitespaceWon).toBe(expected);
  });

  it('counts cadence in calendar days across a daylight-saving change', () => {
    process.env.TZ = zone;
    // New York leaves summer time on 1 November 2026, Auckland enters it on 27 September and
    // leaves it on 5 April: 14 calendar days here are 14 x 24 hours plus or minus one.
    const period = { first: '2026-10-26', last: '2026-11-09' };
    const champion = person('p1', 'champion');
    const a = (at: number) => ({ at, personIds: ['p1'] });
    const inTime = accountKpis(
      {
        ...empty(),
        people: [champion],
        activities: [a(local(2026, 10, 25, 23, 30)), a(local(2026, 11, 8, 0, 30))],
      },
      period,
      DEFAULT_ROLE_CADENCE,
      later(),
    );
    expect(inTime).toMatchObject({ keyPlayers: 1, keptInCadence: 1 });
    const late = accountKpis(
      {
        ...empty(),
        people: [champion],
        activities: [a(local(2026, 10, 25, 23, 30)), a(local(2026, 11, 9, 0, 30))],
      },
      period,
      DEFAULT_ROLE_CADENCE,
      later(),
    );
    expect(late).toMatchObject({ keyPlayers: 1, keptInCadence: 0 });
    // Spring: New York's clocks go forward on 8 March 2026.
    const spring = { first: '2026-03-01', last: '2026-03-15' };
    expect(
      accountKpis(
        {
          ...empty(),
          people: [champion],
          activities: [a(local(2026, 3, 1, 0, 5)), a(local(2026, 3, 15, 23, 55))],
        },
        spring,
        DEFAULT_ROLE_CADENCE,
        later(),
      ).keptInCadence,
    ).toBe(1);
  });
});

describe('account KPIs, record by record', () => {
  const now = () => local(2027, 6, 1);
  it('follows the key players that have a cadence, as they are now', () => {
    process.env.TZ = 'Europe/Moscow';
    const r = empty();
    r.people = [
      person('champ', 'champion', { lastSeenAt: local(2026, 12, 20, 15) }),
      // The decision maker (30 days): contacted only through lastContactAt, on 15 December.
      person('dm', 'decision_maker', { lastContactAt: local(2026, 12, 15, 9) }),
      person('user', 'user', { influence: 2 }),
      person('infl', 'influencer', { influence: 4 }),
      person('unk', 'unknown', { influence: 5 }),
    ];
    // The champion (14 days): follow-ups every 14 days, and seen on 20 December.
    r.activities = [
      '2026-09-25',
      '2026-10-09',
      '2026-10-23',
      '2026-11-06',
      '2026-11-20',
      '2026-12-04',
      '2026-12-18',
    ].map((d) => ({
      at: local(+d.slice(0, 4), +d.slice(5, 7), +d.slice(8), 11),
      personIds: ['champ', 'infl'],
    }));
    const k = accountKpis(r, Q4, DEFAULT_ROLE_CADENCE, now());
    // Followed: champion, decision maker, influencer of influence 4; not the user (not key) nor
    // the unknown role (key, but no cadence). Kept: champion (seen 20 Dec, 11 days before the end)
    // and influencer (30 days; last 18 Dec). The decision maker was never contacted before
    // 15 December: one cadence from 1 October ran out on 31 October.
    expect(k).toMatchObject({ keyPlayers: 3, keptInCadence: 2 });
  });

  it('counts a period still running up to today, and a period not begun not at all', () => {
    process.env.TZ = 'America/New_York';
    const r = {
      ...empty(),
      people: [person('champ', 'champion', { lastContactAt: local(2026, 9, 28, 10) })],
    };
    expect(accountKpis(r, Q4, DEFAULT_ROLE_CADENCE, local(2026, 10, 12, 18))).toMatchObject({
      keyPlayers: 1,
      keptInCadence: 1,
    });
    expect(accountKpis(r, Q4, DEFAULT_ROLE_CADENCE, local(2026, 10, 13, 18))).toMatchObject({
      keyPlayers: 1,
      keptInCadence: 0,
    });
    expect(accountKpis(r, Q4, DEFAULT_ROLE_CADENCE, local(2026, 9, 30, 18))).toMatchObject({
      keyPlayers: 0,
      keptInCadence: 0,
    });
  });

  it('judges each completed next action against its due day, and counts the older ones apart', () => {
    process.env.TZ = 'Pacific/Auckland';
    const r = empty();
    r.activities = [
      {
        at: local(2026, 11, 10, 23, 59, 59, 999),
        personIds: [],
        completed: 'a',
        completedDue: '2026-11-10',
      },
      { at: local(2026, 11, 11), personIds: [], completed: 'b', completedDue: '2026-11-10' },
      // Done long before it was due: on time.
      { at: local(2026, 11, 12), personIds: [], completed: 'c', completedDue: '2027-05-01' },
      // A due day recorded without the text (completeNextAction): still a next action done.
      { at: local(2026, 11, 13), personIds: [], completedDue: '2026-11-01' },
      { at: local(2026, 11, 14), personIds: [], completed: 'older, no due day' },
      { at: local(2026, 11, 15), personIds: [] },
      // Dated after now: has not happened.
      { at: local(2027, 7, 1), personIds: [], completed: 'd', completedDue: '2027-08-01' },
    ];
    const year = { first: '2026-01-01', last: '2027-12-31' };
    expect(accountKpis(r, year, DEFAULT_ROLE_CADENCE, now())).toMatchObject({
      doneCounted: 4,
      doneOnTime: 2,
      doneUndated: 1,
    });
  });

  it('judges each stage change by its own from and to, in whatever order they are stored', () => {
    process.env.TZ = 'Europe/Moscow';
    const changes = [
      { from: 'cooperative', to: 'strategic', at: local(2026, 12, 2) },
      { from: null, to: 'tactical', at: local(2026, 10, 2) },
      { from: 'tactical', to: 'cooperative', at: local(2026, 11, 2) },
      { from: 'strategic', to: 'interdependent', at: local(2026, 12, 20) },
      { from: 'interdependent', to: 'interdependent', at: local(2026, 12, 21) },
      { from: 'interdependent', to: 'tactical', at: local(2027, 1, 3) },
    ] as KpiRecords['stageChanges'];
    const k = (list: KpiRecords['stageChanges']) =>
      accountKpis({ ...empty(), stageChanges: list }, Q4, DEFAULT_ROLE_CADENCE, now());
    expect(k(changes)).toMatchObject({ stageUp: 2, stageDown: 1 });
    expect(k([...changes].reverse())).toEqual(k(changes));
  });

  it('counts objectives done in the period and whitespace won in it', () => {
    process.env.TZ = 'Europe/Moscow';
    const r = empty();
    r.objectives = [
      { status: 'done', statusAt: local(2026, 11, 1) },
      { status: 'done', statusAt: local(2026, 9, 1) },
      { status: 'at_risk', statusAt: local(2026, 11, 1) },
      { status: 'dropped', statusAt: local(2026, 11, 1) },
    ];
    r.whitespace = [
      { supplier: 'us', wonAt: local(2026, 11, 3) },
      { supplier: 'us' },
      { supplier: 'us', wonAt: local(2026, 7, 3) },
      { supplier: 'us', wonAt: local(2027, 8, 1) },
    ];
    expect(
      accountKpis(r, { first: '2026-10-01', last: '2027-12-31' }, DEFAULT_ROLE_CADENCE, now()),
    ).toMatchObject({
      objectivesMet: 1,
      whitespaceWon: 1,
    });
  });

  // A cell won in the period counts only while it is still ours: won and kept. The day it was
  // won is built in the test, after the zone is set.
  type Won = [string, WhitespaceCell['supplier'], [number, number, number] | null, number];
  const WON: Won[] = [
    ['won in the period, still ours', 'us', [2026, 11, 3], 1],
    ['won, then lost to a competitor', 'competitor', [2026, 11, 3], 0],
    ['won, then lost to unknown', 'unknown', [2026, 11, 3], 0],
    ['won, then taken in-house', 'in_house', [2026, 11, 3], 0],
    ['won, then no longer needed', 'not_needed', [2026, 11, 3], 0],
    ['ours from the start (never won)', 'us', null, 0],
    ['won before the period, still ours', 'us', [2026, 9, 30], 0],
  ];
  it.each(WON)('whitespace won: %s', (_name, supplier, day, expected) => {
    process.env.TZ = 'Europe/Moscow';
    const cell = { supplier, ...(day ? { wonAt: local(...day, 12) } : {}) };
    const r = { ...empty(), whitespace: [cell] };
    expect(accountKpis(r, Q4, DEFAULT_ROLE_CADENCE, now()).whitespaceWon).toBe(expected);
  });

  it('sums accounts into the portfolio and rounds percentages', () => {
    const a = {
      ...NO_KPIS,
      keyPlayers: 3,
      keptInCadence: 2,
      doneCounted: 1,
      doneOnTime: 1,
      stageUp: 1,
    };
    const b = {
      ...NO_KPIS,
      keyPlayers: 1,
      keptInCadence: 0,
      doneUndated: 2,
      stageDown: 1,
      whitespaceWon: 3,
    };
    const total = sumKpis([a, b]);
    expect(total).toEqual({
      ...NO_KPIS,
      keyPlayers: 4,
      keptInCadence: 2,
      doneCounted: 1,
      doneOnTime: 1,
      doneUndated: 2,
      stageUp: 1,
      stageDown: 1,
      whitespaceWon: 3,
    });
    expect(percent(total.keptInCadence, total.keyPlayers)).toBe(50);
    expect(percent(2, 3)).toBe(67);
    expect(percent(0, 0)).toBeNull();
  });
});
