/**
 * The sync server's small HTTP API beside its WebSocket (server/http-api.mjs): the access lists,
 * and the check of a token before it is kept. Same host as the WebSocket, http(s) for ws(s).
 * Failures are SyncErrors: the server's own words are English, its status says enough.
 */
import * as z from 'zod/mini';
import { checkServerUrl } from './server-url';
import { serverRefusal, SyncError } from './sync-errors';
import { accountDocName, type SyncConnection } from './sync-state';

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

export type MemberRole = 'owner' | 'editor' | 'viewer';

/**
 * The shared accounts this person is on, with their role. Those others own (editor or viewer)
 * are the ones their browsers join; documents this person owns are not joined from this list:
 * an owner who stopped sharing one here does not get it back, and their own other browsers
 * learn of it from their own document. The roles say what the account view offers.
 */
export async function myDocuments(
  connection: SyncConnection | null,
): Promise<{ accountId: string; role: MemberRole }[]> {
  const parsed = Listed.safeParse(await callServer(connection, 'GET', '/api/documents'));
  if (!parsed.success) throw new SyncError('syncErrServer', 'list');
  return parsed.data.documents.flatMap((d) => {
    const accountId = ACCOUNT_DOC.exec(d.name)?.[1];
    return accountId === undefined ? [] : [{ accountId, role: d.role }];
  });
}

const memberPath = (accountId: string, email: string) =>
  `/api/documents/${accountDocName(accountId)}/members/${encodeURIComponent(email)}`;

/** Gives a teammate a role on a shared account (the owner only; the server checks). */
export async function setMember(
  connection: SyncConnection | null,
  accountId: string,
  email: string,
  role: 'editor' | 'viewer',
): Promise<void> {
  await callServer(connection, 'PUT', memberPath(accountId, email), { role });
}

/** Takes a teammate off a shared account: the server closes their connection at once. */
export async function removeMember(
  connection: SyncConnection | null,
  accountId: string,
  email: string,
): Promise<void> {
  await callServer(connection, 'DELETE', memberPath(accountId, email));
}

/**
 * Takes every teammate but the owner and this person off a shared account (the owner only; for
 * anyone else the list is not theirs to read, and nothing happens): their connections close at
 * once, their copies stay theirs.
 */
export async function removeTeam(connection: SyncConnection | null, accountId: string) {
  const path = `/api/documents/${accountDocName(accountId)}/members`;
  // Not this person's to read (403: the server never had the document, or they are not its
  // owner): no one to take off. Any other failure is stated, and the account stays shared: a
  // "stopped" sharing that left the team on it would keep it open to them, and listed.
  const listed = (await callServer(connection, 'GET', path).catch((error: unknown) => {
    if (error instanceof SyncError && error.key === 'syncErrForbidden') return null;
    throw error;
  })) as {
    members?: { email: string; role: string }[];
  } | null;
  for (const member of listed?.members ?? []) {
    if (member.role === 'owner' || member.email === connection?.email) continue;
    await removeMember(connection, accountId, member.email);
  }
}

const Members = z.object({
  members: z.array(z.object({ email: z.string(), role: z.string() })),
});

/** Who owns a shared account's document, as its access list says (members may read it). */
export async function documentOwner(
  connection: SyncConnection | null,
  accountId: string,
): Promise<string | null> {
  const path = `/api/documents/${accountDocName(accountId)}/members`;
  const listed = Members.safeParse(await callServer(connection, 'GET', path).catch(() => null));
  if (!listed.success) return null;
  return listed.data.members.find((m) => m.role === 'owner')?.email.slice(0, 320) ?? null;
}
