/**
 * Freshness per key player: the rule (a table), the sighting noted from an opened thread (at most
 * once a day, no change announced), the per-role cadence setting (validated), and the list of key
 * players due for contact that the popup and the calendar show.
 */
import { describe, expect, it } from 'vitest';
import { freshContext, ok } from './helpers';
import { route } from '@/entrypoints/background/router';
import {
  DEFAULT_ROLE_CADENCE,
  freshnessOf,
  sightingDue,
  type Freshness,
} from '@/utils/shared/freshness';
import { normaliseSettings } from '@/utils/contract/settings';
import { SCHEMA_VERSION } from '@/utils/contract/records';
import type { Attitude, Role } from '@/utils/contract/enums';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 5, 12);

type P = {
  role: Role;
  influence: number;
  attitude: Attitude;
  lastContactAt: number | null;
  lastSeenAt?: number;
};
const p = (role: Role, influence: number, contact: number | null, seen?: number): P => ({
  role,
  influence,
  attitude: 'neutral',
  lastContactAt: contact === null ? null : NOW - contact * DAY,
  ...(seen === undefined ? {} : { lastSeenAt: NOW - seen * DAY }),
});

const CASES: [string, P, Pick<Freshness, 'cadence' | 'days' | 'overdue'>][] = [
  [
    'a decision maker contacted 10 days ago',
    p('decision_maker', 5, 10),
    { cadence: 30, days: 10, overdue: false },
  ],
  [
    'a decision maker contacted 31 days ago',
    p('decision_maker', 5, 31),
    { cadence: 30, days: 31, overdue: true },
  ],
  [
    'on the day the cadence runs out',
    p('decision_maker', 5, 30),
    { cadence: 30, days: 30, overdue: true },
  ],
  [
    'a champion seen on a thread 3 days ago, contacted 40',
    p('champion', 3, 40, 3),
    { cadence: 14, days: 3, overdue: false },
  ],
  [
    'a champion seen 20 days ago',
    p('champion', 3, null, 20),
    { cadence: 14, days: 20, overdue: true },
  ],
  [
    'a sponsor never contacted nor seen',
    p('executive_sponsor', 3, null),
    { cadence: 45, days: null, overdue: true },
  ],
  [
    'a user of low influence is not a key player',
    p('user', 2, 100),
    { cadence: null, days: 100, overdue: false },
  ],
  ['a user of influence 4 is', p('user', 4, 100), { cadence: 60, days: 100, overdue: true }],
  [
    'an unknown role is not followed by default',
    p('unknown', 5, null),
    { cadence: null, days: null, overdue: false },
  ],
];

describe('freshnessOf', () => {
  for (const [name, person, expected] of CASES) {
    it(name, () => {
      expect(freshnessOf(person, DEFAULT_ROLE_CADENCE, NOW)).toMatchObject(expected);
    });
  }

  it('puts the due day at the last touch plus the cadence, today when never in touch', () => {
    expect(freshnessOf(p('champion', 3, 10), DEFAULT_ROLE_CADENCE, NOW).dueDay).toBe('2026-12-09');
    expect(freshnessOf(p('champion', 3, null), DEFAULT_ROLE_CADENCE, NOW).dueDay).toBe(
      '2026-12-05',
    );
  });

  it('follows the cadence the user set, and none for a role set to null', () => {
    const cadences = { ...DEFAULT_ROLE_CADENCE, decision_maker: 7, champion: null };
    expect(freshnessOf(p('decision_maker', 5, 8), cadences, NOW).overdue).toBe(true);
    expect(freshnessOf(p('champion', 3, 80), cadences, NOW)).toMatchObject({
      cadence: null,
      overdue: false,
    });
  });

  it('notes a sighting at most once a day', () => {
    expect(sightingDue(undefined, NOW)).toBe(true);
    expect(sightingDue(NOW - DAY + 1, NOW)).toBe(false);
    expect(sightingDue(NOW - DAY, NOW)).toBe(true);
    // A clock set back must not freeze the sighting in the future.
    expect(sightingDue(NOW + DAY, NOW)).toBe(true);
  });
});

const thread = (emails: string[], host: 'gmail' | 'hubspot' = 'gmail') => ({
  host,
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgz',
  participants: emails.map((email) => ({ email, name: 'Someone' })),
  domains: [],
  names: [],
});

async function seeded() {
  const t = await freshContext();
  const nw = await ok(
    t.send('createAccount', {
      name: 'Northwind',
      domains: ['northwind.co.uk'],
      people: [
        { name: 'Anna Keller', email: 'anna@northwind.co.uk' },
        { name: 'Tom Reyes', email: 'tom@northwind.co.uk' },
      ],
    }),
  );
  const [anna, tom] = nw.people;
  return { ...t, nw, anna: anna!, tom: tom! };
}

describe('a sighting from an opened thread', () => {
  it('sets lastSeenAt on the people on the thread, in the answer and the store, and announces nothing', async () => {
    const t = await seeded();
    const out = await route(
      { rapport: 1, name: 'resolveContext', request: thread(['Anna@northwind.co.uk']) },
      'sidebar-frame',
      t.ctx,
    );
    expect(out.changed).toEqual([]);
    const shown = (
      out.result as {
        ok: true;
        data: { matches: { people: { id: string; lastSeenAt?: number }[] }[] };
      }
    ).data;
    const now = t.ctx.now();
    expect(shown.matches[0]!.people.find((x) => x.id === t.anna.id)?.lastSeenAt).toBe(now);
    expect((await t.db.get('people', t.anna.id))?.lastSeenAt).toBe(now);
    expect((await t.db.get('people', t.tom.id))?.lastSeenAt).toBeUndefined();
  });

  it('writes a person at most once a day, and keeps an edit made meanwhile', async () => {
    const t = await seeded();
    await ok(t.send('resolveContext', thread(['anna@northwind.co.uk']), 'sidebar-frame'));
    const first = (await t.db.get('people', t.anna.id))!.lastSeenAt!;
    await ok(
      t.send('upsertPerson', {
        id: t.anna.id,
        accountId: t.nw.account.id,
        notes: 'Edited',
        base: { notes: t.anna.notes },
      }),
    );
    t.advance(DAY - 1000);
    await ok(t.send('resolveContext', thread(['anna@northwind.co.uk']), 'sidebar-frame'));
    expect((await t.db.get('people', t.anna.id))!.lastSeenAt).toBe(first);
    t.advance(2000);
    await ok(t.send('resolveContext', thread(['anna@northwind.co.uk']), 'sidebar-frame'));
    const after = (await t.db.get('people', t.anna.id))!;
    expect(after.lastSeenAt).toBe(first + DAY + 1000);
    expect(after.notes).toBe('Edited');
  });

  it('is not noted from a CRM record: a record is not a conversation', async () => {
    const t = await seeded();
    await ok(
      t.send('resolveContext', thread(['anna@northwind.co.uk'], 'hubspot'), 'sidebar-frame'),
    );
    expect((await t.db.get('people', t.anna.id))?.lastSeenAt).toBeUndefined();
  });

  it('survives a person edit from the sidebar: upsertPerson cannot set or clear it', async () => {
    const t = await seeded();
    await ok(t.send('resolveContext', thread(['anna@northwind.co.uk']), 'sidebar-frame'));
    const r = await t.send('upsertPerson', {
      id: t.anna.id,
      accountId: t.nw.account.id,
      lastSeenAt: 5,
      base: {},
    } as never);
    // The unknown field is dropped by the schema; the stored sighting stays.
    expect(r.ok && r.data.lastSeenAt).toBe(t.ctx.now());
    expect((await t.db.get('people', t.anna.id))?.lastSeenAt).toBe(t.ctx.now());
  });
});

describe('the cadence per role setting', () => {
  it('has defaults, saves a change and refuses a bad value with nothing changed', async () => {
    const t = await freshContext();
    expect(t.getSettings().roleCadenceDays.champion).toBe(14);
    await ok(t.send('updateSettings', { roleCadenceDays: { champion: 7, user: null } }));
    expect(t.getSettings().roleCadenceDays).toMatchObject({
      champion: 7,
      user: null,
      decision_maker: 30,
    });
    for (const bad of [
      { champion: 0 },
      { champion: 400 },
      { champion: 2.5 },
      { ceo: 10 },
      { champion: '7' },
    ]) {
      const r = await t.send('updateSettings', { roleCadenceDays: bad } as never);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
    }
    expect(t.getSettings().roleCadenceDays.champion).toBe(7);
  });

  it('reads a stored value field by field: a bad role loses only itself', () => {
    const s = normaliseSettings({
      roleCadenceDays: { champion: 'x', decision_maker: 10, user: null },
    });
    expect(s.roleCadenceDays).toMatchObject({ champion: 14, decision_maker: 10, user: null });
    expect(normaliseSettings({}).roleCadenceDays).toEqual(DEFAULT_ROLE_CADENCE);
  });
});

describe('listKeyPlayersDue', () => {
  it('lists key players whose cadence has run out by the day asked, earliest first, with the account', async () => {
    const t = await seeded();
    await ok(
      t.send('upsertPerson', {
        id: t.anna.id,
        accountId: t.nw.account.id,
        role: 'champion',
        base: { role: t.anna.role },
      }),
    );
    await ok(
      t.send('upsertPerson', {
        id: t.tom.id,
        accountId: t.nw.account.id,
        role: 'decision_maker',
        base: { role: t.tom.role },
      }),
    );
    // Both seen today: nothing is due today, Anna (champion, 14 days) is due in two weeks.
    await ok(
      t.send(
        'resolveContext',
        thread(['anna@northwind.co.uk', 'tom@northwind.co.uk']),
        'sidebar-frame',
      ),
    );
    const day = (n: number) => new Date(t.ctx.now() + n * DAY).toISOString().slice(0, 10);
    expect(await ok(t.send('listKeyPlayersDue', { until: day(0) }))).toEqual({
      items: [],
      total: 0,
    });
    const soon = await ok(t.send('listKeyPlayersDue', { until: day(40) }));
    expect(soon.total).toBe(2);
    expect(soon.items.map((d) => [d.name, d.accountName, d.cadence, d.dueDay])).toEqual([
      ['Anna Keller', 'Northwind', 14, day(14)],
      ['Tom Reyes', 'Northwind', 30, day(30)],
    ]);
    t.advance(20 * DAY);
    const now = await ok(t.send('listKeyPlayersDue', { until: day(0), limit: 5 }));
    expect(now.items.map((d) => d.name)).toEqual(['Anna Keller']);
    // The first `limit` only, with how many are due in all.
    const first = await ok(t.send('listKeyPlayersDue', { until: day(40), limit: 1 }));
    expect(first).toMatchObject({ items: [{ name: 'Anna Keller' }], total: 2 });
  });
});

describe('the backup keeps the buying group', () => {
  it('round-trips a sponsor and a sighting through export and import, and an older Rapport is told', async () => {
    const t = await seeded();
    await ok(
      t.send('upsertPerson', {
        id: t.tom.id,
        accountId: t.nw.account.id,
        role: 'executive_sponsor',
        base: { role: t.tom.role },
      }),
    );
    await ok(t.send('resolveContext', thread(['anna@northwind.co.uk']), 'sidebar-frame'));
    const backup = await ok(t.send('exportData', {}));
    expect(backup.schemaVersion).toBe(SCHEMA_VERSION);
    const other = await freshContext();
    await ok(other.send('importData', { backup, mode: 'replace' }));
    const again = await ok(other.send('exportData', {}));
    const { exportedAt: _a, ...first } = backup;
    const { exportedAt: _b, ...second } = again;
    expect(second).toEqual(first);
    const people = await other.db.getAll('people');
    expect(people.find((p) => p.id === t.anna.id)?.lastSeenAt).toBe(t.ctx.now());
    expect(people.find((p) => p.id === t.tom.id)?.role).toBe('executive_sponsor');
    // A backup from version 4 (no sightings, no sponsor) still imports.
    const old = {
      ...backup,
      schemaVersion: 4,
      people: backup.people.map(({ lastSeenAt: _, ...p }) => ({ ...p, role: 'champion' as const })),
    };
    await ok(other.send('importData', { backup: old, mode: 'replace' }));
    expect((await other.db.getAll('people')).every((p) => p.lastSeenAt === undefined)).toBe(true);
  });

  it('refuses a sighting that is not a time, with nothing changed', async () => {
    const t = await seeded();
    const backup = await ok(t.send('exportData', {}));
    const bad = { ...backup, people: backup.people.map((p) => ({ ...p, lastSeenAt: -1 })) };
    const r = await t.send('importData', { backup: bad, mode: 'replace' });
    expect(r.ok).toBe(false);
    expect((await t.db.getAll('people')).every((p) => p.lastSeenAt === undefined)).toBe(true);
  });
});
