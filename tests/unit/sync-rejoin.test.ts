// @vitest-environment node
/**
 * A teammate taken off a shared account and given access again: their browser rejoins the
 * account's document. Their copy, marked "no longer shared", becomes shared again, and what each
 * side changed meanwhile merges into one account: nothing lost, nothing twice.
 */
import { describe, expect, it } from 'vitest';
import { readSnapshot } from '@/entrypoints/background/sync/account-store';
import { bareSnapshot, namedPerson, peopleNames } from './sync-fixtures';
import { shareWithTeammate, until, useSyncServer, userEdits } from './sync-server';

const { browser } = useSyncServer();

async function sharedWithBob(id: string, who: string) {
  const alice = await browser(`alice-${who}@firm.com`);
  const bob = await browser(`bob-${who}@firm.com`);
  await shareWithTeammate(alice, bob, `bob-${who}@firm.com`, bareSnapshot(id));
  await userEdits(bob, id, (s) => s.people.push(namedPerson(id, 'p-ann', 'Ann Before')));
  await until(
    'alice has Ann',
    async () => peopleNames(await readSnapshot(alice.db, id)).length === 1,
  );
  return { alice, bob, bobEmail: `bob-${who}@firm.com` };
}

describe('a teammate given access again rejoins the shared account', () => {
  it('after being taken off the list (and a worker restart), merging both sides’ changes', async () => {
    const id = 'acme-rejoin-1';
    const { alice, bob, bobEmail } = await sharedWithBob(id, 'one');
    try {
      await alice.engine.removeMember(id, bobEmail);
      await until('bob is marked no longer shared', async () =>
        Boolean((await bob.engine.accountState(id))?.revoked),
      );
      // Both go on working apart; bob's worker restarts in between.
      await userEdits(bob, id, (s) => s.people.push(namedPerson(id, 'p-bo', 'Bo Meanwhile')));
      await userEdits(alice, id, (s) => (s.account.potential = 'high'));
      await bob.restart();
      expect((await bob.engine.accountState(id))?.revoked).toBe(true);

      await alice.engine.setMember(id, bobEmail, 'editor');
      await bob.engine.discover();
      await until('bob is shared again', async () => {
        const state = await bob.engine.accountState(id);
        return state?.revoked === false && state.phase === 'synced';
      });
      await until('both sides merged', async () => {
        const [a, b] = [await readSnapshot(alice.db, id), await readSnapshot(bob.db, id)];
        return peopleNames(a).length === 2 && b?.account.potential === 'high';
      });
      for (const side of [alice, bob]) {
        const s = await readSnapshot(side.db, id);
        expect(peopleNames(s)).toEqual(['Ann Before', 'Bo Meanwhile']);
        expect(s?.account.potential).toBe('high');
      }
      expect(bob.engine.status().revoked).toEqual([]);
    } finally {
      alice.engine.stop();
      bob.engine.stop();
    }
  }, 30_000);

  it('after the owner stopped sharing and shares again: the owner’s later edits are kept', async () => {
    const id = 'acme-rejoin-2';
    const { alice, bob, bobEmail } = await sharedWithBob(id, 'two');
    try {
      await alice.engine.unshare(id);
      await until('bob is marked no longer shared', async () =>
        Boolean((await bob.engine.accountState(id))?.revoked),
      );
      await userEdits(alice, id, (s) => {
        s.account.name = 'Acme (renamed while unshared)';
        s.people = s.people.map((p) => ({ ...p, title: 'CFO' }));
      });
      await userEdits(bob, id, (s) => s.people.push(namedPerson(id, 'p-bo', 'Bo Meanwhile')));

      await alice.engine.share(id);
      await alice.engine.setMember(id, bobEmail, 'editor');
      await bob.engine.discover();
      await until('both sides merged', async () => {
        const [a, b] = [await readSnapshot(alice.db, id), await readSnapshot(bob.db, id)];
        return peopleNames(a).length === 2 && b?.account.name === 'Acme (renamed while unshared)';
      });
      // The document the server kept from before did not win over the owner's later edits.
      await new Promise((r) => setTimeout(r, 500));
      for (const side of [alice, bob]) {
        const s = (await readSnapshot(side.db, id))!;
        expect(s.account.name).toBe('Acme (renamed while unshared)');
        expect(peopleNames(s)).toEqual(['Ann Before', 'Bo Meanwhile']);
        expect(s.people.find((p) => p.id === 'p-ann')?.title).toBe('CFO');
      }
      expect((await bob.engine.accountState(id))?.revoked).toBe(false);
    } finally {
      alice.engine.stop();
      bob.engine.stop();
    }
  }, 30_000);
});
