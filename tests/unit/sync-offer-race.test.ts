/**
 * Two discovers can note the same offer at once: the one still asking the server who owns the
 * document must not, when its answer comes, write the offer back over a "Not now" said since.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it, vi } from 'vitest';

/** The server's answers still to come, in the order they were asked for. */
const asked: ((owner: string) => void)[] = [];
vi.mock('@/entrypoints/background/sync/server-api', async (real) => ({
  ...(await real<object>()),
  documentOwner: () => new Promise<string>((resolve) => asked.push(resolve)),
}));

const { createRejoinOffers } = await import('@/entrypoints/background/sync/rejoin-offers');
const { openSyncDb } = await import('@/entrypoints/background/sync/sync-state');

const connection = {
  key: 'connection' as const,
  url: 'ws://127.0.0.1:1/',
  email: 'bob@firm.com',
  token: 't',
};

afterEach(() => vi.clearAllMocks());

it('a "Not now" said while another discover asks for the owner stays said', async () => {
  const syncDb = await openSyncDb(`offer-race-${Math.random()}`);
  const notify = vi.fn(async () => {});
  const offers = createRejoinOffers({ getSyncDb: async () => syncDb, notify } as never);

  // The first discover asks who owns the document; its answer is slow.
  const slow = offers.note('acme', connection);
  await vi.waitFor(() => expect(asked).toHaveLength(1));
  // A second discover notes the same offer and gets its answer at once.
  const quick = offers.note('acme', connection);
  await vi.waitFor(() => expect(asked).toHaveLength(2));
  asked[1]!('alice@firm.com');
  await quick;
  expect(await offers.dismiss('acme')).toBe(true);

  asked[0]!('alice@firm.com');
  await slow;
  expect((await offers.get('acme'))?.dismissed).toBe(true);
  expect(notify).toHaveBeenCalledTimes(2);
});
