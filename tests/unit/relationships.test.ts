/**
 * The relationship map: the rule for which lines may be drawn (a table of cases), the lines an
 * account draws, and the background's addLine/removeLine with deletion and Undo of a person.
 */
import { describe, expect, it } from 'vitest';
import { freshContext, ok, snapshot } from './helpers';
import type { Person } from '@/utils/contract/model';
import type { LineKind } from '@/utils/contract/enums';
import { MAX_LINES } from '@/utils/contract/limits';
import { accountLines, lineProblem, type LineProblem } from '@/utils/shared/relationships';

function person(id: string, accountId: string, lines: Person['lines'] = undefined): Person {
  return {
    id,
    accountId,
    name: id,
    emails: [],
    title: '',
    role: 'unknown',
    influence: 3,
    attitude: 'neutral',
    notes: '',
    lastContactAt: null,
    ...(lines ? { lines } : {}),
  };
}

const many = Array.from({ length: MAX_LINES }, (_, i) => ({
  to: `x${i}`,
  kind: 'informal' as const,
  note: '',
}));
const PEOPLE = [
  person('anna', 'nw', [{ to: 'tom', kind: 'influences', note: '' }]),
  person('tom', 'nw', [{ to: 'lena', kind: 'conflicts_with', note: 'budget' }]),
  person('lena', 'nw'),
  person('full', 'nw', many),
  person('hank', 'globex'),
];

const CASES: [string, string, string, LineKind, LineProblem | null][] = [
  ['a new line', 'tom', 'anna', 'reports_to', null],
  ['another kind between the same two', 'anna', 'tom', 'reports_to', null],
  ['the reverse of a one-way line', 'tom', 'anna', 'influences', null],
  ['to oneself', 'anna', 'anna', 'informal', 'self'],
  ['to a person of another account', 'anna', 'hank', 'influences', 'otherAccount'],
  ['from a person of another account', 'hank', 'lena', 'reports_to', 'otherAccount'],
  ['to a person who is gone', 'anna', 'ghost', 'influences', 'missing'],
  ['from a person who is gone', 'ghost', 'anna', 'influences', 'missing'],
  ['the same line again', 'anna', 'tom', 'influences', 'duplicate'],
  ['a two-way line drawn the other way', 'lena', 'tom', 'conflicts_with', 'duplicate'],
  ['a two-way line of another kind', 'lena', 'tom', 'informal', null],
  ['past the most lines one person may start', 'full', 'anna', 'reports_to', 'tooMany'],
];

describe('lineProblem', () => {
  it.each(CASES)('%s', (_label, from, to, kind, problem) =>
    expect(lineProblem(PEOPLE, from, to, kind)).toBe(problem),
  );
});

describe('accountLines', () => {
  it('draws only lines with both ends in the account, and hides a line to a gone person', () => {
    const people = [
      person('anna', 'nw', [
        { to: 'tom', kind: 'influences', note: '' },
        { to: 'gone', kind: 'informal', note: '' },
        { to: 'hank', kind: 'reports_to', note: '' },
      ]),
      person('tom', 'nw'),
      person('hank', 'globex'),
    ];
    expect(accountLines(people, 'nw').map((l) => [l.from.id, l.kind, l.to.id])).toEqual([
      ['anna', 'influences', 'tom'],
    ]);
    expect(accountLines(people, 'globex')).toEqual([]);
  });
});

describe('addLine and removeLine', () => {
  async function seeded() {
    const t = await freshContext();
    const nw = await ok(
      t.send('createAccount', {
        name: 'Northwind',
        domains: ['northwind.co.uk'],
        people: [
          { name: 'Anna', email: 'anna@northwind.co.uk' },
          { name: 'Tom', email: 'tom@northwind.co.uk' },
        ],
      }),
    );
    const gx = await ok(
      t.send('createAccount', {
        name: 'Globex',
        domains: ['globex.com'],
        people: [{ name: 'Hank', email: 'hank@globex.com' }],
      }),
    );
    const [anna, tom] = ['Anna', 'Tom'].map((n) => nw.people.find((p) => p.name === n)!);
    return { t, nw, anna: anna!, tom: tom!, hank: gx.people[0]! };
  }

  it('draws a line with its note, shown in the account view', async () => {
    const { t, nw, anna, tom } = await seeded();
    const from = await ok(
      t.send('addLine', { fromId: anna.id, toId: tom.id, kind: 'influences', note: ' golf ' }),
    );
    expect(from.lines).toEqual([{ to: tom.id, kind: 'influences', note: 'golf' }]);
    const view = await ok(t.send('getAccount', { id: nw.account.id }));
    expect(accountLines(view.people, nw.account.id)).toHaveLength(1);
  });

  it.each([
    ['to oneself', 'self', 'invalid', /themselves/],
    ['across accounts', 'hank', 'invalid', /same account/],
    ['to a person who is gone', 'ghost', 'not_found', /no longer exists/],
    ['twice', 'tom', 'invalid', /already drawn/],
  ])('refuses a line %s, with a clear error, and changes nothing', async (_l, to, code, msg) => {
    const { t, anna, tom, hank } = await seeded();
    await ok(t.send('addLine', { fromId: anna.id, toId: tom.id, kind: 'influences', note: '' }));
    const before = await snapshot(t.db);
    const toId = { self: anna.id, hank: hank.id, ghost: 'ghost', tom: tom.id }[to]!;
    const r = await t.send('addLine', { fromId: anna.id, toId, kind: 'influences', note: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.error).toMatch(msg);
    }
    expect(await snapshot(t.db)).toBe(before);
  });

  it('refuses an unknown kind at the message boundary', async () => {
    const { t, anna, tom } = await seeded();
    const r = await t.send('addLine', {
      fromId: anna.id,
      toId: tom.id,
      kind: 'likes' as LineKind,
      note: '',
    });
    expect(r.ok).toBe(false);
  });

  it('removes a line', async () => {
    const { t, anna, tom } = await seeded();
    await ok(t.send('addLine', { fromId: anna.id, toId: tom.id, kind: 'informal', note: '' }));
    const from = await ok(
      t.send('removeLine', { fromId: anna.id, toId: tom.id, kind: 'informal' }),
    );
    expect(from.lines).toEqual([]);
  });

  it("a deleted person's lines go with it and come back with Undo", async () => {
    const { t, nw, anna, tom } = await seeded();
    await ok(t.send('addLine', { fromId: anna.id, toId: tom.id, kind: 'influences', note: '' }));
    await ok(t.send('addLine', { fromId: tom.id, toId: anna.id, kind: 'reports_to', note: '' }));
    const lines = async () =>
      accountLines((await ok(t.send('getAccount', { id: nw.account.id }))).people, nw.account.id);
    expect(await lines()).toHaveLength(2);
    const removed = await ok(t.send('deletePerson', { id: anna.id }));
    expect(await lines()).toHaveLength(0);
    await ok(t.send('restorePerson', { person: removed }));
    expect((await lines()).map((l) => `${l.from.name} ${l.kind} ${l.to.name}`).sort()).toEqual([
      'Anna influences Tom',
      'Tom reports_to Anna',
    ]);
  });

  it("keeps an account's lines through its trash: deleted with it, back with Undo", async () => {
    const { t, nw, anna, tom } = await seeded();
    await ok(
      t.send('addLine', { fromId: anna.id, toId: tom.id, kind: 'conflicts_with', note: 'x' }),
    );
    await ok(t.send('deleteAccount', { id: nw.account.id }));
    expect((await ok(t.send('exportData', {}))).people.some((p) => p.lines?.length)).toBe(false);
    const back = await ok(t.send('restoreAccount', { id: nw.account.id }));
    expect(
      accountLines(back.people, nw.account.id).map((l) => [l.from.id, l.kind, l.to.id, l.note]),
    ).toEqual([[anna.id, 'conflicts_with', tom.id, 'x']]);
  });

  it('keeps lines through a JSON backup and its import', async () => {
    const { t, anna, tom } = await seeded();
    await ok(t.send('addLine', { fromId: anna.id, toId: tom.id, kind: 'influences', note: 'n' }));
    const backup = await ok(t.send('exportData', {}));
    await ok(t.send('importData', { backup, mode: 'replace' }));
    const again = await ok(t.send('exportData', {}));
    expect(again.people.find((p) => p.id === anna.id)?.lines).toEqual([
      { to: tom.id, kind: 'influences', note: 'n' },
    ]);
  });
});
