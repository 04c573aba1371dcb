/**
 * The account plan's objectives (entrypoints/background/handlers/objectives.ts): the limit of
 * MAX_OBJECTIVES not dropped, the field merge of an edit, the status and its time, delete with
 * undo (links cleared and put back), links from next actions and decisions, and hostile input.
 */
import { describe, expect, it } from 'vitest';
import { MAX_OBJECTIVES } from '@/utils/contract/limits';
import type { RequestOf } from '@/utils/contract/messages';
import { freshContext, ok, snapshot } from './helpers';

async function seeded() {
  const t = await freshContext();
  const nw = await ok(t.send('createAccount', { name: 'Northwind', domains: ['northwind.co.uk'] }));
  const other = await ok(t.send('createAccount', { name: 'Initech', domains: ['initech.com'] }));
  const add = (patch: Partial<RequestOf<'createObjective'>> = {}) =>
    ok(
      t.send('createObjective', {
        accountId: nw.account.id,
        outcome: 'Transit times down 15%',
        measure: 'Median door-to-door days',
        target: '3.4',
        due: '2027-06-30',
        ...patch,
      }),
    );
  return { ...t, nw, other, add };
}

describe('objectives', () => {
  it('creates an objective on track, stamped now, and the account view lists it', async () => {
    const { send, nw, add, ctx } = await seeded();
    const o = await add();
    expect(o).toMatchObject({ accountId: nw.account.id, status: 'on_track', due: '2027-06-30' });
    expect(o.statusAt).toBe(ctx.now());
    expect(o.createdAt).toBe(ctx.now());
    expect((await ok(send('getAccount', { id: nw.account.id }))).objectives).toEqual([o]);
  });

  it(`refuses a ${MAX_OBJECTIVES + 1}th objective not dropped, and changes nothing`, async () => {
    const { send, nw, add, db } = await seeded();
    const made = [];
    for (let i = 0; i < MAX_OBJECTIVES; i++) made.push(await add({ outcome: `Outcome ${i}` }));
    const before = await snapshot(db);
    const r = await send('createObjective', {
      accountId: nw.account.id,
      outcome: 'One too many',
      measure: '',
      target: '',
      due: null,
    });
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(!r.ok && r.error).toMatch(/at most 5 objectives/);
    expect(await snapshot(db)).toBe(before);
    // A dropped one does not count: one more fits, and a new dropped one always does.
    await ok(send('setObjectiveStatus', { id: made[0]!.id, status: 'dropped', base: 'on_track' }));
    await add({ outcome: 'Now it fits' });
    await add({ outcome: 'Recorded as dropped', status: 'dropped' });
    // Back from dropped would make six: refused.
    const back = await send('setObjectiveStatus', {
      id: made[0]!.id,
      status: 'on_track',
      base: 'dropped',
    });
    expect(back).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('merges edits of different fields and refuses one changed since it was read', async () => {
    const { send, add } = await seeded();
    const o = await add();
    const a = await ok(
      send('updateObjective', { id: o.id, patch: { target: '3.2' }, base: { target: '3.4' } }),
    );
    expect(a.target).toBe('3.2');
    // Another tab, read before the target changed, edits the measure: merged.
    const b = await ok(
      send('updateObjective', {
        id: o.id,
        patch: { measure: 'Median days, EU lanes' },
        base: { measure: o.measure },
      }),
    );
    expect(b).toMatchObject({ target: '3.2', measure: 'Median days, EU lanes' });
    // The same tab changes the target from the value it read: a conflict naming both values.
    const c = await send('updateObjective', {
      id: o.id,
      patch: { target: '3.0' },
      base: { target: '3.4' },
    });
    expect(c).toMatchObject({
      ok: false,
      code: 'conflict',
      conflicts: [{ field: 'target', mine: '3.0', theirs: '3.2' }],
    });
    // An edit cannot carry a status (setObjectiveStatus owns it) nor change the account.
    const sneaky = await send('updateObjective', {
      id: o.id,
      patch: { status: 'done', accountId: 'elsewhere' } as never,
      base: {},
    });
    expect(sneaky.ok).toBe(true);
    const now = (await ok(send('getAccount', { id: o.accountId }))).objectives[0]!;
    expect(now).toMatchObject({ status: 'on_track', accountId: o.accountId });
  });

  it('sets the status with its time; the same status again changes nothing', async () => {
    const { send, add, advance, ctx } = await seeded();
    const o = await add();
    advance(60_000);
    const risky = await ok(
      send('setObjectiveStatus', { id: o.id, status: 'at_risk', base: 'on_track' }),
    );
    expect(risky).toMatchObject({ status: 'at_risk', statusAt: ctx.now() });
    advance(60_000);
    const again = await ok(
      send('setObjectiveStatus', { id: o.id, status: 'at_risk', base: 'on_track' }),
    );
    expect(again.statusAt).toBe(risky.statusAt);
    const stale = await send('setObjectiveStatus', { id: o.id, status: 'done', base: 'on_track' });
    expect(stale).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('deletes an objective, unlinking its next action and decisions, and undo links them again', async () => {
    const { send, nw, add } = await seeded();
    const o = await add();
    const keep = await add({ outcome: 'Another' });
    const next = { text: 'Review lanes with Anna', due: '2026-12-10', objectiveId: o.id };
    await ok(send('setNextAction', { accountId: nw.account.id, nextAction: next, base: null }));
    const d1 = await ok(
      send('addDecision', {
        accountId: nw.account.id,
        date: '2026-11-01',
        what: 'Chose road',
        objectiveId: o.id,
      }),
    );
    const d2 = await ok(
      send('addDecision', {
        accountId: nw.account.id,
        date: '2026-11-02',
        what: 'Other',
        objectiveId: keep.id,
      }),
    );
    const removed = await ok(send('deleteObjective', { id: o.id }));
    expect(removed.unlinked).toEqual({ nextAction: next, decisionIds: [d1.id] });
    let view = await ok(send('getAccount', { id: nw.account.id }));
    expect(view.objectives.map((x) => x.id)).toEqual([keep.id]);
    expect(view.account.nextAction).toEqual({ text: next.text, due: next.due });
    expect(view.decisions.find((d) => d.id === d1.id)?.objectiveId).toBeUndefined();
    expect(view.decisions.find((d) => d.id === d2.id)?.objectiveId).toBe(keep.id);

    await ok(send('restoreObjective', removed));
    view = await ok(send('getAccount', { id: nw.account.id }));
    expect(view.objectives.map((x) => x.id).sort()).toEqual([o.id, keep.id].sort());
    expect(view.account.nextAction).toEqual(next);
    expect(view.decisions.find((d) => d.id === d1.id)?.objectiveId).toBe(o.id);
    // Restored twice: refused, nothing doubled.
    expect(await send('restoreObjective', removed)).toMatchObject({ ok: false });
  });

  it('undo leaves a next action changed meanwhile as it is', async () => {
    const { send, nw, add } = await seeded();
    const o = await add();
    const next = { text: 'Review lanes', due: '2026-12-10', objectiveId: o.id };
    await ok(send('setNextAction', { accountId: nw.account.id, nextAction: next, base: null }));
    const removed = await ok(send('deleteObjective', { id: o.id }));
    const other = { text: 'Something else', due: '2026-12-11' };
    await ok(
      send('setNextAction', {
        accountId: nw.account.id,
        nextAction: other,
        base: { text: next.text, due: next.due },
      }),
    );
    await ok(send('restoreObjective', removed));
    expect((await ok(send('getAccount', { id: nw.account.id }))).account.nextAction).toEqual(other);
  });

  it('refuses a link to an objective of another account, or to none, and changes nothing', async () => {
    const { send, nw, other, db } = await seeded();
    const theirs = await ok(
      send('createObjective', {
        accountId: other.account.id,
        outcome: 'Theirs',
        measure: '',
        target: '',
        due: null,
      }),
    );
    const before = await snapshot(db);
    for (const objectiveId of [theirs.id, 'no-such-objective']) {
      const a = await send('setNextAction', {
        accountId: nw.account.id,
        nextAction: { text: 'Call', due: '2026-12-01', objectiveId },
        base: null,
      });
      expect(a).toMatchObject({ ok: false, code: 'invalid' });
      expect(!a.ok && a.error).toMatch(/not one of this account’s objectives/);
      const b = await send('addDecision', {
        accountId: nw.account.id,
        date: '2026-11-01',
        what: 'Chose us',
        objectiveId,
      });
      expect(b).toMatchObject({ ok: false, code: 'invalid' });
      const c = await send('logActivity', {
        activity: { accountId: nw.account.id, personIds: [], kind: 'call', at: 1, summary: 'x' },
        next: {
          choice: 'replace',
          seen: null,
          nextAction: { text: 'Call', due: '2026-12-01', objectiveId },
        },
      });
      expect(c).toMatchObject({ ok: false, code: 'invalid' });
    }
    expect(await snapshot(db)).toBe(before);
  });

  it('puts a decision back without a link to an objective that is gone', async () => {
    const { send, nw, add } = await seeded();
    const o = await add();
    const d = await ok(
      send('addDecision', {
        accountId: nw.account.id,
        date: '2026-11-01',
        what: 'W',
        objectiveId: o.id,
      }),
    );
    await ok(send('deleteDecision', { id: d.id }));
    await ok(send('deleteObjective', { id: o.id }));
    const back = await ok(send('restoreDecision', { decision: d }));
    expect(back.objectiveId).toBeUndefined();
  });

  it('refuses hostile input: oversized text, an empty outcome, a bad date, a foreign restore', async () => {
    const { send, nw, other, add, db } = await seeded();
    const o = await add();
    const before = await snapshot(db);
    const base = { accountId: nw.account.id, measure: '', target: '', due: null };
    for (const bad of [
      { ...base, outcome: 'x'.repeat(201) },
      { ...base, outcome: '   ' },
      { ...base, outcome: 'ok', measure: 'm'.repeat(201) },
      { ...base, outcome: 'ok', due: '2027-02-30' },
      { ...base, outcome: 'ok', status: 'won' },
      { ...base, accountId: '../x', outcome: 'ok' },
    ]) {
      expect(await send('createObjective', bad as never)).toMatchObject({ ok: false });
    }
    expect(
      await send('updateObjective', {
        id: o.id,
        patch: { outcome: 'y'.repeat(201) },
        base: { outcome: o.outcome },
      }),
    ).toMatchObject({ ok: false, code: 'invalid' });
    // A patch without the base it was read at is refused before it is merged.
    expect(
      await send('updateObjective', { id: o.id, patch: { target: '1' }, base: {} }),
    ).toMatchObject({ ok: false, code: 'invalid' });
    // An objective restored into an account that does not exist, or of a missing id.
    expect(
      await send('restoreObjective', {
        objective: { ...o, id: 'obj-x', accountId: 'no-account' },
        unlinked: { nextAction: null, decisionIds: [] },
      }),
    ).toMatchObject({ ok: false, code: 'not_found' });
    expect(await send('deleteObjective', { id: 'missing' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await snapshot(db)).toBe(before);
    // Restoring links with another account's decision ids: the objective comes back, their
    // decisions are left alone.
    const d = await ok(
      send('addDecision', { accountId: other.account.id, date: '2026-11-01', what: 'X' }),
    );
    const removed = await ok(send('deleteObjective', { id: o.id }));
    await ok(
      send('restoreObjective', { ...removed, unlinked: { nextAction: null, decisionIds: [d.id] } }),
    );
    const theirs = await ok(send('getAccount', { id: other.account.id }));
    expect(theirs.decisions[0]?.objectiveId).toBeUndefined();
  });

  it('keeps bidi control characters as typed (the views isolate them; nothing else rejects them)', async () => {
    const { add } = await seeded();
    const o = await add({ outcome: 'Cut \u202Ecosts\u202C by 10%' });
    expect(o.outcome).toBe('Cut \u202Ecosts\u202C by 10%');
  });

  it('refuses objective writes from a content script', async () => {
    const { send, nw } = await seeded();
    const r = await send(
      'createObjective',
      { accountId: nw.account.id, outcome: 'x', measure: '', target: '', due: null },
      'content-script',
    );
    expect(r).toMatchObject({ ok: false });
  });

  it('filters the accounts table by objectives at risk', async () => {
    const { send, nw, other, add } = await seeded();
    const o = await add();
    const query = {
      sort: 'name' as const,
      dir: 'asc' as const,
      due: 'all' as const,
      text: '',
      offset: 0,
      limit: 50,
      objectives: 'at_risk' as const,
    };
    expect((await ok(send('listAccountsPage', query))).total).toBe(0);
    await ok(send('setObjectiveStatus', { id: o.id, status: 'at_risk', base: 'on_track' }));
    const page = await ok(send('listAccountsPage', query));
    expect(page.rows.map((r) => r.id)).toEqual([nw.account.id]);
    expect(page.all).toBe(2);
    expect((await ok(send('listAccountsPage', { ...query, objectives: undefined }))).total).toBe(2);
    void other;
  });
});
