// @vitest-environment node
/**
 * A write that changes thousands of accounts at once (an import) names them all to the sync
 * layer in one call: the shared ones among them are still pushed, and the rest are left alone.
 */
import { describe, expect, it } from 'vitest';
import { readSnapshot, writeSnapshot } from '@/entrypoints/background/sync/account-store';

import { bareSnapshot } from './sync-fixtures';
import { shareWithTeammate, until, useSyncServer } from './sync-server';

const ACCOUNT = 'acme-batch-1';
const { invite, browser } = useSyncServer();

describe('an import naming many accounts to the sync layer', () => {
  it('pushes the shared account among 5,000 unshared ones, after a restart too', async () => {
    const alice = await browser('alice-batch@firm.com', { token: invite('alice-batch@firm.com') });
    const bob = await browser('bob-batch@firm.com');
    try {
      await shareWithTeammate(alice, bob, 'bob-batch@firm.com', bareSnapshot(ACCOUNT));

      const others = Array.from({ length: 5_000 }, (_, i) => `imported-${i}`);
      const rename = async (name: string) => {
        const seen = (await readSnapshot(alice.db, ACCOUNT))!;
        const next = structuredClone(seen);
        next.account.name = name;
        expect((await writeSnapshot(alice.db, next, Date.now(), seen)).stale).toBeFalsy();
        await alice.engine.localChanged([
          ...others.slice(0, 2_500),
          ACCOUNT,
          ...others.slice(2_500),
        ]);
      };
      await rename('Acme (imported)');
      await until(
        'bob sees the import’s change',
        async () => (await readSnapshot(bob.db, ACCOUNT))?.account.name === 'Acme (imported)',
      );
      // The worker restarted and the import's message came before it resumed: the document is
      // read back from the sync database and pushed.
      await alice.restart({ resume: false });
      await rename('Acme (imported again)');
      await alice.engine.resume();
      await until(
        'bob sees the second import’s change',
        async () => (await readSnapshot(bob.db, ACCOUNT))?.account.name === 'Acme (imported again)',
      );
      // The unshared accounts got no document of their own.
      const docs = await alice.syncDb.getAllKeys('docs');
      expect(docs.filter((name) => name.includes('imported-'))).toEqual([]);
    } finally {
      alice.engine.stop();
      bob.engine.stop();
    }
  }, 30_000);
});
