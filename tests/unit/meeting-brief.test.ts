import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildBrief, type BriefRecords, type MeetingBrief } from '@/utils/shared/meeting-brief';
import { today } from '@/utils/shared/dates';
import type {
  Account,
  Activity,
  Decision,
  Objective,
  Person,
  WhitespaceCell,
} from '@/utils/contract/model';
import { freshContext, ok, snapshot } from './helpers';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 5, 12);

const account: Account = {
  id: 'acc-nw',
  name: 'Northwind Logistics',
  domains: ['northwind.co.uk'],
  stage: 'cooperative',
  potential: 'high',
  profile: { goals: '', painPoints: '', opportunities: '' },
  nextAction: {
    text: 'Send the Q1 proposal',
    due: '2026-12-04',
    personId: 'per-anna',
    objectiveId: 'obj-1',
  },
  cadenceDays: null,
  crmRefs: [],
  createdAt: 0,
  updatedAt: 0,
  revision: 1,
};

const person = (id: string, name: string, email: string, extra: Partial<Person> = {}): Person => ({
  id,
  accountId: 'acc-nw',
  name,
  emails: [email],
  title: '',
  role: 'influencer',
  influence: 3,
  attitude: 'neutral',
  notes: '',
  lastContactAt: null,
  ...extra,
});
const anna = person('per-anna', 'Anna Keller', 'anna@northwind.co.uk', {
  role: 'decision_maker',
  influence: 5,
  attitude: 'supporter',
  notes: 'Wants the volume price.',
  notesPrivate: true,
  lastContactAt: T0 - 6 * DAY,
});
const tom = person('per-tom', 'Tom Reyes', 'tom@northwind.co.uk', { notes: 'Runs Dover.' });
const bea = person('per-bea', 'Bea Adams', 'bea@northwind.co.uk');

const activity = (id: string, kind: Activity['kind'], at: number, extra: Partial<Activity> = {}) =>
  ({
    id,
    accountId: 'acc-nw',
    personIds: ['per-anna'],
    kind,
    at,
    summary: `${kind} ${id}`,
    outcome: '',
    ...extra,
  }) as Activity;

const decision = (id: string, date: string): Decision => ({
  id,
  accountId: 'acc-nw',
  date,
  what: `Decision ${id}`,
  why: `Because ${id}`,
  decidedBy: 'Anna Keller',
  alternatives: '',
});

const objective = (id: string, status: Objective['status'], due: string | null, createdAt = 0) =>
  ({
    id,
    accountId: 'acc-nw',
    outcome: `Outcome ${id}`,
    measure: 'On-time rate',
    target: '98%',
    due,
    status,
    statusAt: 0,
    createdAt,
  }) as Objective;

const cell = (
  id: string,
  supplier: WhitespaceCell['supplier'],
  spend: number | null,
  extra: Partial<WhitespaceCell> = {},
) =>
  ({
    id,
    accountId: 'acc-nw',
    unitId: 'unit-1',
    offeringId: 'off-1',
    supplier,
    competitor: supplier === 'competitor' ? 'Acme Freight' : '',
    spend,
    currency: 'EUR',
    contractEnd: null,
    note: '',
    updatedAt: 0,
    ...extra,
  }) as WhitespaceCell;

const empty: BriefRecords = {
  account: { ...account, nextAction: null },
  people: [],
  activities: [],
  decisions: [],
  objectives: [],
  units: [],
  cells: [],
  offerings: [],
};

const full: BriefRecords = {
  account,
  people: [tom, bea, anna],
  activities: [
    activity('a-call', 'call', T0 - 2 * DAY, { completed: 'Share the pricing model' }),
    activity('a-meet', 'meeting', T0 - 10 * DAY, {
      summary: 'QBR',
      outcome: 'We promised a volume-based price.',
      personIds: ['per-anna', 'per-tom', 'per-gone'],
    }),
    activity('a-old', 'meeting', T0 - 40 * DAY),
  ],
  decisions: [
    decision('d-old', '2026-09-05'),
    decision('d-new', '2026-11-30'),
    decision('d-mid', '2026-10-01'),
  ],
  objectives: [
    objective('obj-1', 'on_track', '2027-03-31'),
    objective('obj-2', 'at_risk', '2027-06-30'),
    objective('obj-3', 'dropped', null),
    objective('obj-4', 'done', null),
  ],
  units: [
    { id: 'unit-1', accountId: 'acc-nw', name: 'Finance', order: 1 },
    { id: 'unit-2', accountId: 'acc-nw', name: 'Operations', order: 0 },
  ],
  cells: [
    cell('c-us', 'us', 900_000),
    cell('c-small', 'unknown', 10_000),
    cell('c-big', 'competitor', 120_000, { unitId: 'unit-2', contractEnd: '2027-01-31' }),
    cell('c-none', 'competitor', null, { offeringId: 'off-gone' }),
    cell('c-house', 'in_house', 50_000),
  ],
  offerings: [{ id: 'off-1', name: 'Customs brokerage' }],
};

/** `full` whose QBR recorded `nextSet`, with `later` as its only follow-up after it. */
function withMeeting(nextSet: { text: string; due: string }, ...later: Activity[]): BriefRecords {
  return {
    ...full,
    activities: [
      ...full.activities
        .filter((a) => a.id !== 'a-call')
        .map((a) => (a.id === 'a-meet' ? { ...a, nextSet } : a)),
      ...later,
    ],
  };
}

type Case = [
  string,
  BriefRecords,
  { today: string; attendees?: string[] },
  (b: MeetingBrief) => void,
];

const CASES: Case[] = [
  [
    'an account with nothing recorded has every section empty',
    empty,
    { today: '2026-12-05' },
    (b) => {
      expect(b.attendees).toEqual([]);
      expect(b.nextActions).toEqual([]);
      expect(b.decisions).toEqual([]);
      expect(b.objectives).toEqual([]);
      expect(b.opportunities).toEqual([]);
      expect(b.lastMeeting).toBeNull();
      expect(b.forThread).toBe(false);
      expect(b.decisionsSince).toBe('2026-09-06');
    },
  ],
  [
    'the whole account: everyone, most influential first, private notes flagged',
    full,
    { today: '2026-12-05' },
    (b) => {
      expect(b.attendees.map((p) => p.name)).toEqual(['Anna Keller', 'Bea Adams', 'Tom Reyes']);
      expect(b.attendees[0]).toMatchObject({
        notesPrivate: true,
        notes: 'Wants the volume price.',
      });
      expect(b.attendees[2]).toMatchObject({ notesPrivate: false, notes: 'Runs Dover.' });
      expect(b.guests).toEqual([]);
    },
  ],
  [
    "a thread: only this account's people on it; other addresses stay bare",
    full,
    {
      today: '2026-12-05',
      attendees: ['TOM@northwind.co.uk', 'hank@globex.com', 'anna@northwind.co.uk'],
    },
    (b) => {
      expect(b.forThread).toBe(true);
      expect(b.attendees.map((p) => p.id)).toEqual(['per-anna', 'per-tom']);
      expect(b.guests).toEqual(['hank@globex.com']);
    },
  ],
  [
    "a thread with none of the account's people",
    full,
    { today: '2026-12-05', attendees: ['hank@globex.com'] },
    (b) => {
      expect(b.attendees).toEqual([]);
      expect(b.guests).toEqual(['hank@globex.com']);
    },
  ],
  [
    'the open next action: overdue, with its person and objective',
    full,
    { today: '2026-12-05' },
    (b) =>
      expect(b.nextActions).toEqual([
        {
          text: 'Send the Q1 proposal',
          due: '2026-12-04',
          overdue: true,
          person: 'Anna Keller',
          objective: 'Outcome obj-1',
        },
      ]),
  ],
  [
    'a next action due today is not overdue',
    full,
    { today: '2026-12-04' },
    (b) => expect(b.nextActions[0]?.overdue).toBe(false),
  ],
  [
    'decisions of the last 90 days, newest first; day 90 is in, day 91 out',
    full,
    { today: '2026-12-04' },
    (b) => {
      expect(b.decisionsSince).toBe('2026-09-05');
      expect(b.decisions.map((d) => d.id)).toEqual(['d-new', 'd-mid', 'd-old']);
      expect(b.decisions[0]?.why).toBe('Because d-new');
    },
  ],
  [
    'the day after, the oldest decision has left the window',
    full,
    { today: '2026-12-05' },
    (b) => expect(b.decisions.map((d) => d.id)).toEqual(['d-new', 'd-mid']),
  ],
  [
    'objectives: at risk first, dropped left out',
    full,
    { today: '2026-12-05' },
    (b) =>
      expect(b.objectives.map((o) => [o.id, o.status])).toEqual([
        ['obj-2', 'at_risk'],
        ['obj-1', 'on_track'],
        ['obj-4', 'done'],
      ]),
  ],
  [
    'opportunities: competitor and unknown only, biggest first, unknown spend last',
    full,
    { today: '2026-12-05' },
    (b) =>
      expect(b.opportunities.map((o) => [o.id, o.unit, o.offering, o.competitor])).toEqual([
        ['c-big', 'Operations', 'Customs brokerage', 'Acme Freight'],
        ['c-small', 'Finance', 'Customs brokerage', ''],
        ['c-none', 'Finance', null, 'Acme Freight'],
      ]),
  ],
  [
    'a meeting that recorded no next action: none is guessed from later follow-ups or the open one',
    full,
    { today: '2026-12-05' },
    (b) =>
      expect(b.lastMeeting).toEqual({
        kind: 'meeting',
        at: T0 - 10 * DAY,
        summary: 'QBR',
        outcome: 'We promised a volume-based price.',
        people: ['Anna Keller', 'Tom Reyes'],
        next: null,
        doneSince: [{ text: 'Share the pricing model', at: T0 - 2 * DAY }],
      }),
  ],
  [
    'the next action the meeting set, done by a later follow-up that completed it',
    withMeeting(
      { text: 'Share the pricing model', due: '2026-11-30' },
      activity('a-call', 'call', T0 - 2 * DAY, {
        completed: 'Share the pricing model',
        completedDue: '2026-11-30',
      }),
    ),
    { today: '2026-12-05' },
    (b) => {
      expect(b.lastMeeting?.next).toEqual({
        text: 'Share the pricing model',
        due: '2026-11-30',
        state: 'done',
        doneAt: T0 - 2 * DAY,
      });
      expect(b.lastMeeting?.doneSince).toEqual([
        { text: 'Share the pricing model', at: T0 - 2 * DAY },
      ]);
    },
  ],
  [
    'done with "Mark done" on the next action (its words are the summary)',
    withMeeting(
      { text: 'Share the pricing model', due: '2026-11-30' },
      activity('a-done', 'email', T0 - DAY, {
        summary: 'Share the pricing model',
        completedDue: '2026-11-30',
      }),
    ),
    { today: '2026-12-05' },
    (b) => expect(b.lastMeeting?.next).toMatchObject({ state: 'done', doneAt: T0 - DAY }),
  ],
  [
    'the next action the meeting set is still the open one',
    withMeeting({ text: 'Send the Q1 proposal', due: '2026-12-04' }),
    { today: '2026-12-05' },
    (b) => {
      expect(b.lastMeeting?.next).toEqual({
        text: 'Send the Q1 proposal',
        due: '2026-12-04',
        state: 'open',
        doneAt: null,
      });
      expect(b.lastMeeting?.doneSince).toEqual([]);
    },
  ],
  [
    'the next action the meeting set was replaced, and a later follow-up completed another one',
    withMeeting(
      { text: 'Book the site visit', due: '2026-11-28' },
      activity('a-call', 'call', T0 - 2 * DAY, {
        completed: 'Share the pricing model',
        completedDue: '2026-12-01',
      }),
    ),
    { today: '2026-12-05' },
    (b) => {
      expect(b.lastMeeting?.next).toEqual({
        text: 'Book the site visit',
        due: '2026-11-28',
        state: 'changed',
        doneAt: null,
      });
      expect(b.lastMeeting?.doneSince).toEqual([
        { text: 'Share the pricing model', at: T0 - 2 * DAY },
      ]);
    },
  ],
  [
    'the same words completed with another due day (moved since) are not taken for it',
    withMeeting(
      { text: 'Send the Q1 proposal', due: '2026-11-20' },
      activity('a-call', 'call', T0 - 2 * DAY, {
        completed: 'Send the Q1 proposal',
        completedDue: '2026-12-01',
      }),
    ),
    { today: '2026-12-05' },
    (b) => expect(b.lastMeeting?.next?.state).toBe('changed'),
  ],
  [
    'follow-ups but no meeting: nothing was promised at a meeting',
    { ...full, activities: [activity('a-call', 'call', T0)] },
    { today: '2026-12-05' },
    (b) => expect(b.lastMeeting).toBeNull(),
  ],
  [
    "another account's records are never taken in",
    {
      ...full,
      people: [
        ...full.people,
        { ...tom, id: 'per-x', accountId: 'acc-other', emails: ['x@globex.com'] },
      ],
      decisions: [...full.decisions, { ...decision('d-x', '2026-12-01'), accountId: 'acc-other' }],
      cells: [...full.cells, { ...cell('c-x', 'unknown', 1e9), accountId: 'acc-other' }],
    },
    { today: '2026-12-05', attendees: ['x@globex.com'] },
    (b) => {
      expect(b.attendees).toEqual([]);
      expect(b.decisions.map((d) => d.id)).not.toContain('d-x');
      expect(b.opportunities.map((o) => o.id)).not.toContain('c-x');
    },
  ],
];

describe('buildBrief', () => {
  it.each(CASES)('%s', (_name, records, options, check) => check(buildBrief(records, options)));

  it('is deterministic: the same records in another order give the same brief', () => {
    const shuffled: BriefRecords = {
      ...full,
      people: [...full.people].reverse(),
      activities: [...full.activities].reverse(),
      decisions: [...full.decisions].reverse(),
      objectives: [...full.objectives].reverse(),
      cells: [...full.cells].reverse(),
    };
    const options = {
      today: '2026-12-05',
      attendees: ['anna@northwind.co.uk', 'tom@northwind.co.uk'],
    };
    expect(JSON.stringify(buildBrief(shuffled, options))).toBe(
      JSON.stringify(buildBrief(full, options)),
    );
  });
});

describe('"the last 90 days" follows the user\'s own day', () => {
  afterEach(() => vi.unstubAllEnvs());
  // 5 December 2026, 02:00 UTC: still 4 December in Los Angeles, already 5 December in Auckland.
  const instant = Date.UTC(2026, 11, 5, 2);
  it.each([
    ['America/Los_Angeles', '2026-12-04', ['d-new', 'd-mid', 'd-old']],
    ['UTC', '2026-12-05', ['d-new', 'd-mid']],
    ['Pacific/Auckland', '2026-12-05', ['d-new', 'd-mid']],
  ])('in %s', (zone, day, ids) => {
    vi.stubEnv('TZ', zone);
    expect(today(instant)).toBe(day);
    const brief = buildBrief(full, { today: today(instant) });
    expect(brief.decisions.map((d) => d.id)).toEqual(ids);
  });
});

describe('getBrief in the worker', () => {
  async function seeded() {
    const t = await freshContext({ offerings: [{ id: 'off-1', name: 'Customs brokerage' }] });
    const other = {
      ...account,
      id: 'acc-gx',
      name: 'Globex',
      domains: ['globex.com'],
      nextAction: null,
    };
    const hank = person('per-hank', 'Hank Scorpio', 'hank@globex.com', {
      accountId: 'acc-gx',
      notes: 'Secret: moving to a rival.',
      notesPrivate: true,
    });
    await ok(
      t.send('importData', {
        mode: 'replace',
        backup: {
          format: 'rapport-backup',
          schemaVersion: 7,
          exportedAt: T0,
          accounts: [account, other],
          people: [anna, tom, hank],
          activities: full.activities.map((a) =>
            a.id === 'a-meet' ? { ...a, personIds: ['per-anna', 'per-tom'] } : a,
          ),
          decisions: [...full.decisions],
          stageChanges: [],
          objectives: [...full.objectives],
          buyingUnits: [...full.units],
          whitespace: [...full.cells],
        },
      }),
    );
    return t;
  }

  it('reads every section from the store, and reads only', async () => {
    const t = await seeded();
    const before = await snapshot(t.db);
    const brief = await ok(t.send('getBrief', { accountId: 'acc-nw', today: '2026-12-05' }));
    expect(brief.account.name).toBe('Northwind Logistics');
    expect(brief.attendees.map((p) => p.name)).toEqual(['Anna Keller', 'Tom Reyes']);
    expect(brief.objectives).toHaveLength(3);
    expect(brief.opportunities.map((o) => o.id)).toEqual(['c-big', 'c-small', 'c-none']);
    expect(brief.lastMeeting?.summary).toBe('QBR');
    expect(await snapshot(t.db)).toBe(before);
  });

  it("a thread listing another account's person shows nothing of that person", async () => {
    const t = await seeded();
    const brief = await ok(
      t.send('getBrief', {
        accountId: 'acc-nw',
        today: '2026-12-05',
        attendees: ['anna@northwind.co.uk', 'hank@globex.com'],
      }),
    );
    expect(brief.attendees.map((p) => p.id)).toEqual(['per-anna']);
    const text = JSON.stringify(brief);
    expect(text).not.toContain('Secret');
    expect(text).not.toContain('Hank Scorpio');
  });

  it('a thread address that is no plain address (a sender chose it) still gives the brief', async () => {
    // The sidebar links the thread's addresses it matched to the account, by domain too: a quoted
    // local part is a valid address, and must not make the whole brief an error.
    const t = await seeded();
    const odd = '"anna keller"@northwind.co.uk';
    const brief = await ok(
      t.send('getBrief', {
        accountId: 'acc-nw',
        today: '2026-12-05',
        attendees: ['anna@northwind.co.uk', odd],
      }),
    );
    expect(brief.attendees.map((p) => p.id)).toEqual(['per-anna']);
    expect(brief.guests).toEqual([odd]);
  });

  it('is refused to the sidebar frame and to content scripts, and for bad input', async () => {
    const t = await seeded();
    for (const sender of ['sidebar-frame', 'content-script'] as const) {
      const r = await t.send('getBrief', { accountId: 'acc-gx', today: '2026-12-05' }, sender);
      expect(r).toMatchObject({ ok: false, code: 'forbidden' });
    }
    const bad = await t.send('getBrief', { accountId: 'acc-nw', today: '2026-02-30' });
    expect(bad).toMatchObject({ ok: false, code: 'invalid' });
    const missing = await t.send('getBrief', { accountId: 'acc-none', today: '2026-12-05' });
    expect(missing).toMatchObject({ ok: false, code: 'not_found' });
  });
});
