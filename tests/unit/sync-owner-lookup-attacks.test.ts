import { describe, expect, it } from 'vitest';
import { createOwnerLookup, readOwners } from '@/entrypoints/background/sync/owner-lookup';
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
