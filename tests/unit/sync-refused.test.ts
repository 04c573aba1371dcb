// @vitest-environment node
/**
 * An update the sync server refuses (server/update-guard.mjs): here, an account grown past the
 * server's size limit. The browser states why, in the account's line and in the Team section,
 * keeps every change in its own store, and sends them once the account is small enough again.
 */
import { describe, expect, it } from 'vitest';
import { readSnapshot } from '@/entrypoints/background/sync/account-store';
import { bareSnapshot } from './sync-fixtures';
import { shareWithTeammate, until, useSyncServer, userEdits } from './sync-server';

const LIMIT = 32 * 1024;
const { browser } = useSyncServer({ RAPPORT_SYNC_MAX_DOCUMENT_BYTES: String(LIMIT) });

describe('an update the server refuses', () => {
  it('is stated, kept here, and sent once the account is small enough', async () => {
    const id = 'acme-too-large-1';
    const alice = await browser('alice-large@firm.com');
    const bob = await browser('bob-large@firm.com');
    try {
      await shareWithTeammate(alice, bob, 'bob-large@firm.com', bareSnapshot(id));

      const huge = 'Long minutes. '.repeat(3000); // about 42 KB
      await userEdits(alice, id, (s) => (s.account.profile.goals = huge));
      await until('the refusal is stated', async () =>
        Boolean((await alice.engine.accountState(id))?.error),
      );
      expect((await alice.engine.accountState(id))?.error?.key).toBe('syncErrTooLarge');
      expect(alice.engine.status().error?.key).toBe('syncErrTooLarge');
      // Nothing is lost here; nothing reached bob.
      expect((await readSnapshot(alice.db, id))?.account.profile.goals).toBe(huge);
      await new Promise((r) => setTimeout(r, 300));
      expect((await readSnapshot(bob.db, id))?.account.profile.goals).toBe('');

      // alice shortens the goals and names the next step: both reach bob, the line is clear.
      await userEdits(alice, id, (s) => {
        s.account.profile.goals = 'Three sites by June.';
        s.account.potential = 'high';
      });
      await until('bob has alice’s changes', async () => {
        const b = await readSnapshot(bob.db, id);
        return (
          b?.account.potential === 'high' && b.account.profile.goals === 'Three sites by June.'
        );
      });
      await until('the line is clear again', async () => {
        const state = await alice.engine.accountState(id);
        return state?.error === null && state.phase === 'synced';
      });
    } finally {
      alice.engine.stop();
      bob.engine.stop();
    }
  }, 30_000);
});
