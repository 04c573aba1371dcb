// logActivity takes an explicit choice for the open next action (Done, Keep, Replace) and
// completeNextAction logs the kind that was done: against the real handlers and a fake IndexedDB.
import { describe, expect, it } from 'vitest';
import { freshContext, ok, snapshot } from './helpers';

const DUE_TODAY = { text: 'Send the Q1 volume proposal', due: '2026-12-04' };

async function seeded() {
  const t = await freshContext({ ownDomains: ['brightwave.io'] });
  const nw = await ok(
    t.send('createAccount', {
      name: 'Northwind Logistics',
      domains: ['northwind.co.uk'],
      stage: 'cooperative',
      people: [{ name: 'Anna Keller', email: 'anna.keller@northwind.co.uk' }],
    }),
  );
  const accountId = nw.account.id;
  await ok(t.send('setNextAction', { accountId, nextAction: DUE_TODAY, base: null }));
  const activity = {
    accountId,
    personIds: [],
    kind: 'email' as const,
    at: Date.UTC(2026, 11, 4, 9),
    summary: 'Re: Q1 renewal',
  };
  const nextOf = async () => (await ok(t.send('getAccount', { id: accountId }))).account.nextAction;
  return { ...t, accountId, activity, nextOf };
}

describe('logActivity: what becomes of the open next action', () => {
  it('Keep logs the follow-up and never moves the next action', async () => {
    const { send, activity, nextOf } = await seeded();
    const r = await ok(send('logActivity', { activity, next: { choice: 'keep' } }));
    expect(r.activity).not.toHaveProperty('completed');
    expect(r.activity).not.toHaveProperty('completedDue');
    expect(await nextOf()).toEqual(DUE_TODAY);
  });

  it('an old-style request (a bare nextAction, no choice) is refused and changes nothing', async () => {
    const { send, db, activity, nextOf } = await seeded();
    const before = await snapshot(db);
    const r = await send('logActivity', {
      activity,
      nextAction: { text: 'Send the Q1 volume proposal', due: '2026-12-25' },
    } as never);
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(await snapshot(db)).toBe(before);
    expect(await nextOf()).toEqual(DUE_TODAY);
  });

  it.each([
    ['an unknown choice', { choice: 'later' }],
    ['Replace without a next action', { choice: 'replace', seen: DUE_TODAY }],
    ['Done without the action seen', { choice: 'done' }],
    [
      'Replace with a due day that is not a date',
      { choice: 'replace', seen: DUE_TODAY, nextAction: { text: 'X', due: '25.12.2026' } },
    ],
  ])('%s is refused', async (_, next) => {
    const { send, db, activity } = await seeded();
    const before = await snapshot(db);
    const r = await send('logActivity', { activity, next } as never);
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(await snapshot(db)).toBe(before);
  });

  it('Done logs the follow-up as having done it, and clears it', async () => {
    const { send, accountId, activity, nextOf } = await seeded();
    const r = await ok(
      send('logActivity', { activity, next: { choice: 'done', seen: DUE_TODAY } }),
    );
    expect(r.activity.completed).toBe(DUE_TODAY.text);
    // Its due day too, for the KPIs' "done on time".
    expect(r.activity.completedDue).toBe(DUE_TODAY.due);
    expect(await nextOf()).toBeNull();
    const view = await ok(send('getAccount', { id: accountId }));
    expect(view.activities[0]).toMatchObject({
      summary: 'Re: Q1 renewal',
      completed: DUE_TODAY.text,
    });
  });

  it('Done with a next one sets it', async () => {
    const { send, activity, nextOf } = await seeded();
    const then = { text: 'Book the Q1 review', due: '2026-12-11' };
    await ok(send('logActivity', { activity, next: { choice: 'done', seen: DUE_TODAY, then } }));
    expect(await nextOf()).toEqual(then);
  });

  it('Replace puts the new action in its place', async () => {
    const { send, activity, nextOf } = await seeded();
    const nextAction = { text: 'Call Anna about pallets', due: '2026-12-07' };
    const r = await ok(
      send('logActivity', {
        activity,
        next: { choice: 'replace', seen: DUE_TODAY, nextAction },
      }),
    );
    expect(r.activity).not.toHaveProperty('completed');
    expect(await nextOf()).toEqual(nextAction);
  });

  it('Done and Replace refuse when the next action changed since the form showed it', async () => {
    const { send, db, accountId, activity, nextOf } = await seeded();
    const moved = { text: 'Something else now', due: '2026-12-09' };
    await ok(send('setNextAction', { accountId, nextAction: moved, base: DUE_TODAY }));
    const before = await snapshot(db);
    for (const next of [
      { choice: 'done' as const, seen: DUE_TODAY },
      {
        choice: 'replace' as const,
        seen: DUE_TODAY,
        nextAction: { text: 'New', due: '2026-12-10' },
      },
      { choice: 'replace' as const, seen: null, nextAction: { text: 'New', due: '2026-12-10' } },
    ]) {
      const r = await send('logActivity', { activity, next });
      expect(r).toMatchObject({ ok: false, code: 'conflict' });
    }
    expect(await snapshot(db)).toBe(before);
    expect(await nextOf()).toEqual(moved);
  });
});

describe('completeNextAction logs the kind that was done', () => {
  it.each([
    ['the kind chosen', 'Send the Q1 volume proposal', 'meeting', 'meeting'],
    ['read from the words: send', 'Send the Q1 volume proposal', undefined, 'email'],
    ['read from the words: call', 'Call Anna about volumes', undefined, 'call'],
    ['read from the words, in Russian', 'Позвонить Анне', undefined, 'call'],
    ['a note when the words say nothing', 'Think about pricing', undefined, 'note'],
  ] as const)('%s', async (_, text, kind, expected) => {
    const { send, accountId, nextOf } = await seeded();
    await ok(
      send('setNextAction', {
        accountId,
        nextAction: { text, due: '2026-12-04' },
        base: DUE_TODAY,
      }),
    );
    const r = await ok(send('completeNextAction', { accountId, at: 5, ...(kind ? { kind } : {}) }));
    expect(r.activity).toMatchObject({ kind: expected, summary: text });
    expect(await nextOf()).toBeNull();
  });
});

describe('the next action a follow-up set is recorded on it (the meeting brief reads it)', () => {
  const LATER = { text: 'Book the QBR', due: '2026-12-18' };

  it.each([
    ['Keep sets none', { choice: 'keep' }, undefined],
    [
      'Replace records the new one',
      { choice: 'replace', seen: DUE_TODAY, nextAction: LATER },
      LATER,
    ],
    [
      'Done with one after it records that one',
      { choice: 'done', seen: DUE_TODAY, then: LATER },
      LATER,
    ],
    ['Done with none after it records none', { choice: 'done', seen: DUE_TODAY }, undefined],
  ])('%s', async (_name, next, expected) => {
    const { send, activity } = await seeded();
    const r = await ok(
      send('logActivity', { activity: { ...activity, kind: 'meeting' }, next } as never),
    );
    expect(r.activity.nextSet).toEqual(expected);
    const stored = await ok(send('getAccount', { id: activity.accountId }));
    expect(stored.activities.find((a) => a.id === r.activity.id)?.nextSet).toEqual(expected);
  });

  it('Mark done with a next one records it; without, none', async () => {
    const { send, accountId } = await seeded();
    const at = Date.UTC(2026, 11, 4, 10);
    const r1 = await ok(send('completeNextAction', { accountId, at, next: LATER }));
    expect(r1.activity.nextSet).toEqual(LATER);
    const r2 = await ok(send('completeNextAction', { accountId, at: at + 1 }));
    expect(r2.activity).not.toHaveProperty('nextSet');
  });
});
