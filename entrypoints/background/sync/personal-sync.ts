/**
 * A person's own document, `user:<email>`: their accounts that are shared with no one, synced
 * between their own browsers (a second laptop, a new profile). Off until the person turns it on
 * in the Team section: otherwise an account that is not shared never leaves the browser. Only
 * that person may open the document on the server (server/access.mjs).
 *
 *   index        Y.Map  accountId -> 'personal' | 'shared' | 'deleted'
 *   a/<id>/...          the account in account-doc.ts's layout, under its own prefix
 *
 * 'shared' accounts live in their own document: the other browsers join it. 'deleted' puts the
 * account in the other browsers' trash (their undo puts it back, and it syncs again).
 *
 * As in sync-engine.ts, IndexedDB stays the UI's source of truth and work runs one step at a
 * time. The ids still to push (`dirty`) and to write to the store (`pending`) are saved with the
 * doc's state, so a worker stopped between the two finishes the work on its next start.
 */
import * as Y from 'yjs';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import type { RapportDb } from '../db';
import { applyLocalChanges, readAccountFromDoc, type AccountSnapshot } from './account-doc';
import { readSnapshot, trashSnapshot, writeSnapshot } from './account-store';
import type { SyncDb, SyncDocRecord } from './sync-state';

export type IndexEntry = 'personal' | 'shared' | 'deleted';
export const personalDocName = (email: string) => `user:${email}`;
const prefixOf = (accountId: string) => `a/${accountId}/`;
const ROOT = /^a\/([^/]+)\//;
/** The origin of this browser's own transactions on the doc. */
const LOCAL = Symbol('rapport-personal-local');

export interface PersonalDeps {
  getDb: () => Promise<RapportDb>;
  getSyncDb: () => Promise<SyncDb>;
  notify: (accountIds: string[]) => Promise<void>;
  now: () => number;
  /** A provider on the engine's one WebSocket; onSynced each time the server has answered. */
  attach: (name: string, doc: Y.Doc, onSynced: () => void) => HocuspocusProvider;
  /** Whether the account has its own team document in this browser. */
  isShared: (accountId: string) => Promise<boolean>;
  join: (accountId: string) => Promise<void>;
  onError: (error: unknown) => void;
}

interface Open {
  record: SyncDocRecord;
  doc: Y.Doc;
  provider: HocuspocusProvider | null;
  queue: Promise<void>;
  /** What this browser's store last agreed with the doc, by account. */
  base: Map<string, AccountSnapshot>;
}

/** The accounts a teammate's (here: another browser's) transaction touched. */
function touchedAccounts(tr: Y.Transaction): string[] {
  const ids = new Set<string>();
  for (const [type, keys] of tr.changed) {
    let root = type;
    while (root._item) root = root._item.parent as typeof root;
    let name: string;
    try {
      name = Y.findRootTypeKey(root);
    } catch {
      continue;
    }
    if (name === 'index') for (const key of keys) if (key) ids.add(key);
    const match = ROOT.exec(name);
    if (match) ids.add(match[1]!);
  }
  return [...ids];
}

export function createPersonalSync(deps: PersonalDeps) {
  let open: Open | null = null;

  const enqueue = (o: Open, step: () => Promise<void>) => {
    o.queue = o.queue.then(step).catch(deps.onError);
    return o.queue;
  };
  const index = (o: Open) => o.doc.getMap<IndexEntry>('index');

  async function save(o: Open, change: Partial<SyncDocRecord> = {}): Promise<void> {
    o.record = { ...o.record, ...change, update: Y.encodeStateAsUpdate(o.doc) };
    await (await deps.getSyncDb()).put('docs', o.record);
  }

  const without = (list: string[] | undefined, id: string) => (list ?? []).filter((x) => x !== id);

  /** This browser's change to one account into the doc; its deletion too when `deleted`. */
  async function push(o: Open, id: string, deletedHere: boolean): Promise<AccountSnapshot | null> {
    const current = await readSnapshot(await deps.getDb(), id);
    const entry = index(o).get(id);
    if (!current) {
      if (deletedHere && entry === 'personal')
        o.doc.transact(() => index(o).set(id, 'deleted'), LOCAL);
      o.base.delete(id);
      return null;
    }
    if (await deps.isShared(id)) {
      if (entry !== 'shared') o.doc.transact(() => index(o).set(id, 'shared'), LOCAL);
      return null;
    }
    const known = entry === 'personal';
    const base =
      o.base.get(id) ??
      (known ? readAccountFromDoc(o.doc, current, deps.now(), prefixOf(id)).snapshot : null);
    o.doc.transact(() => {
      if (!known) index(o).set(id, 'personal');
      applyLocalChanges(o.doc, base, current, LOCAL, prefixOf(id));
    }, LOCAL);
    o.base.set(id, current);
    return current;
  }

  /** The doc's version of one account into the store, this browser's own change kept. */
  async function pull(o: Open, id: string): Promise<void> {
    const db = await deps.getDb();
    const entry = index(o).get(id);
    if (entry === 'shared') return deps.join(id);
    if (entry === 'deleted') {
      o.base.delete(id);
      if (await trashSnapshot(db, id, deps.now())) await deps.notify([id]);
      return;
    }
    if (entry !== 'personal' || (await deps.isShared(id))) return;
    for (let attempt = 0; attempt < 5; attempt++) {
      const local = await push(o, id, false);
      const { snapshot } = readAccountFromDoc(o.doc, local, deps.now(), prefixOf(id));
      if (!snapshot || snapshot.account.id !== id) return;
      const outcome = await writeSnapshot(db, snapshot, deps.now(), local);
      if (outcome.stale) continue;
      o.base.set(id, snapshot);
      if (outcome.changed) await deps.notify([id]);
      return;
    }
    throw new Error('store-busy');
  }

  /** Marks, then pushes: a worker stopped in between pushes on its next start. */
  async function pushMarked(o: Open, ids: string[]): Promise<void> {
    await save(o, { dirtyAccounts: [...new Set([...(o.record.dirtyAccounts ?? []), ...ids])] });
    await enqueue(o, async () => {
      for (const id of ids) await push(o, id, true);
      let dirty = o.record.dirtyAccounts;
      for (const id of ids) dirty = without(dirty, id);
      await save(o, { dirtyAccounts: dirty, dirty: false });
    });
  }

  async function pullPending(o: Open): Promise<void> {
    for (const id of o.record.pendingAccounts ?? []) {
      await pull(o, id);
      await save(o, { pendingAccounts: without(o.record.pendingAccounts, id) });
    }
  }

  /**
   * The first time this browser meets the doc (after the server answered): accounts the doc
   * already has come from it, as on a new device; the others go into it.
   */
  async function seed(o: Open): Promise<void> {
    const db = await deps.getDb();
    const ids = (await db.getAllKeys('accounts')) as string[];
    const known = index(o);
    const fresh = ids.filter((id) => !known.has(id));
    await save(o, {
      pendingAccounts: [...new Set([...(o.record.pendingAccounts ?? []), ...known.keys()])],
    });
    for (const id of fresh) await push(o, id, false);
    await save(o, { seeded: true });
    await pullPending(o);
  }

  return {
    /** Opens the person's doc (or closes it when `email` is null or sync of their own is off). */
    async start(email: string | null): Promise<void> {
      if (open && open.record.name === (email && personalDocName(email))) return;
      this.stop();
      if (!email) return;
      const name = personalDocName(email);
      const syncDb = await deps.getSyncDb();
      const record: SyncDocRecord = (await syncDb.get('docs', name)) ?? {
        name,
        accountId: '',
        update: new Uint8Array(),
        dirty: false,
        revoked: false,
      };
      const doc = new Y.Doc();
      if (record.update.length > 0) Y.applyUpdate(doc, record.update, LOCAL);
      const o: Open = { record, doc, provider: null, queue: Promise.resolve(), base: new Map() };
      open = o;
      doc.on('afterTransaction', (tr: Y.Transaction) => {
        if (tr.origin === LOCAL) return;
        const ids = touchedAccounts(tr);
        if (ids.length === 0) return;
        // Saved with the doc before the store is written: a stop in between is finished later.
        const pending = [...new Set([...(o.record.pendingAccounts ?? []), ...ids])];
        void enqueue(o, async () => {
          await save(o, { pendingAccounts: pending });
          if (o.record.seeded) await pullPending(o);
        });
      });
      if (record.dirtyAccounts?.length) await pushMarked(o, record.dirtyAccounts);
      if (record.seeded) await enqueue(o, () => pullPending(o));
      await save(o);
      o.provider = deps.attach(name, doc, () => {
        if (!o.record.seeded) void enqueue(o, () => seed(o));
      });
    },

    /** Accounts a write here touched (the shared ones too: the index says they are shared). */
    async localChanged(accountIds: string[]): Promise<void> {
      if (!open || accountIds.length === 0) return;
      await pushMarked(open, accountIds);
    },

    active(): boolean {
      return open !== null;
    },

    waiting(): number {
      if (!open) return 0;
      return (open.provider?.unsyncedChanges ?? 0) + (open.record.dirtyAccounts?.length ?? 0);
    },

    async settle(): Promise<void> {
      await open?.queue;
    },

    stop(): void {
      open?.provider?.destroy();
      open = null;
    },
  };
}

export type PersonalSync = ReturnType<typeof createPersonalSync>;
