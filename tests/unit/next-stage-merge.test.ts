// No silent lost update on the next action and the stage: setNextAction and setStage say what
// they read, and a change made since is answered with both values, never overwritten; the
// follow-up's Done / Replace refuse a next action changed since, and the user's answer settles it.
import { describe, expect, it } from 'vitest';
import type { NextChoice } from '@/utils/contract/messages';
import { settleNextChoice } from '@/utils/shared/follow-up';
import { freshContext, ok, snapshot } from './helpers';

const READ = { text: 'Send the Q1 volume proposal', due: '2026-12-04' };
const SNOOZED = { ...READ, due: '2026-12-11' };
const OTHER = { text: 'Call Anna about pallets', due: '2026-12-07' };

async function seeded() {
  const t = await freshContext();
  const v = await ok(
    t.send('createAccount', { name: 'Northwind', domains: [], stage: 'cooperative' }),
  );
  const accountId = v.account.id;
  await ok(t.send('setNextAction', { accountId, nextAction: READ, base: null }));
  const account = async () => (await ok(t.send('getAccount', { id: accountId }))).account;
  return { ...t, accountId, account };
}

describe('setNextAction with the value read', () => {
  it('applies over the value read, and moves the revision', async () => {
    const { send, accountId, account } = await seeded();
    const before = (await account()).revision;
    await ok(send('setNextAction', { accountId, nextAction: SNOOZED, base: READ }));
    expect((await account()).nextAction).toEqual(SNOOZED);
    expect((await account()).revision).toBeGreaterThan(before);
  });

  it('changed since (snoozed in another tab): a conflict with both values, nothing written', async () => {
    const { send, db, accountId, account } = await seeded();
    await ok(send('setNextAction', { accountId, nextAction: SNOOZED, base: READ }));
    const before = await snapshot(db);
    const r = await send('setNextAction', { accountId, nextAction: OTHER, base: READ });
    expect(r).toMatchObject({
      ok: false,
      code: 'conflict',
      conflicts: [{ field: 'nextAction', mine: OTHER, theirs: SNOOZED }],
    });
    expect(await snapshot(db)).toBe(before);
    expect((await account()).nextAction).toEqual(SNOOZED);
  });

  it('a clear of a next action replaced since is refused too', async () => {
    const { send, accountId, account } = await seeded();
    await ok(send('setNextAction', { accountId, nextAction: OTHER, base: READ }));
    const r = await send('setNextAction', { accountId, nextAction: null, base: READ });
    expect(r).toMatchObject({ code: 'conflict', conflicts: [{ mine: null, theirs: OTHER }] });
    expect((await account()).nextAction).toEqual(OTHER);
  });

  it('Keep mine: sent again over their value, it applies', async () => {
    const { send, accountId, account } = await seeded();
    await ok(send('setNextAction', { accountId, nextAction: SNOOZED, base: READ }));
    await ok(send('setNextAction', { accountId, nextAction: OTHER, base: SNOOZED }));
    expect((await account()).nextAction).toEqual(OTHER);
  });

  it('the same change made twice is no conflict and no second write', async () => {
    const { send, accountId, account } = await seeded();
    await ok(send('setNextAction', { accountId, nextAction: SNOOZED, base: READ }));
    const revision = (await account()).revision;
    const r = await ok(send('setNextAction', { accountId, nextAction: SNOOZED, base: READ }));
    expect(r.nextAction).toEqual(SNOOZED);
    expect((await account()).revision).toBe(revision);
  });

  it('a request without the value read is refused', async () => {
    const { send, db, accountId } = await seeded();
    const before = await snapshot(db);
    const r = await send('setNextAction', { accountId, nextAction: OTHER } as never);
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(await snapshot(db)).toBe(before);
  });

  it('a different field changed meanwhile merges: the name stays, the next action moves', async () => {
    const { send, accountId, account } = await seeded();
    await ok(
      send('updateAccount', {
        id: accountId,
        patch: { name: 'Northwind Logistics' },
        base: { name: 'Northwind' },
      }),
    );
    await ok(send('setNextAction', { accountId, nextAction: SNOOZED, base: READ }));
    expect(await account()).toMatchObject({ name: 'Northwind Logistics', nextAction: SNOOZED });
  });
});

describe('setStage with the stage read', () => {
  it('moved since in another tab: a conflict with both stages, no history written', async () => {
    const { send, db, accountId, account } = await seeded();
    await ok(
      send('setStage', { id: accountId, stage: 'strategic', reason: 'A', base: 'cooperative' }),
    );
    const before = await snapshot(db);
    const r = await send('setStage', {
      id: accountId,
      stage: 'tactical',
      reason: 'B',
      base: 'cooperative',
    });
    expect(r).toMatchObject({
      ok: false,
      code: 'conflict',
      conflicts: [{ field: 'stage', mine: 'tactical', theirs: 'strategic' }],
    });
    expect(await snapshot(db)).toBe(before);
    expect((await account()).stage).toBe('strategic');
  });

  it('Keep mine: based on their stage, the move applies and is kept in the history', async () => {
    const { send, accountId } = await seeded();
    await ok(
      send('setStage', { id: accountId, stage: 'strategic', reason: 'A', base: 'cooperative' }),
    );
    await ok(
      send('setStage', { id: accountId, stage: 'tactical', reason: 'B', base: 'strategic' }),
    );
    const view = await ok(send('getAccount', { id: accountId }));
    expect(view.account.stage).toBe('tactical');
    expect(view.stageChanges).toContainEqual(
      expect.objectContaining({ from: 'strategic', to: 'tactical', reason: 'B' }),
    );
  });
});

describe('logActivity: Done / Replace on a next action changed since', () => {
  const activity = (accountId: string) => ({
    accountId,
    personIds: [],
    kind: 'email' as const,
    at: Date.UTC(2026, 11, 4, 9),
    summary: 'Re: Q1 renewal',
  });

  it('snoozed since (same words, another day): Replace is a conflict with both values', async () => {
    const { send, db, accountId, account } = await seeded();
    await ok(send('setNextAction', { accountId, nextAction: SNOOZED, base: READ }));
    const before = await snapshot(db);
    const r = await send('logActivity', {
      activity: activity(accountId),
      next: { choice: 'replace', seen: READ, nextAction: OTHER },
    });
    expect(r).toMatchObject({
      ok: false,
      code: 'conflict',
      conflicts: [{ field: 'nextAction', mine: OTHER, theirs: SNOOZED }],
    });
    expect(await snapshot(db)).toBe(before);
    expect((await account()).nextAction).toEqual(SNOOZED);
  });

  it('Take theirs logs the follow-up and keeps their next action', async () => {
    const { send, accountId, account } = await seeded();
    await ok(send('setNextAction', { accountId, nextAction: SNOOZED, base: READ }));
    const mine: NextChoice = { choice: 'replace', seen: READ, nextAction: OTHER };
    const r = await ok(
      send('logActivity', {
        activity: activity(accountId),
        next: settleNextChoice(mine, SNOOZED, 'theirs'),
      }),
    );
    expect(r.activity.summary).toBe('Re: Q1 renewal');
    expect((await account()).nextAction).toEqual(SNOOZED);
  });

  it('Keep mine on Done: their next action is the one finished', async () => {
    const { send, accountId, account } = await seeded();
    await ok(send('setNextAction', { accountId, nextAction: SNOOZED, base: READ }));
    const mine: NextChoice = { choice: 'done', seen: READ, then: OTHER };
    const r = await ok(
      send('logActivity', {
        activity: activity(accountId),
        next: settleNextChoice(mine, SNOOZED, 'mine'),
      }),
    );
    expect(r.activity.completed).toBe(SNOOZED.text);
    expect((await account()).nextAction).toEqual(OTHER);
  });
});

describe('settleNextChoice', () => {
  it('Done on a next action someone else finished: Keep mine sets the one after, or nothing', () => {
    expect(settleNextChoice({ choice: 'done', seen: READ, then: OTHER }, null, 'mine')).toEqual({
      choice: 'replace',
      seen: null,
      nextAction: OTHER,
    });
    expect(settleNextChoice({ choice: 'done', seen: READ }, null, 'mine')).toEqual({
      choice: 'keep',
    });
  });
});
