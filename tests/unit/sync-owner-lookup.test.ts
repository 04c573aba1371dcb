import { describe, expect, it } from 'vitest';
import {
  createOwnerLookup,
  FAILED_TTL_MS,
  FOUND_TTL_MS,
  NOBODY_TTL_MS,
  readOwners,
} from '@/entrypoints/background/sync/owner-lookup';
import type { SyncConnection } from '@/entrypoints/background/sync/sync-state';

const alice: SyncConnection = {
  key: 'connection',
  url: 'ws://127.0.0.1:1234',
  email: 'carol@firm.com',
  token: 'secret-token',
  own: false,
};

function setUp(answers: Record<string, () => Response | Promise<Response>>) {
  let now = 1_000_000;
  let connection: SyncConnection | null = alice;
  const asked: { url: string; auth: string | null }[] = [];
  const fake = (async (url: URL, init: RequestInit) => {
    const domain = url.searchParams.get('domain') ?? '';
    asked.push({ url: String(url), auth: new Headers(init.headers).get('Authorization') });
    const answer = answers[domain];
    if (!answer) throw new TypeError('offline');
    return answer();
  }) as unknown as typeof fetch;
  const lookup = createOwnerLookup({ connection: () => connection, now: () => now, fetch: fake });
  return {
    lookup,
    asked,
    later: (ms: number) => void (now += ms),
    signIn: (c: SyncConnection | null) => void (connection = c),
  };
}

const json =
  (body: unknown, status = 200) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const acme = { owners: [{ owner: 'alice@firm.com', account: 'Acme' }] };

describe('owner lookup', () => {
  it('asks once for a domain, with the token, and keeps the answer for its time', async () => {
    const { lookup, asked, later } = setUp({ 'acme.com': json(acme) });
    expect(await lookup.owners('acme.com')).toEqual(acme.owners);
    expect(asked).toEqual([
      { url: 'http://127.0.0.1:1234/api/owners?domain=acme.com', auth: 'Bearer secret-token' },
    ]);
    later(FOUND_TTL_MS - 1);
    expect(await lookup.owners('acme.com')).toEqual(acme.owners);
    expect(asked).toHaveLength(1);
    later(2);
    await lookup.owners('acme.com');
    expect(asked).toHaveLength(2);
  });

  it('keeps "nobody" too, for its own shorter time; concurrent views share one request', async () => {
    const { lookup, asked, later } = setUp({ 'other.com': json({ owners: [] }) });
    const all = await Promise.all([1, 2, 3].map(() => lookup.owners('other.com')));
    expect(all).toEqual([[], [], []]);
    expect(asked).toHaveLength(1);
    later(NOBODY_TTL_MS - 1);
    await lookup.owners('other.com');
    expect(asked).toHaveLength(1);
    later(2);
    await lookup.owners('other.com');
    expect(asked).toHaveLength(2);
  });

  it('a failure (offline, paced, a bad answer) is "nobody" for a short while, never an error', async () => {
    const { lookup, asked, later } = setUp({
      'paced.com': json({ error: 'too many' }, 429),
      'bad.com': json({ owners: 'alice' }),
    });
    // "Too many" pauses all lookups (sync-owner-lookup-attacks.test.ts): it is asked last.
    for (const domain of ['offline.com', 'bad.com', 'paced.com']) {
      expect(await lookup.owners(domain)).toEqual([]);
    }
    expect(asked).toHaveLength(3);
    await lookup.owners('paced.com');
    expect(asked).toHaveLength(3);
    later(FAILED_TTL_MS + 1);
    await lookup.owners('paced.com');
    expect(asked).toHaveLength(4);
  });

  it('not signed in: no request at all; another server or person: asked afresh', async () => {
    const { lookup, asked, signIn } = setUp({ 'acme.com': json(acme) });
    signIn(null);
    expect(await lookup.owners('acme.com')).toEqual([]);
    expect(asked).toHaveLength(0);
    signIn(alice);
    await lookup.owners('acme.com');
    signIn({ ...alice, email: 'dave@firm.com', token: 'daves' });
    await lookup.owners('acme.com');
    expect(asked.map((a) => a.auth)).toEqual(['Bearer secret-token', 'Bearer daves']);
  });

  it("reads at most five owners and cuts a teammate's long words", () => {
    const many = Array.from({ length: 9 }, (_, i) => ({
      owner: `o${i}@firm.com`,
      account: '\u202e' + 'x'.repeat(500),
    }));
    const read = readOwners({ owners: many })!;
    expect(read).toHaveLength(5);
    expect([...read[0]!.account]).toHaveLength(120);
    expect(readOwners({ owners: [{ owner: 1 }] })).toBeNull();
  });
});
