import { describe, expect, it } from 'vitest';
import {
  ASKS_PER_MINUTE,
  createOwnerLookup,
  PACED_MS,
  readOwners,
} from '@/entrypoints/background/sync/owner-lookup';
import type { SyncConnection } from '@/entrypoints/background/sync/sync-state';

const carol: SyncConnection = {
  key: 'connection',
  url: 'ws://127.0.0.1:1234',
  email: 'carol@firm.com',
  token: 'carols',
  own: false,
};
const dave: SyncConnection = { ...carol, email: 'dave@firm.com', token: 'daves' };
const answer = (owners: unknown) =>
  new Response(JSON.stringify({ owners }), {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
  });

describe('owner lookup, against a hostile answer or a change of person', () => {
  it("an answer asked with one person's token is never given to the next one signed in", async () => {
    let connection: SyncConnection | null = carol;
    const pending: { auth: string | null; answer: (r: Response) => void }[] = [];
    const fake = ((_url: URL, init: RequestInit) =>
      new Promise<Response>((answer) =>
        pending.push({ auth: new Headers(init.headers).get('Authorization'), answer }),
      )) as unknown as typeof fetch;
    const lookup = createOwnerLookup({ connection: () => connection, now: () => 0, fetch: fake });
    const carols = lookup.owners('acme.com');
    connection = dave; // carol signs out and dave signs in while her lookup is under way
    const daves = lookup.owners('acme.com');
    await Promise.resolve();
    expect(pending.map((p) => p.auth)).toEqual(['Bearer carols', 'Bearer daves']);
    pending[0]!.answer(answer([{ owner: 'alice@firm.com', account: 'Acme (for carol)' }]));
    pending[1]!.answer(answer([]));
    expect(await carols).toHaveLength(1);
    expect(await daves).toEqual([]);
    // Nor is it kept for dave afterwards.
    expect(await lookup.owners('acme.com')).toEqual([]);
    expect(pending).toHaveLength(2);
  });

  it('control and format characters never reach the sidebar; an owner that is no address is left out', () => {
    const read = readOwners({
      owners: [
        { owner: 'alice@firm.com', account: 'Ac\u202eme\u0000\n\u2066Corp\u2069' },
        { owner: 'mallory@firm.com\u202e', account: 'Acme' },
        { owner: 'not an address', account: 'Acme' },
        { owner: 'bob@firm.com', account: '\u202e\u202e' },
      ],
    });
    expect(read).toEqual([
      { owner: 'alice@firm.com', account: 'Acme Corp' },
      { owner: 'bob@firm.com', account: '' },
    ]);
  });
});

describe('owner lookup, against a page that shows a new domain every moment', () => {
  function setUp(status: (domain: string) => number) {
    let now = 5_000_000;
    const asked: string[] = [];
    const fake = (async (url: URL) => {
      const domain = url.searchParams.get('domain') ?? '';
      asked.push(domain);
      return new Response(JSON.stringify({ owners: [] }), { status: status(domain) });
    }) as unknown as typeof fetch;
    const lookup = createOwnerLookup({ connection: () => carol, now: () => now, fetch: fake });
    return { lookup, asked, later: (ms: number) => void (now += ms) };
  }

  it('asks at most ASKS_PER_MINUTE domains a minute; the rest are asked later, not lost', async () => {
    const { lookup, asked, later } = setUp(() => 200);
    for (let i = 0; i < 100; i++) await lookup.owners(`guess${i}.com`);
    expect(asked).toHaveLength(ASKS_PER_MINUTE);
    later(60_001);
    await lookup.owners('guess99.com');
    expect(asked.at(-1)).toBe('guess99.com');
  });

  it('after "too many" (429) or "no directory" (404), no domain is asked for a while', async () => {
    const paced = setUp((d) => (d === 'first.com' ? 429 : 200));
    await paced.lookup.owners('first.com');
    for (let i = 0; i < 10; i++) await paced.lookup.owners(`other${i}.com`);
    expect(paced.asked).toEqual(['first.com']);
    paced.later(PACED_MS + 1);
    await paced.lookup.owners('other0.com');
    expect(paced.asked).toEqual(['first.com', 'other0.com']);

    const off = setUp(() => 404);
    await off.lookup.owners('first.com');
    off.later(PACED_MS + 1);
    await off.lookup.owners('second.com');
    expect(off.asked).toEqual(['first.com']);
  });
});
