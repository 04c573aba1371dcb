/**
 * Which shared accounts this browser is on, and how it gets on and off them: sharing an account,
 * joining one a teammate shares, rejoining after access came back or from an offer, and
 * stopping. The engine (sync-engine.ts) holds the open documents and the socket; this works
 * through the few steps it lends (SharingCore).
 */
import * as Y from 'yjs';
import type { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { firstSync } from './first-sync';
import type { LineWatch } from './line-watch';
import type { PersonalSync } from './personal-sync';
import { readServerCopy, rejoinBaseOf, type RejoinOffers } from './rejoin-offers';
import { callServer, myDocuments, removeTeam } from './server-api';
import { SyncError } from './sync-errors';
import { accountDocName, type SyncConnection, type SyncDocRecord } from './sync-state';
import type { Live, SyncEngineDeps } from './sync-types';

/** How long sharing waits for the server's copy of a document before pushing without it. */
const SHARE_SYNC_MS = 5_000;

/** What the engine lends: its open documents and the steps that work on them. */
export interface SharingCore {
  deps: SyncEngineDeps;
  live: Map<string, Live>;
  connection: () => SyncConnection | null;
  socket: (url: string) => HocuspocusProviderWebsocket;
  open: (record: SyncDocRecord) => Promise<Live>;
  connect: (entry: Live) => void;
  enqueue: (entry: Live, step: () => Promise<void>) => Promise<void>;
  save: (entry: Live) => Promise<void>;
  pushLocal: (entry: Live) => Promise<unknown>;
  pullRemote: (entry: Live) => Promise<void>;
  hasDoc: (accountId: string) => Promise<boolean>;
  offers: RejoinOffers;
  personal: () => PersonalSync;
  lines: LineWatch;
  setError: (error: unknown) => void;
}

export function createSharing(core: SharingCore) {
  const { deps, live, open, connect, enqueue, save, offers, lines } = core;
  const push = (entry: Live) => enqueue(entry, async () => void (await core.pushLocal(entry)));

  /**
   * A copy marked "no longer shared" whose person has access again: shared again. The doc kept
   * here is what this browser last agreed with the team; what changed in the store since is
   * pushed onto it as this browser's change, and the team's changes meanwhile come from the
   * server and merge with it (Yjs): one account, nothing lost, nothing twice.
   */
  async function rejoin(entry: Live): Promise<void> {
    entry.record = { ...entry.record, revoked: false, dirty: true };
    await save(entry);
    await push(entry);
    connect(entry);
  }

  const sharing = {
    /** Starts sharing an account: its document gets everything the store has for it. */
    async share(accountId: string): Promise<string> {
      await callServer(core.connection(), 'POST', `/api/documents/${accountDocName(accountId)}`);
      const name = accountDocName(accountId);
      const record: SyncDocRecord = {
        name,
        accountId,
        update: new Uint8Array(),
        dirty: true,
        revoked: false,
        role: 'owner',
      };
      const entry = live.get(name) ?? (await open(record));
      entry.record = { ...entry.record, role: 'owner' };
      await (await deps.getSyncDb()).put('docs', entry.record);
      // Shared before and stopped: the server still has the document. This browser's changes
      // since then are pushed on top of it (its update arrives first), not beside it.
      connect(entry);
      await firstSync(entry.provider, SHARE_SYNC_MS);
      await push(entry);
      // The person's other browsers learn from their own document that it is shared now.
      await core.personal().localChanged([accountId]);
      return name;
    },

    /** Opens an account a teammate shared with this person: the store gets it from the doc. */
    async join(accountId: string, role?: SyncDocRecord['role']): Promise<void> {
      const name = accountDocName(accountId);
      const known = await (await deps.getSyncDb()).get('docs', name);
      const record: SyncDocRecord = {
        ...(known ?? { name, accountId, update: new Uint8Array(), dirty: false, revoked: false }),
        ...(role ? { role } : {}),
      };
      await (await deps.getSyncDb()).put('docs', record);
      connect(await open(record));
      await offers.drop(accountId);
    },

    /** The person's "Rejoin" on an offer: the server's copy first, then the store merged in. */
    async rejoinOffer(accountId: string): Promise<void> {
      const connection = core.connection();
      const offer = await offers.get(accountId);
      if (!connection || offer?.server !== connection.url) throw new SyncError('syncErrNoOffer');
      const name = accountDocName(accountId);
      const at = { name, token: connection.token };
      const socket = core.socket(connection.url);
      const copy = await readServerCopy(socket, at, core.setError, SHARE_SYNC_MS);
      if (!copy) throw new SyncError('syncErrUnreachable');
      const update = Y.encodeStateAsUpdate(copy);
      const entry = await open({ name, accountId, update, dirty: true, revoked: false });
      entry.base = await rejoinBaseOf(copy, deps, accountId);
      await save(entry);
      await offers.drop(accountId);
      await enqueue(entry, () => core.pullRemote(entry));
      connect(entry);
      await core.personal().localChanged([accountId]);
    },

    /**
     * Joins every account teammates shared with this person that is not open here yet, and
     * notes this person's role on each open one (only the owner stops sharing).
     */
    async discover(): Promise<void> {
      const db = await deps.getDb();
      const mine = await myDocuments(core.connection());
      for (const { accountId, role } of mine) {
        const entry = live.get(accountDocName(accountId));
        if (entry && entry.record.role !== role) {
          entry.record = { ...entry.record, role };
          await save(entry);
          lines.poke();
        }
        if (role === 'owner') continue;
        // Taken off the list, then given access again: the copy here rejoins the document.
        if (entry?.record.revoked) await rejoin(entry);
        if (entry) continue;
        // A document someone else claimed under the id of an account this store holds and never
        // synced: joining it would push that account's records to them (and theirs over it).
        // Ids are not secret from a teammate (an account once shared, a backup file they gave).
        // Most often it is this person's own restored backup: they are asked (rejoin-offers.ts).
        if (
          !(await core.hasDoc(accountId)) &&
          (await db.getKey('accounts', accountId)) !== undefined
        ) {
          await offers.note(accountId, core.connection());
          continue;
        }
        await sharing.join(accountId, role);
      }
      await offers.keepOnly(mine.filter((d) => d.role !== 'owner').map((d) => d.accountId));
    },

    /**
     * Stops sharing an account from this browser (its owner only; the server refuses anyone
     * else's taking people off). Every teammate is taken off the access list first (their
     * connections close at once, their copies stay theirs); then the document is closed and
     * forgotten here. The account itself stays in the store, untouched.
     */
    async unshare(accountId: string): Promise<void> {
      const name = accountDocName(accountId);
      const entry = live.get(name);
      const record = entry?.record ?? (await (await deps.getSyncDb()).get('docs', name));
      if (record?.role !== 'owner') throw new SyncError('syncErrNotOwner');
      await removeTeam(core.connection(), accountId);
      if (entry) await entry.queue;
      entry?.provider?.destroy();
      live.delete(name);
      lines.forget(accountId);
      await (await deps.getSyncDb()).delete('docs', name);
      // Back to an account of this person's own: their other browsers keep it as such.
      await core.personal().localChanged([accountId]);
    },
  };
  return sharing;
}
