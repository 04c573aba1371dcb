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
 *
 * Errors are SyncErrors (message keys), stated in the person's language by handlers/team.ts.
 * The person's own document, for their own browsers, is personal-sync.ts's, on the same socket.
 */
import * as Y from 'yjs';
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { ChangeEntry } from '@/utils/contract/team';
import { readChanges } from './change-log';
import { createDocSteps } from './doc-steps';
import { createLineWatch } from './line-watch';
import { createOwnerLookup } from './owner-lookup';
import { createPersonalSync } from './personal-sync';
import { dropClosedProvider } from './server-closed';
import { createRejoinOffers } from './rejoin-offers';
import { removeMember, setMember, verifyToken } from './server-api';
import { createSharing } from './sharing';
import { checkServerUrl } from './server-url';
import { asSyncError, SyncError } from './sync-errors';
import { attachProvider } from './providers';
import { accountDocName, type SyncConnection, type SyncDocRecord } from './sync-state';
import { accountStateOf, offerStateOf, statusOf, type DocView } from './sync-status';
import {
  LOCAL,
  type AccountSyncState,
  type Live,
  type SyncEngineDeps,
  type SyncStatus,
} from './sync-types';

export type { AccountSyncState, SyncEngineDeps, SyncPhase, SyncStatus } from './sync-types';

/** How often a connected worker asks which accounts teammates shared with this person. */
const DISCOVER_MS = 30_000;

const docView = (record: SyncDocRecord, entry: Live | undefined): DocView => ({
  accountId: record.accountId,
  revoked: record.revoked,
  dirty: record.dirty,
  role: record.role ?? null,
  unsynced: entry?.provider ? entry.provider.unsyncedChanges : null,
  refusal: entry?.refusal ?? null,
});

export function createSyncEngine(deps: SyncEngineDeps) {
  const live = new Map<string, Live>();
  let socket: HocuspocusProviderWebsocket | null = null;
  let connection: SyncConnection | null = null;
  let lastError: SyncError | null = null;
  let discovering: ReturnType<typeof setInterval> | undefined;
  const setError = (error: unknown) => void (lastError = asSyncError(error));

  const enqueue = (entry: Live, step: () => Promise<void>) => {
    entry.queue = entry.queue.then(step).catch(setError);
    return entry.queue;
  };

  // A line's state moves with the socket and the server's acknowledgements, not only with writes.
  const lines = createLineWatch({
    accounts: () => [...live.values()].map((e) => e.record.accountId),
    state: (accountId) => engine.accountState(accountId),
    notify: deps.notify,
    onError: setError,
  });
  const offers = createRejoinOffers(deps);
  const ownerLookup = createOwnerLookup({ connection: () => connection, now: deps.now });
  const { save, pushLocal, pullRemote } = createDocSteps(deps, {
    email: () => connection?.email,
    saved: lines.poke,
    onError: setError,
  });

  /** The one WebSocket, made on first use and shared by every document. */
  function theSocket(url: string): HocuspocusProviderWebsocket {
    if (socket) return socket;
    socket = new HocuspocusProviderWebsocket({
      url,
      WebSocketPolyfill: deps.WebSocketPolyfill,
    } as ConstructorParameters<typeof HocuspocusProviderWebsocket>[0]);
    // Each time the server is reached: accounts teammates shared meanwhile are joined.
    socket.on('status', ({ status }: { status: string }) => {
      lines.poke();
      if (status === 'connected') void engine.discover().catch(setError);
    });
    clearInterval(discovering);
    discovering = setInterval(() => {
      if (socket?.status === 'connected') void engine.discover().catch(setError);
    }, DISCOVER_MS);
    return socket;
  }

  function connect(entry: Live): void {
    if (!connection || entry.provider || entry.record.revoked) return;
    const doc = { name: entry.record.name, document: entry.doc, token: connection.token };
    entry.provider = attachProvider(theSocket(connection.url), doc, {
      onSynced: () => void (entry.refusal = null),
      onRefused: (error) => refused(entry, error),
      onForbidden: () => void markRevoked(entry),
      onUnsyncedChanges: lines.poke,
    });
    lines.poke();
  }

  /**
   * The server refused an update to this document. Everything stays here, in the store and in
   * the doc; the document is not connected again until this browser changes the account (or the
   * worker starts again), so a refused update is not sent over and over. The line watch tells
   * the views (the line's state now carries the error).
   */
  function refused(entry: Live, error: SyncError): void {
    dropClosedProvider(socket, entry.provider);
    entry.provider = null;
    entry.refusal = error;
    lastError = error;
    lines.poke();
  }

  /** The line says "No longer shared" from the notice the line watch sends (save pokes it). */
  async function markRevoked(entry: Live): Promise<void> {
    dropClosedProvider(socket, entry.provider);
    entry.provider = null;
    entry.record = { ...entry.record, revoked: true };
    await save(entry);
  }

  const hasDoc = async (accountId: string) =>
    live.has(accountDocName(accountId)) ||
    (await (await deps.getSyncDb()).getKey('docs', accountDocName(accountId))) !== undefined;

  const personal = createPersonalSync({
    ...deps,
    isShared: hasDoc,
    join: (accountId) => engine.join(accountId),
    onError: setError,
    // A refused update to the person's own document (too large): stated; it stays here.
    attach: (name, document, onSynced) =>
      attachProvider(
        theSocket(connection!.url),
        { name, document, token: connection!.token },
        { onSynced, onRefused: setError },
      ),
  });

  async function open(record: SyncDocRecord): Promise<Live> {
    const existing = live.get(record.name);
    if (existing) return existing;
    const doc = new Y.Doc();
    if (record.update.length > 0) Y.applyUpdate(doc, record.update, LOCAL);
    const entry: Live = {
      record,
      doc,
      provider: null,
      queue: Promise.resolve(),
      base: null,
      refusal: null,
    };
    live.set(record.name, entry);
    doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== LOCAL) void enqueue(entry, () => pullRemote(entry));
    });
    return entry;
  }

  const sharing = createSharing({
    deps,
    live,
    connection: () => connection,
    socket: theSocket,
    open,
    connect,
    enqueue,
    save,
    pushLocal,
    pullRemote,
    hasDoc,
    offers,
    personal: () => personal,
    lines,
    setError,
  });

  const engine = {
    verify: verifyToken,
    ...sharing,

    /** Sets the server and this person's token; reconnects every shared document. */
    async configure(input: Omit<SyncConnection, 'key'> | null): Promise<void> {
      let next: SyncConnection | null = null;
      if (input) {
        const checked = checkServerUrl(input.url);
        if (!checked.ok) throw new SyncError(checked.reason);
        next = {
          key: 'connection',
          url: checked.url,
          email: input.email,
          token: input.token,
          own: input.own ?? false,
        };
      }
      const db = await deps.getSyncDb();
      if (next?.url !== connection?.url || next?.email !== connection?.email) await offers.clear();
      if (next) await db.put('settings', next);
      else await db.delete('settings', 'connection');
      personal.stop();
      for (const entry of live.values()) {
        entry.provider?.destroy();
        entry.provider = null;
      }
      socket?.destroy();
      socket = null;
      clearInterval(discovering);
      connection = next;
      lastError = null;
      for (const entry of live.values()) connect(entry);
      // Connected even with nothing shared yet: accounts shared with this person are found.
      if (connection) theSocket(connection.url);
      lines.poke();
      await personal.start(connection?.own ? connection.email : null);
    },

    /** Turns the sync of this person's unshared accounts between their browsers on or off. */
    async setOwn(on: boolean): Promise<void> {
      if (!connection) throw new SyncError('syncErrNotSetUp');
      connection = { ...connection, own: on };
      await (await deps.getSyncDb()).put('settings', connection);
      await personal.start(on ? connection.email : null);
    },

    /** Reopens every shared document after a worker start; safe to call more than once. */
    async resume(): Promise<void> {
      const db = await deps.getSyncDb();
      connection = (await db.get('settings', 'connection')) ?? null;
      for (const record of await db.getAll('docs')) {
        if (!record.name.startsWith('account:')) continue; // The person's own: personal-sync.ts.
        const entry = await open(record);
        if (entry.record.dirty) await enqueue(entry, async () => void (await pushLocal(entry)));
        await enqueue(entry, () => pullRemote(entry));
        connect(entry);
      }
      if (connection) theSocket(connection.url);
      await personal.start(connection?.own ? connection.email : null);
    },

    /** "Not now" on an offer: it stays unjoined; the sidebar's card stops asking. */
    dismissOffer: (accountId: string) => offers.dismiss(accountId),

    /** Gives a teammate a role on a shared account (the owner only; the server checks). */
    async setMember(accountId: string, email: string, role: 'editor' | 'viewer'): Promise<void> {
      await setMember(connection, accountId, email, role);
    },

    /** Takes a teammate off a shared account: the server closes their connection at once. */
    async removeMember(accountId: string, email: string): Promise<void> {
      await removeMember(connection, accountId, email);
    },

    /** The router's list of accounts a write touched; only shared ones go anywhere. */
    async localChanged(accountIds: string[]): Promise<void> {
      const db = await deps.getSyncDb();
      // One read of which documents exist, not a read (and a transaction) per account: an import
      // changes thousands of accounts at once, and most of them were never shared.
      const stored = new Set(await db.getAllKeys('docs'));
      const own: string[] = [];
      for (const accountId of accountIds) {
        const name = accountDocName(accountId);
        const record =
          live.get(name)?.record ?? (stored.has(name) ? await db.get('docs', name) : undefined);
        if (!record) own.push(accountId);
        if (!record || record.revoked) continue;
        // Marked before the push: a worker stopped in between pushes it on the next start.
        await db.put('docs', { ...record, dirty: true });
        const entry = await open({ ...record, dirty: true });
        entry.record = { ...entry.record, dirty: true };
        lines.poke();
        await enqueue(entry, async () => void (await pushLocal(entry)));
        connect(entry);
      }
      await personal.localChanged(own);
    },

    /** The server and the person signed in, never the token (it stays in this worker). */
    connectionInfo(): { url: string; email: string } | null {
      return connection ? { url: connection.url, email: connection.email } : null;
    },

    /** Who on the team owns a shared account for a client domain (owner-lookup.ts). */
    owners: (domain: string) => ownerLookup.owners(domain),

    /** One account's sync as its views show it; null when it was never shared here. */
    async accountState(accountId: string): Promise<AccountSyncState | null> {
      const name = accountDocName(accountId);
      const entry = live.get(name);
      if (!entry && deps.mayHaveRecord && !(await deps.mayHaveRecord(accountId))) return null;
      const record = entry?.record ?? (await (await deps.getSyncDb()).get('docs', name));
      if (!record) return offerStateOf(await offers.get(accountId));
      return accountStateOf(docView(record, entry), socket?.status === 'connected');
    },

    /** Who changed what, and when, newest first; null when it is not shared here. */
    history(accountId: string): ChangeEntry[] | null {
      const entry = live.get(accountDocName(accountId));
      return entry ? readChanges(entry.doc, deps.now()) : null;
    },

    status(): SyncStatus {
      return statusOf({
        configured: connection !== null,
        socketConnected: socket ? socket.status === 'connected' : null,
        docs: [...live.values()].map((e) => docView(e.record, e)),
        personalWaiting: personal.waiting(),
        own: connection?.own ?? false,
        error: lastError,
      });
    },

    /** Waits for every queued step (tests, and a clean stop). */
    async settle(): Promise<void> {
      await Promise.all([...live.values()].map((e) => e.queue));
      await personal.settle();
      await lines.settle();
    },

    stop(): void {
      lines.stop();
      personal.stop();
      for (const entry of live.values()) entry.provider?.destroy();
      socket?.destroy();
      socket = null;
      clearInterval(discovering);
      live.clear();
    },
  };
  return engine;
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
