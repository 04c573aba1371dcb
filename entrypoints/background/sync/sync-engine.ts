/**
 * Team sync in the background worker: one Y.Doc per shared account, relayed by a Hocuspocus
 * server over one WebSocket. IndexedDB stays the UI's source of truth:
 *   - a write in this browser (the router's change list) is read back from the store and the
 *     fields that differ from the doc are written to it (applyLocalChanges);
 *   - an update from the server is saved with the doc's state, then written to the store in one
 *     transaction (writeSnapshot), and the views are told as for any other write.
 * Work on a document runs one step at a time (a queue), so a teammate's update is in the store
 * before this browser's next change is compared with the doc.
 *
 * The worker may stop at any moment: each doc's state and a `dirty` mark live in IndexedDB
 * (sync-state.ts); resume() reopens them, pushes what was marked and not yet pushed, and
 * reconnects, sending the server only what it lacks (Yjs's state vectors).
 */
import * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { RapportDb } from '../db';
import { applyLocalChanges, readAccountFromDoc, type AccountSnapshot } from './account-doc';
import { readSnapshot, writeSnapshot } from './account-store';
import { checkServerUrl } from './server-url';
import { accountDocName, type SyncConnection, type SyncDb, type SyncDocRecord } from './sync-state';

/** Hocuspocus's reason for a connection closed for lack of access (@hocuspocus/common). */
const FORBIDDEN = 'Forbidden';
/** The origin of this browser's own transactions on a doc (a remote update has another). */
const LOCAL = Symbol('rapport-local');

export type SyncPhase = 'off' | 'offline' | 'connecting' | 'synced' | 'pending';

export interface SyncStatus {
  phase: SyncPhase;
  /** Changes made here that the server has not acknowledged yet. */
  waiting: number;
  shared: number;
  /** Accounts this person no longer has access to: kept here, marked "no longer shared". */
  revoked: string[];
  error: string | null;
}

/** One shared account's line in its views: "Shared · synced", "No longer shared"... */
export interface AccountSyncState {
  phase: SyncPhase;
  waiting: number;
  revoked: boolean;
}

export interface SyncEngineDeps {
  getDb: () => Promise<RapportDb>;
  getSyncDb: () => Promise<SyncDb>;
  notify: (accountIds: string[]) => Promise<void>;
  now: () => number;
  /** Node's tests pass the ws package; the worker has WebSocket. */
  WebSocketPolyfill?: unknown;
}

interface Live {
  record: SyncDocRecord;
  doc: Y.Doc;
  provider: HocuspocusProvider | null;
  queue: Promise<void>;
  base: AccountSnapshot | null;
}

export function createSyncEngine(deps: SyncEngineDeps) {
  const live = new Map<string, Live>();
  let socket: HocuspocusProviderWebsocket | null = null;
  let connection: SyncConnection | null = null;
  let lastError: string | null = null;

  const enqueue = (entry: Live, step: () => Promise<void>) => {
    entry.queue = entry.queue.then(step).catch((error: unknown) => {
      lastError = error instanceof Error ? error.message : String(error);
    });
    return entry.queue;
  };

  /** The access-list API beside the WebSocket: same host, http(s) for ws(s). */
  async function api(method: string, path: string, body?: unknown): Promise<unknown> {
    if (!connection) throw new Error('Team sync is not set up: add a server and sign in first.');
    const base = connection.url.replace(/^ws/, 'http');
    const response = await fetch(new URL(path, base), {
      method,
      headers: {
        Authorization: `Bearer ${connection.token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const reason = (answer as { error?: unknown } | null)?.error;
      throw new Error(
        `The sync server refused: ${typeof reason === 'string' ? reason : response.status}`,
      );
    }
    return answer;
  }

  async function save(entry: Live): Promise<void> {
    entry.record = { ...entry.record, update: Y.encodeStateAsUpdate(entry.doc) };
    await (await deps.getSyncDb()).put('docs', entry.record);
  }

  /** This browser's changes into the doc; gives back the store's state it pushed. */
  async function pushLocal(entry: Live): Promise<AccountSnapshot | null> {
    const db = await deps.getDb();
    const current = await readSnapshot(db, entry.record.accountId);
    if (!current) return null; // Not in this store (yet, or deleted here): nothing to push.
    // What this browser's store last agreed with the doc: the difference is this browser's own
    // change, even when a teammate's update reached the doc before it reached the store. After a
    // worker restart that is not known, and the doc itself stands in for it.
    const base = entry.base ?? readAccountFromDoc(entry.doc, current, deps.now()).snapshot;
    applyLocalChanges(entry.doc, base, current, LOCAL);
    entry.base = current;
    entry.record = { ...entry.record, dirty: false };
    await save(entry);
    return current;
  }

  /**
   * A teammate's update into the store. This browser's own changes not yet in the doc go in
   * first, and the write is refused if the store moved on meanwhile (a write here between the
   * read and the write): then the whole step is taken again, so no local write is overwritten.
   */
  async function pullRemote(entry: Live): Promise<void> {
    await save(entry);
    const db = await deps.getDb();
    for (let attempt = 0; attempt < 5; attempt++) {
      // The store as it was pushed: if it changed after, the write below is stale.
      const local = await pushLocal(entry);
      const { snapshot, rejected } = readAccountFromDoc(entry.doc, local, deps.now());
      if (rejected > 0) lastError = `${rejected} shared record(s) were malformed and left out`;
      if (!snapshot || snapshot.account.id !== entry.record.accountId) return;
      const outcome = await writeSnapshot(db, snapshot, deps.now(), local);
      if (outcome.stale) continue;
      // Exactly what was written, not a fresh read: a write here right after it is a change
      // still to push, and must differ from the base.
      entry.base = snapshot;
      if (outcome.changed) await deps.notify([entry.record.accountId]);
      return;
    }
    throw new Error(
      'The store kept changing while a teammate’s update was applied; it will be tried again.',
    );
  }

  function connect(entry: Live): void {
    if (!connection || entry.provider || entry.record.revoked) return;
    socket ??= new HocuspocusProviderWebsocket({
      url: connection.url,
      WebSocketPolyfill: deps.WebSocketPolyfill,
    } as ConstructorParameters<typeof HocuspocusProviderWebsocket>[0]);
    entry.provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: entry.record.name,
      document: entry.doc,
      token: connection.token,
      onAuthenticationFailed: () => void markRevoked(entry),
      // The server closes one document's connection with this reason when access is removed
      // (server/auth-extension.mjs); a network cut closes the socket with another.
      onClose: ({ event }) => {
        if (event.reason === FORBIDDEN) void markRevoked(entry);
      },
    });
    entry.provider.attach();
  }

  async function markRevoked(entry: Live): Promise<void> {
    entry.provider?.destroy();
    entry.provider = null;
    entry.record = { ...entry.record, revoked: true };
    await save(entry);
    await deps.notify([entry.record.accountId]);
  }

  async function open(record: SyncDocRecord): Promise<Live> {
    const existing = live.get(record.name);
    if (existing) return existing;
    const doc = new Y.Doc();
    if (record.update.length > 0) Y.applyUpdate(doc, record.update, LOCAL);
    const entry: Live = { record, doc, provider: null, queue: Promise.resolve(), base: null };
    live.set(record.name, entry);
    doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== LOCAL) void enqueue(entry, () => pullRemote(entry));
    });
    return entry;
  }

  return {
    /**
     * Asks the server whether it takes this token, before it is kept: the access-list API checks
     * the token before anything else (401), so a question about no document answers it. An
     * unreachable server is not a refusal: the caller keeps the settings and shows "offline".
     */
    async verify(
      url: string,
      token: string,
    ): Promise<{ reached: true } | { reached: false; why: string }> {
      const checked = checkServerUrl(url);
      if (!checked.ok) throw new Error(`Server address: ${checked.reason}.`);
      let response: Response;
      try {
        response = await fetch(
          new URL('/api/documents/account:token-check/members', checked.url.replace(/^ws/, 'http')),
          {
            headers: { Authorization: `Bearer ${token}` },
          },
        );
      } catch (error) {
        return { reached: false, why: error instanceof Error ? error.message : String(error) };
      }
      if (response.status === 401) {
        const answer = (await response.json().catch(() => null)) as { error?: unknown } | null;
        const reason = typeof answer?.error === 'string' ? `: ${answer.error}` : '';
        throw new Error(`The server refused this invitation token${reason}.`);
      }
      return { reached: true };
    },

    /** Sets the server and this person's token; reconnects every shared document. */
    async configure(input: Omit<SyncConnection, 'key'> | null): Promise<void> {
      let next: SyncConnection | null = null;
      if (input) {
        const checked = checkServerUrl(input.url);
        if (!checked.ok) throw new Error(`Server address: ${checked.reason}.`);
        next = { key: 'connection', url: checked.url, email: input.email, token: input.token };
      }
      const db = await deps.getSyncDb();
      if (next) await db.put('settings', next);
      else await db.delete('settings', 'connection');
      for (const entry of live.values()) {
        entry.provider?.destroy();
        entry.provider = null;
      }
      socket?.destroy();
      socket = null;
      connection = next;
      for (const entry of live.values()) connect(entry);
    },

    /** Reopens every shared document after a worker start; safe to call more than once. */
    async resume(): Promise<void> {
      const db = await deps.getSyncDb();
      connection = (await db.get('settings', 'connection')) ?? null;
      for (const record of await db.getAll('docs')) {
        const entry = await open(record);
        if (entry.record.dirty) await enqueue(entry, async () => void (await pushLocal(entry)));
        await enqueue(entry, () => pullRemote(entry));
        connect(entry);
      }
    },

    /** Starts sharing an account: its document gets everything the store has for it. */
    async share(accountId: string): Promise<string> {
      await api('POST', `/api/documents/${accountDocName(accountId)}`);
      const name = accountDocName(accountId);
      const record: SyncDocRecord = {
        name,
        accountId,
        update: new Uint8Array(),
        dirty: true,
        revoked: false,
      };
      const entry = live.get(name) ?? (await open(record));
      await (await deps.getSyncDb()).put('docs', entry.record);
      await enqueue(entry, async () => void (await pushLocal(entry)));
      connect(entry);
      return name;
    },

    /** Opens an account a teammate shared with this person: the store gets it from the doc. */
    async join(accountId: string): Promise<void> {
      const name = accountDocName(accountId);
      const record = (await (await deps.getSyncDb()).get('docs', name)) ?? {
        name,
        accountId,
        update: new Uint8Array(),
        dirty: false,
        revoked: false,
      };
      await (await deps.getSyncDb()).put('docs', record);
      connect(await open(record));
    },

    /** Gives a teammate a role on a shared account (the owner only; the server checks). */
    async setMember(accountId: string, email: string, role: 'editor' | 'viewer'): Promise<void> {
      const path = `/api/documents/${accountDocName(accountId)}/members/${encodeURIComponent(email)}`;
      await api('PUT', path, { role });
    },

    /** Takes a teammate off a shared account: the server closes their connection at once. */
    async removeMember(accountId: string, email: string): Promise<void> {
      const path = `/api/documents/${accountDocName(accountId)}/members/${encodeURIComponent(email)}`;
      await api('DELETE', path);
    },

    /** The router's list of accounts a write touched; only shared ones go anywhere. */
    async localChanged(accountIds: string[]): Promise<void> {
      const db = await deps.getSyncDb();
      for (const accountId of accountIds) {
        const name = accountDocName(accountId);
        const record = live.get(name)?.record ?? (await db.get('docs', name));
        if (!record || record.revoked) continue;
        // Marked before the push: a worker stopped in between pushes it on the next start.
        await db.put('docs', { ...record, dirty: true });
        const entry = await open({ ...record, dirty: true });
        entry.record = { ...entry.record, dirty: true };
        await enqueue(entry, async () => void (await pushLocal(entry)));
        connect(entry);
      }
    },

    /** The server and the person signed in, never the token (it stays in this worker). */
    connectionInfo(): { url: string; email: string } | null {
      return connection ? { url: connection.url, email: connection.email } : null;
    },

    /** One account's sync as its views show it; null when it was never shared here. */
    async accountState(accountId: string): Promise<AccountSyncState | null> {
      const name = accountDocName(accountId);
      const entry = live.get(name);
      const record = entry?.record ?? (await (await deps.getSyncDb()).get('docs', name));
      if (!record) return null;
      const waiting = entry?.provider?.unsyncedChanges ?? 0;
      const connected = socket?.status === 'connected' && entry?.provider != null;
      return {
        revoked: record.revoked,
        phase: record.revoked ? 'off' : !connected ? 'offline' : waiting > 0 ? 'pending' : 'synced',
        waiting: waiting + (record.dirty ? 1 : 0),
      };
    },

    /**
     * Stops sharing an account from this browser. The owner takes every teammate off the access
     * list first (their connections close at once, their copies stay theirs); then the document
     * is closed and forgotten here. The account itself stays in the store, untouched.
     */
    async unshare(accountId: string): Promise<void> {
      const name = accountDocName(accountId);
      const listed = (await api('GET', `/api/documents/${name}/members`).catch(() => null)) as {
        members?: { email: string; role: string }[];
      } | null;
      for (const member of listed?.members ?? []) {
        if (member.role === 'owner' || member.email === connection?.email) continue;
        await api('DELETE', `/api/documents/${name}/members/${encodeURIComponent(member.email)}`);
      }
      const entry = live.get(name);
      if (entry) await entry.queue;
      entry?.provider?.destroy();
      live.delete(name);
      await (await deps.getSyncDb()).delete('docs', name);
    },

    status(): SyncStatus {
      const entries = [...live.values()];
      const waiting = entries.reduce((n, e) => n + (e.provider?.unsyncedChanges ?? 0), 0);
      const revoked = entries.filter((e) => e.record.revoked).map((e) => e.record.accountId);
      const connected = socket?.status === 'connected';
      const phase: SyncPhase = !connection
        ? 'off'
        : !connected
          ? socket
            ? 'connecting'
            : 'offline'
          : waiting > 0
            ? 'pending'
            : 'synced';
      return { phase, waiting, shared: entries.length, revoked, error: lastError };
    },

    /** Waits for every queued step (tests, and a clean stop). */
    async settle(): Promise<void> {
      await Promise.all([...live.values()].map((e) => e.queue));
    },

    stop(): void {
      for (const entry of live.values()) entry.provider?.destroy();
      socket?.destroy();
      socket = null;
      live.clear();
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
