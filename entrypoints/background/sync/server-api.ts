/**
 * The sync server's small HTTP API beside its WebSocket (server/http-api.mjs): the access lists,
 * and the check of a token before it is kept. Same host as the WebSocket, http(s) for ws(s).
 * Failures are SyncErrors: the server's own words are English, its status says enough.
 */
import * as z from 'zod/mini';
import { checkServerUrl } from './server-url';
import { serverRefusal, SyncError } from './sync-errors';
import type { SyncConnection } from './sync-state';

const httpOf = (url: string) => url.replace(/^ws/, 'http');

export async function callServer(
  connection: SyncConnection | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  if (!connection) throw new SyncError('syncErrNotSetUp');
  let response: Response;
  try {
    response = await fetch(new URL(path, httpOf(connection.url)), {
      method,
      headers: {
        Authorization: `Bearer ${connection.token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new SyncError('syncErrUnreachable');
  }
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) throw serverRefusal(response.status);
  return answer;
}

/**
 * Asks the server whether it takes this token, before it is kept: the access-list API checks
 * the token before anything else (401), so a question about no document answers it. An
 * unreachable server is not a refusal: the caller keeps the settings and shows "offline".
 */
export async function verifyToken(url: string, token: string): Promise<{ reached: boolean }> {
  const checked = checkServerUrl(url);
  if (!checked.ok) throw new SyncError(checked.reason);
  let response: Response;
  try {
    response = await fetch(
      new URL('/api/documents/account:token-check/members', httpOf(checked.url)),
      { headers: { Authorization: `Bearer ${token}` } },
    );
  } catch {
    return { reached: false };
  }
  if (response.status === 401) throw new SyncError('syncErrTokenRefused');
  return { reached: true };
}

const Listed = z.object({
  documents: z.array(z.object({ name: z.string(), role: z.enum(['owner', 'editor', 'viewer']) })),
});
const ACCOUNT_DOC = /^account:([A-Za-z0-9_-]{8,64})$/;

/**
 * The accounts teammates shared with this person (as editor or viewer): their browsers join
 * them. Documents this person owns are left out: an owner who stopped sharing one here does not
 * get it back, and their own other browsers learn of it from their own document.
 */
export async function sharedWithMe(connection: SyncConnection | null): Promise<string[]> {
  const parsed = Listed.safeParse(await callServer(connection, 'GET', '/api/documents'));
  if (!parsed.success) throw new SyncError('syncErrServer', 'list');
  return parsed.data.documents
    .filter((d) => d.role !== 'owner')
    .map((d) => ACCOUNT_DOC.exec(d.name)?.[1])
    .filter((id): id is string => id !== undefined);
}
