// @vitest-environment node
/**
 * A backup of a shared account restored into a browser with no sync record for it (after an
 * erase, or in a new browser): the account is offered, not joined. Nothing of it reaches the
 * server until the person rejoins; then the team's copy and the restored one merge, nothing lost.
 */
import { describe, expect, it } from 'vitest';
import { readSnapshot, writeSnapshot } from '@/entrypoints/background/sync/account-store';
import { bareSnapshot, namedPerson, peopleNames } from './sync-fixtures';
import { shareWithTeammate, until, useSyncServer, userEdits } from './sync-server';

const { browser, url } = useSyncServer();

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** alice shares an account with bob; bob's browser has it; bob's backup file is taken then. */
async function sharedThenBackedUp(id: string, who: string) {
  const alice = await browser(`alice-${who}@firm.com`);
  const bob = await browser(`bob-${who}@firm.com`);
  const start = bareSnapshot(id);
  start.people.push(namedPerson(id, 'p-ann', 'Ann Shared'));
  await shareWithTeammate(alice, bob, `bob-${who}@firm.com`, start);
  await until('bob has Ann', async () => peopleNames(await readSnapshot(bob.db, id)).length > 0);
  const backup = (await readSnapshot(bob.db, id))!;
  bob.engine.stop();
  // A new browser: the backup restored into an empty store, no sync record at all.
  // Restored before the engine connects: its first look at the server (on connecting) sees it.
  const restored = await browser(`bob-${who}@firm.com`, {
    before: (db) => writeSnapshot(db, backup, 1),
  });
  return { alice, bob: restored };
}

describe('a restored shared account is offered to rejoin, never joined on its own', () => {
  it('offers it, sends nothing until Rejoin, then both sides converge', async () => {
    const id = 'acme-offer-1';
    const { alice, bob } = await sharedThenBackedUp(id, 'one');
    try {
      // The team goes on: alice adds someone the backup has not.
      await userEdits(alice, id, (s) => {
        s.people.push(namedPerson(id, 'p-tom', 'Tom Team'));
        s.account.potential = 'low';
      });
      // bob, restored, adds someone of his own before deciding.
      await userEdits(bob, id, (s) => s.people.push(namedPerson(id, 'p-liz', 'Liz Local')));

      await bob.engine.discover();
      const offered = await bob.engine.accountState(id);
      expect(offered?.offer).toEqual({
        server: url(),
        owner: 'alice-one@firm.com',
        dismissed: false,
      });
      expect(bob.engine.status().shared).toBe(0);
      expect(bob.notified.flat()).toContain(id);
      // Asked again (every 30 s in the worker): still an offer, still nothing sent.
      await bob.engine.discover();
      await userEdits(bob, id, (s) => (s.account.potential = 'high'));
      await pause(1500);
      const aliceSide = await readSnapshot(alice.db, id);
      expect(peopleNames(aliceSide)).toEqual(['Ann Shared', 'Tom Team']);
      expect(aliceSide?.account.potential).toBe('low');
      // Nor did the team's copy reach bob's store.
      expect(peopleNames(await readSnapshot(bob.db, id))).toEqual(['Ann Shared', 'Liz Local']);

      await bob.engine.rejoinOffer(id);
      await until(
        'both sides merged',
        async () => {
          const [a, b] = [await readSnapshot(alice.db, id), await readSnapshot(bob.db, id)];
          return (
            peopleNames(a).length === 3 &&
            peopleNames(b).length === 3 &&
            b?.account.potential === 'low'
          );
        },
        10_000,
      );
      for (const side of [alice, bob]) {
        const s = (await readSnapshot(side.db, id))!;
        expect(peopleNames(s)).toEqual(['Ann Shared', 'Liz Local', 'Tom Team']);
        // Where the copies differ, the team's is kept (the store was most often an old backup).
        expect(s.account.potential).toBe('low');
      }
      const state = await bob.engine.accountState(id);
      expect(state?.offer).toBeUndefined();
      expect(state?.revoked).toBe(false);
      // Shared again for real: a later edit on either side reaches the other.
      await userEdits(alice, id, (s) => (s.account.name = 'Acme after rejoin'));
      await until(
        'bob has the later edit',
        async () => (await readSnapshot(bob.db, id))?.account.name === 'Acme after rejoin',
      );
    } finally {
      alice.engine.stop();
      bob.engine.stop();
    }
  }, 40_000);

  it('"Not now" keeps it unjoined; taken off the list, the offer goes', async () => {
    const id = 'acme-offer-2';
    const { alice, bob } = await sharedThenBackedUp(id, 'two');
    try {
      await bob.engine.discover();
      expect(await bob.engine.dismissOffer(id)).toBe(true);
      await bob.engine.discover();
      expect((await bob.engine.accountState(id))?.offer?.dismissed).toBe(true);
      await userEdits(bob, id, (s) => s.people.push(namedPerson(id, 'p-liz', 'Liz Local')));
      await pause(1000);
      expect(peopleNames(await readSnapshot(alice.db, id))).toEqual(['Ann Shared']);

      await alice.engine.removeMember(id, 'bob-two@firm.com');
      await bob.engine.discover();
      expect(await bob.engine.accountState(id)).toBeNull();
      await expect(bob.engine.rejoinOffer(id)).rejects.toMatchObject({ key: 'syncErrNoOffer' });
      expect(peopleNames(await readSnapshot(bob.db, id))).toEqual(['Ann Shared', 'Liz Local']);
    } finally {
      alice.engine.stop();
      bob.engine.stop();
    }
  }, 40_000);
});
