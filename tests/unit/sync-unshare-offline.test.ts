// @vitest-environment node
/** "Stop sharing" takes every teammate off on the server, or says it could not: never neither. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { removeTeam } from '@/entrypoints/background/sync/server-api';
import type { SyncConnection } from '@/entrypoints/background/sync/sync-state';

const alice: SyncConnection = {
  key: 'connection',
  url: 'ws://127.0.0.1:1234',
  email: 'alice@firm.com',
  token: 'alices',
  own: false,
};

afterEach(() => vi.unstubAllGlobals());

describe('taking the team off a shared account', () => {
  it('fails, stated, when the server cannot be reached: the account is not taken for unshared', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('offline');
    });
    await expect(removeTeam(alice, 'acme-offline-01')).rejects.toMatchObject({
      key: 'syncErrUnreachable',
    });
  });

  it('fails when the list cannot be read for another reason (a server error)', async () => {
    vi.stubGlobal('fetch', async () => new Response('{}', { status: 500 }));
    await expect(removeTeam(alice, 'acme-offline-01')).rejects.toMatchObject({
      key: 'syncErrServer',
    });
  });

  it('takes off everyone but the owner; a document the server never had has no one to take off', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', async (url: URL, init: RequestInit) => {
      calls.push(`${init.method} ${url.pathname}`);
      if (init.method === 'GET')
        return new Response(
          JSON.stringify({
            members: [
              { email: 'alice@firm.com', role: 'owner' },
              { email: 'bob@firm.com', role: 'editor' },
            ],
          }),
        );
      return new Response('{}');
    });
    await removeTeam(alice, 'acme-offline-01');
    expect(calls).toEqual([
      'GET /api/documents/account:acme-offline-01/members',
      'DELETE /api/documents/account:acme-offline-01/members/bob%40firm.com',
    ]);
    vi.stubGlobal('fetch', async () => new Response('{"error":"not a member"}', { status: 403 }));
    await expect(removeTeam(alice, 'acme-never-01')).resolves.toBeUndefined();
  });
});
