// @vitest-environment node
/**
 * The worker's sync layer end to end in Node: two browsers' stores (fake IndexedDB), each with
 * its sync engine, against a real Hocuspocus server started from `npm run server` on 127.0.0.1.
 */
import { describe, expect, it } from 'vitest';
import { readSnapshot, writeSnapshot } from '@/entrypoints/background/sync/account-store';
import type { AccountSnapshot } from '@/entrypoints/background/sync/account-doc';
import type { RapportDb } from '@/entrypoints/background/db';
import type { SyncEngine } from '@/entrypoints/background/sync/sync-engine';
import { bareSnapshot } from './sync-fixtures';
import { until, useSyncServer, userEdits as edit } from './sync-server';

const ACCOUNT = 'acme-engine-1';
const { invite, browser } = useSyncServer();

const userEdits = (
  who: { db: RapportDb; engine: SyncEngine },
  change: (s: AccountSnapshot) => void,
) => edit(who, ACCOUNT, change);

const seed = bareSnapshot(ACCOUNT);

describe('team sync in the worker', () => {
  it('shares an account, converges both ways, keeps a private note home, and stops at revocation', async () => {
    const alice = await browser('alice@firm.com');
    const bob = await browser('bob@firm.com');
    try {
      await writeSnapshot(alice.db, seed, 1);
      await alice.engine.share(ACCOUNT);
      await alice.engine.setMember(ACCOUNT, 'bob@firm.com', 'editor');
      // bob's browser finds the account shared with him (the worker asks on every connection).
      await bob.engine.discover();
      await until('bob has the account', async () => !!(await readSnapshot(bob.db, ACCOUNT)));
      expect(bob.notified.flat()).toContain(ACCOUNT);

      await userEdits(alice, (s) => (s.account.potential = 'high'));
      await userEdits(bob, (s) =>
        s.people.push({
          id: 'p-ann',
          accountId: ACCOUNT,
          name: 'Ann Lee',
          emails: ['ann@acme.com'],
          title: 'CFO',
          role: 'decision_maker',
          influence: 5,
          attitude: 'supporter',
          notes: 'PRIVATE: prefers a call',
          notesPrivate: true,
          lastContactAt: null,
        }),
      );
      await until('both converge', async () => {
        const a = await readSnapshot(alice.db, ACCOUNT);
        const b = await readSnapshot(bob.db, ACCOUNT);
        return a?.people.length === 1 && b?.account.potential === 'high';
      });
      // Who changed what: each browser's pushes under its own address, newest first.
      await until('bob’s entry reaches alice', async () =>
        (alice.engine.history(ACCOUNT) ?? []).some((e) => e.by === 'bob@firm.com'),
      );
      const history = alice.engine.history(ACCOUNT)!;
      expect(history.find((e) => e.by === 'bob@firm.com')!.what).toEqual(['people']);
      expect(history.find((e) => e.what.includes('potential'))!.by).toBe('alice@firm.com');
      expect(history.at(-1)).toMatchObject({ by: 'alice@firm.com', what: ['shared'] });
      expect(history.map((e) => e.at)).toEqual([...history.map((e) => e.at)].sort((x, y) => y - x));
      expect((await readSnapshot(alice.db, ACCOUNT))!.people[0]!.notes).toBe('');
      expect((await readSnapshot(bob.db, ACCOUNT))!.people[0]!.notes).toBe(
        'PRIVATE: prefers a call',
      );

      await alice.engine.removeMember(ACCOUNT, 'bob@firm.com');
      await until('bob is marked no longer shared', async () =>
        bob.engine.status().revoked.includes(ACCOUNT),
      );
      await userEdits(bob, (s) => (s.account.name = 'Acme (bob after revocation)'));
      await new Promise((r) => setTimeout(r, 500));
      expect((await readSnapshot(alice.db, ACCOUNT))!.account.name).toBe('Acme Corp');
      expect((await readSnapshot(bob.db, ACCOUNT))!.account.name).toBe(
        'Acme (bob after revocation)',
      );
      expect(alice.engine.status()).toMatchObject({ phase: 'synced', waiting: 0, error: null });
    } finally {
      alice.engine.stop();
      bob.engine.stop();
    }
  }, 30_000);

  it('a doc a teammate claims under the id of an account held here, not shared, takes nothing of it', async () => {
    const id = 'acme-private-7';
    const mallory = await browser('mallory@firm.com');
    const alice = await browser('alice2@firm.com');
    try {
      const mine = structuredClone(seed);
      mine.account.id = id;
      mine.decisions = [
        {
          id: 'd-secret',
          accountId: id,
          date: '2026-12-01',
          what: 'SECRET price floor 40k',
          why: '',
          decidedBy: '',
          alternatives: '',
        },
      ];
      await writeSnapshot(alice.db, mine, 1);
      const bait = structuredClone(seed);
      bait.account.id = id;
      bait.account.name = 'Acme bait';
      await writeSnapshot(mallory.db, bait, 1);
      await mallory.engine.share(id);
      await mallory.engine.setMember(id, 'alice2@firm.com', 'editor');
      await alice.engine.discover();
      await new Promise((r) => setTimeout(r, 1500));
      expect(JSON.stringify(await readSnapshot(mallory.db, id))).not.toContain('SECRET');
      // Nor does theirs replace the account here.
      expect(await readSnapshot(alice.db, id)).toMatchObject({ decisions: mine.decisions });
      expect((await readSnapshot(alice.db, id))!.account.name).toBe('Acme Corp');
    } finally {
      mallory.engine.stop();
      alice.engine.stop();
    }
  }, 30_000);
});

describe('one person on two browsers: their own document', () => {
  const OWN = 'own-account-1';
  const mine = (name: string): AccountSnapshot => ({
    ...structuredClone(seed),
    account: { ...structuredClone(seed.account), id: OWN, name },
  });

  it('syncs unshared accounts both ways, deletions to the trash, and only when turned on', async () => {
    const token = invite('erin@firm.com');
    const laptop = await browser('erin@firm.com', { own: true, token });
    const desktop = await browser('erin@firm.com', { own: true, token });
    const stranger = await browser('frank@firm.com', { own: true });
    try {
      await writeSnapshot(laptop.db, mine('Own Co'), 1);
      await laptop.engine.localChanged([OWN]);
      await until('the desktop has the laptop’s account', async () =>
        Boolean(await readSnapshot(desktop.db, OWN)),
      );
      expect(desktop.notified.flat()).toContain(OWN);

      // Both edit offline-free, concurrently, different fields: both survive on both.
      await Promise.all([
        (async () => {
          const s = (await readSnapshot(laptop.db, OWN))!;
          s.account.potential = 'high';
          await writeSnapshot(laptop.db, s, 2);
          await laptop.engine.localChanged([OWN]);
        })(),
        (async () => {
          const s = (await readSnapshot(desktop.db, OWN))!;
          s.account.nextAction = { text: 'Send the proposal', due: '2026-12-20' };
          await writeSnapshot(desktop.db, s, 2);
          await desktop.engine.localChanged([OWN]);
        })(),
      ]);
      await until('both edits on both browsers', async () => {
        const a = await readSnapshot(laptop.db, OWN);
        const b = await readSnapshot(desktop.db, OWN);
        return [a, b].every(
          (x) =>
            x?.account.potential === 'high' && x.account.nextAction?.text === 'Send the proposal',
        );
      });
      // Another person's own document is theirs: frank's browser never gets erin's account.
      expect(await readSnapshot(stranger.db, OWN)).toBeNull();

      // A deletion on the desktop puts the account in the laptop's trash (undo-able there).
      const tx = desktop.db.transaction(['accounts'], 'readwrite');
      await tx.objectStore('accounts').delete(OWN);
      await tx.done;
      await desktop.engine.localChanged([OWN]);
      await until('the laptop moved it to its trash', async () =>
        Boolean(await laptop.db.get('trash', OWN)),
      );
      expect(await readSnapshot(laptop.db, OWN)).toBeNull();
    } finally {
      laptop.engine.stop();
      desktop.engine.stop();
      stranger.engine.stop();
    }
  }, 30_000);

  it('sends nothing while it is off, and seeds a new browser from the document', async () => {
    const token = invite('gail@firm.com');
    const first = await browser('gail@firm.com', { token });
    const second = await browser('gail@firm.com', { own: true, token });
    try {
      await writeSnapshot(first.db, mine('Kept home'), 1);
      await first.engine.localChanged([OWN]);
      await new Promise((r) => setTimeout(r, 600));
      expect(await readSnapshot(second.db, OWN)).toBeNull();
      expect(first.engine.status().own).toBe(false);

      await first.engine.setOwn(true);
      await until('the second browser has it once the first turned it on', async () =>
        Boolean(await readSnapshot(second.db, OWN)),
      );
      expect((await readSnapshot(second.db, OWN))!.account.name).toBe('Kept home');
    } finally {
      first.engine.stop();
      second.engine.stop();
    }
  }, 30_000);
});
