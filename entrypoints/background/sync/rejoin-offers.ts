/**
 * Accounts a teammate shares with this person whose id this store already holds, with no sync
 * record here: most often a backup of a shared account restored (after an erase, or in a new
 * browser). Joining such a document on its own would push this account's records to whoever
 * made it, and someone can claim a document under an id they know (ids are not secret from a
 * teammate). So it is not joined: it is remembered as an offer, the account's sync line says
 * whose server and who shares it, and only the person's "Rejoin" joins it.
 *
 * Nothing of the account leaves this browser while it is an offer: no document is opened for it,
 * no provider is attached, the only calls to the server are the access-list reads any member makes.
 */
import * as Y from 'yjs';
import type { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { RapportDb } from '../db';
import { readAccountFromDoc, type AccountSnapshot } from './account-doc';
import { readSnapshot } from './account-store';
import { firstSync } from './first-sync';
import { attachProvider } from './providers';
import { documentOwner } from './server-api';
import type { SyncError } from './sync-errors';
import type { RejoinOfferRecord, SyncConnection, SyncDb } from './sync-state';

export interface RejoinOffersDeps {
  getSyncDb: () => Promise<SyncDb>;
  notify: (accountIds: string[]) => Promise<void>;
}

export function createRejoinOffers(deps: RejoinOffersDeps) {
  const db = deps.getSyncDb;
  return {
    get: async (accountId: string): Promise<RejoinOfferRecord | undefined> =>
      (await db()).get('offers', accountId),

    /** Found by discover(): kept as it is when already known (a "Not now" stays said). */
    async note(accountId: string, connection: SyncConnection | null) {
      if (!connection) return;
      const known = await (await db()).get('offers', accountId);
      if (known?.server === connection.url) return;
      const owner = await documentOwner(connection, accountId);
      const offer = { accountId, server: connection.url, owner, dismissed: false };
      // Looked again in the write's own transaction: another discover may have noted it while the
      // owner was asked for, and the user may have said "Not now" to that one since.
      const tx = (await db()).transaction('offers', 'readwrite');
      const noted = (await tx.store.get(accountId))?.server === connection.url;
      if (!noted) await tx.store.put(offer);
      await tx.done;
      if (!noted) await deps.notify([accountId]);
    },

    /** Offers no longer standing: not shared with this person any more, or joined. */
    async keepOnly(accountIds: string[]): Promise<void> {
      const gone = (await (await db()).getAllKeys('offers')).filter(
        (id) => !accountIds.includes(id),
      );
      for (const id of gone) await (await db()).delete('offers', id);
      if (gone.length > 0) await deps.notify(gone);
    },

    async drop(accountId: string): Promise<void> {
      if ((await (await db()).getKey('offers', accountId)) === undefined) return;
      await (await db()).delete('offers', accountId);
      await deps.notify([accountId]);
    },

    /** "Not now": the offer stays (the account page still has it), the card stops asking. */
    async dismiss(accountId: string): Promise<boolean> {
      const tx = (await db()).transaction('offers', 'readwrite');
      const offer = await tx.store.get(accountId);
      if (offer) await tx.store.put({ ...offer, dismissed: true });
      await tx.done;
      if (!offer) return false;
      await deps.notify([accountId]);
      return true;
    },

    /** Another server or person: offers found for the one before mean nothing now. */
    async clear(): Promise<void> {
      const ids = await (await db()).getAllKeys('offers');
      await (await db()).clear('offers');
      if (ids.length > 0) await deps.notify(ids);
    },
  };
}

export type RejoinOffers = ReturnType<typeof createRejoinOffers>;

/**
 * What a rejoin pushes this browser's store against. The store is most often an older backup,
 * and nothing says which of its fields changed since it was made: where the two copies differ,
 * the team's copy is kept (the base is the store itself, so nothing of it reads as a change),
 * and what only this browser has (a person, a decision, an activity the team's copy lacks) is
 * added to it. Records only the team has are not in the store, nor in the base: kept too.
 */
export function rejoinBase(server: AccountSnapshot, local: AccountSnapshot): AccountSnapshot {
  const known = <T extends { id: string }>(mine: T[], theirs: T[]) => {
    const ids = new Set(theirs.map((r) => r.id));
    return mine.filter((r) => ids.has(r.id));
  };
  return {
    account: local.account,
    people: known(local.people, server.people),
    activities: known(local.activities, server.activities),
    decisions: known(local.decisions, server.decisions),
    stageChanges: known(local.stageChanges, server.stageChanges),
    objectives: known(local.objectives, server.objectives),
    buyingUnits: known(local.buyingUnits, server.buyingUnits),
    whitespace: known(local.whitespace, server.whitespace),
  };
}

/**
 * The server's copy of an offered document, read into a doc of its own: nothing of the store is
 * in it, so nothing is sent. The rejoin then opens the account's document on this copy and
 * pushes the store onto it (rejoinBase), as sharing an account again does.
 */
export async function readServerCopy(
  socket: HocuspocusProviderWebsocket,
  at: { name: string; token: string },
  onRefused: (error: SyncError) => void,
  ms: number,
): Promise<Y.Doc | null> {
  const copy = new Y.Doc();
  const events = { onSynced() {}, onRefused };
  const provider = attachProvider(socket, { ...at, document: copy }, events);
  const synced = await firstSync(provider, ms);
  provider.destroy();
  return synced ? copy : null;
}

/** rejoinBase from the server's copy as a doc; null when either side has no account. */
export async function rejoinBaseOf(
  doc: Y.Doc,
  deps: { getDb: () => Promise<RapportDb>; now: () => number },
  accountId: string,
): Promise<AccountSnapshot | null> {
  const local = await readSnapshot(await deps.getDb(), accountId);
  const server = readAccountFromDoc(doc, local, deps.now()).snapshot;
  return server && local ? rejoinBase(server, local) : null;
}
