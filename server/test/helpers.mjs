// Test helpers: a real server on 127.0.0.1 (port 0), real Node Yjs clients over WebSocket.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { readConfig } from '../config.mjs';
import { createSyncServer } from '../create-server.mjs';
import { createUpdateGuard, LOG_KEEP } from '../update-guard.mjs';

export async function startServer(t, env = {}, options = {}) {
  const dataDir = env.RAPPORT_SYNC_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'rapport-sync-'));
  const config = readConfig({ RAPPORT_SYNC_PORT: '0', RAPPORT_SYNC_DATA_DIR: dataDir, ...env });
  const sync = await createSyncServer(config, { sweepMs: 200, debounceMs: 50, ...options });
  const port = await sync.listen();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await sync.close();
  };
  t.after(async () => {
    await close();
    if (!env.RAPPORT_SYNC_DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
  });
  return { ...sync, port, dataDir, url: `ws://127.0.0.1:${port}`, close };
}

/**
 * A person's Node Yjs client on document `name`, destroyed when `t` ends. `events` records why
 * the server refused it (authenticationFailed) and why it closed the document (closed: reasons).
 */
export function connect(t, url, name, token) {
  const document = new Y.Doc();
  const events = { authenticationFailed: [], closed: [] };
  const provider = new HocuspocusProvider({
    url,
    name,
    document,
    token,
    WebSocketPolyfill: WebSocket,
    onAuthenticationFailed: ({ reason }) => events.authenticationFailed.push(reason),
    onClose: ({ event }) => events.closed.push(event.reason),
  });
  t.after(() => provider.destroy());
  return { document, provider, events };
}

/** `connect`, then waits until the server has synced the document with the client. */
export async function connectSynced(t, url, name, token, what = `${name} synced`) {
  const client = connect(t, url, name, token);
  await waitFor(() => client.provider.isSynced, { what });
  return client;
}

export async function waitFor(predicate, { timeout = 5000, what = 'condition' } = {}) {
  const start = Date.now();
  while (Date.now() - start < timeout) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function api(server, method, path, token, body) {
  const response = await fetch(`http://127.0.0.1:${server.port}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

/** alice owns DOC; bob (and carol, dave) get tokens; roles as given. */
export async function teamOn(server, doc, roles = {}) {
  const tokens = {};
  for (const who of ['alice', 'bob', 'carol', 'dave']) {
    tokens[who] = await server.tokens.issueInvitation(`${who}@firm.com`);
  }
  const claimed = await api(server, 'POST', `/api/documents/${doc}`, tokens.alice);
  if (claimed.status !== 201) throw new Error(`claim failed: ${JSON.stringify(claimed)}`);
  for (const [who, role] of Object.entries(roles)) {
    const set = await api(
      server,
      'PUT',
      `/api/documents/${doc}/members/${who}@firm.com`,
      tokens.alice,
      {
        role,
      },
    );
    if (set.status !== 200) throw new Error(`share failed: ${JSON.stringify(set)}`);
  }
  return tokens;
}

/** A message as a client sends it: document name, Sync, the step, the update (lib0 varints). */
export function syncMessage(name, update, step = 2) {
  const varUint = (n) => {
    const out = [];
    while (n > 0x7f) {
      out.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    out.push(n);
    return out;
  };
  const nameBytes = [...new TextEncoder().encode(name)];
  return Uint8Array.from([
    ...varUint(nameBytes.length),
    ...nameBytes,
    0,
    step,
    ...varUint(update.length),
    ...update,
  ]);
}

/**
 * Puts `update` through the update guard as a sync message (`step`, as syncMessage) from `email`
 * on `documentName`.
 */
export function throughGuard(
  guard,
  { update, document, documentName, email = 'bob@firm.com', step = 2 },
) {
  return guard.beforeHandleMessage({
    update: syncMessage(documentName, update, step),
    document,
    documentName,
    context: { email },
  });
}

/**
 * A browser holding what the server has (`onServer`) makes `change(doc)` in one transaction; the
 * update it sends goes through the guard as `email`'s. Resolves with that update once let through
 * (the server's copy is left as it was).
 */
export async function editThroughGuard(guard, onServer, change, { documentName, email }) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(onServer));
  const before = Y.encodeStateVector(doc);
  doc.transact(() => change(doc));
  const update = Y.encodeStateAsUpdate(doc, before);
  await throughGuard(guard, { update, document: onServer, documentName, email });
  return update;
}

/** A line of an account's change log. */
export const logEntry = (by, at) => ({ by, at, what: ['stage'] });

/** An update guard whose size limits (16 MiB) no test of history gets near. */
export const roomyGuard = () =>
  createUpdateGuard({ maxDocumentBytes: 1 << 24, maxPersonalBytes: 1 << 24 });

/** A roomy guard, and a server's copy whose log is full of alice's entries (LOG_KEEP). */
export function fullLogOnServer() {
  const guard = roomyGuard();
  const onServer = new Y.Doc();
  onServer
    .getArray('log')
    .push(Array.from({ length: LOG_KEEP }, (_, i) => logEntry('alice@firm.com', i + 1)));
  return { guard, onServer };
}
