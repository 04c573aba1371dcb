// @vitest-environment node
/** Only the owner stops sharing: an editor's or a viewer's browser knows its role and is refused. */
import { describe, expect, it } from 'vitest';
import { readSnapshot, writeSnapshot } from '@/entrypoints/background/sync/account-store';
import { bareSnapshot } from './sync-fixtures';
import { until, useSyncServer } from './sync-server';

const { browser } = useSyncServer();

describe('stopping sharing', () => {
  it('is the owner’s alone: an editor and a viewer are refused, and nobody is taken off', async () => {
    const id = 'acme-owner-only';
    const alice = await browser('alice-only@firm.com');
    const bob = await browser('bob-only@firm.com');
    const carol = await browser('carol-only@firm.com');
    try {
      await writeSnapshot(alice.db, bareSnapshot(id), 1);
      await alice.engine.share(id);
      await alice.engine.setMember(id, 'bob-only@firm.com', 'editor');
      await alice.engine.setMember(id, 'carol-only@firm.com', 'viewer');
      for (const side of [bob, carol]) {
        await side.engine.discover();
        await until('the account arrived', async () => (await readSnapshot(side.db, id)) !== null);
      }
      expect((await alice.engine.accountState(id))?.role).toBe('owner');
      expect((await bob.engine.accountState(id))?.role).toBe('editor');
      expect((await carol.engine.accountState(id))?.role).toBe('viewer');
      for (const side of [bob, carol]) {
        await expect(side.engine.unshare(id)).rejects.toMatchObject({ key: 'syncErrNotOwner' });
        // Still shared here, and still on the list.
        expect((await side.engine.accountState(id))?.revoked).toBe(false);
      }
      await alice.engine.unshare(id);
      expect(await alice.engine.accountState(id)).toBeNull();
    } finally {
      for (const side of [alice, bob, carol]) side.engine.stop();
    }
  }, 30_000);
});
