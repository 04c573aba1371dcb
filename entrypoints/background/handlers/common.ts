/**
 * What every handler shares: its context, its error, the one way it writes (a strict-durability
 * transaction that a retried operation does not apply twice), and the reads several domains need.
 */
import type { FieldConflict } from '@/utils/shared/field-merge';
import { unwrap, type IDBPTransaction } from 'idb';
import { readView, VIEW_STORES, type ViewLines } from '../account-reads';
import { appliedAnswer, OpReplayError, recordApplied, type OpTag } from '../applied-ops';
import { noteWrite } from '../due-count';
import {
  type RapportDb,
  type RapportSchema,
  withKeys,
  type StoredAccount,
  type StoreName,
} from '../db';
import { registrableDomain } from '@/utils/shared/match';
import type {
  AccountSummary,
  AccountView,
  FrameTarget,
  MessageName,
  ParsedRequestOf,
  ResponseOf,
} from '@/utils/contract/messages';
import type { Account } from '@/utils/contract/model';
import type { Settings } from '@/utils/contract/settings';
import type { TabStates } from '../tab-state';
import type { SyncEngine } from '../sync/sync-engine';
import { accountSyncOf } from '../sync/sync-words';

/** The most unsaved fields kept, and for how long: a week is plenty to come back to one. */
export const MAX_DRAFTS = 100;
export const DRAFTS_KEEP_MS = 7 * 24 * 60 * 60 * 1000;

export interface HandlerContext {
  db: RapportDb;
  /** The tab the message came from (a content script or a sidebar frame); none for the popup. */
  tabId?: number;
  /** What each tab's content script reported, for that tab's sidebar frame. */
  tabs: TabStates;
  /** The calling sidebar frame's own document; only for a sidebar frame. */
  frame?: FrameTarget;
  /**
   * The caller's id for this operation, bound to its message and sender: a write carrying one
   * already applied is not applied again (applied-ops.ts).
   */
  op?: OpTag;
  now: () => number;
  newId: () => string;
  settings: () => Promise<Settings>;
  saveSettings: (s: Settings) => Promise<void>;
  /** The reminder check (badge and notifications): browser APIs, so injected. */
  checkReminders: (now: number) => Promise<{ overdue: number; notified: number }>;
  /** Team sync (the worker's one engine); absent where there is none. */
  sync?: SyncEngine;
}

export interface Outcome<T> {
  data: T;
  /** Accounts whose records this call changed. */
  changed: string[];
}

/** A failure the caller can act on; anything else thrown is reported as a storage error. */
export class HandlerError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'invalid',
    message: string,
    /** With 'conflict' from a merge: the fields changed since they were read, both values. */
    readonly conflicts?: FieldConflict[],
  ) {
    super(message);
  }
}

export type Handlers = {
  [K in MessageName]: (
    req: ParsedRequestOf<K>,
    ctx: HandlerContext,
  ) => Promise<Outcome<ResponseOf<K>>>;
};

export type Tx = IDBPTransaction<RapportSchema, StoreName[], 'readwrite' | 'readonly'>;

export type WriteTx = IDBPTransaction<RapportSchema, StoreName[], 'readwrite'>;

/**
 * Runs `work` in one readwrite transaction that the browser flushes to disk before it reports
 * success. If `work` throws at any point, the transaction is aborted: no partial write is kept,
 * and no promise is left hanging on a transaction that will never complete.
 *
 * With an operation id, the id is recorded in the same transaction as the write, and a second
 * call with the same id returns the first answer without writing again: a caller whose worker
 * died before it answered can safely send the same message again.
 */
export async function write<T>(
  ctx: Pick<HandlerContext, 'db' | 'op' | 'now'>,
  stores: StoreName[],
  work: (tx: WriteTx) => Promise<T>,
): Promise<T> {
  const { db, op } = ctx;
  noteWrite(db);
  const tx = db.transaction(
    op && !stores.includes('ops') ? [...stores, 'ops'] : stores,
    'readwrite',
    {
      durability: 'strict',
    },
  );
  // A request queued without awaiting it (a page of puts) can fail and abort the transaction
  // before this function next awaits tx.done: the rejection is handled here, and reported below.
  tx.done.catch(() => undefined);
  try {
    if (op) {
      const applied = await appliedAnswer(tx, op);
      if (applied) {
        await tx.done;
        return applied.result as T;
      }
    }
    const result = await work(tx);
    if (op) await recordApplied(tx, op, ctx.now(), result);
    await tx.done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted by the failed request itself.
    }
    await tx.done.catch(() => undefined);
    if (error instanceof OpReplayError) throw new HandlerError(error.code, error.message);
    throw error;
  }
}

export async function mustGetAccount(tx: Tx, id: string): Promise<Account> {
  const account = await tx.objectStore('accounts').get(id);
  if (!account) throw new HandlerError('not_found', 'That account no longer exists.');
  return account;
}

export function bump(account: Account, now: number, patch: Partial<Account> = {}): StoredAccount {
  return withKeys({ ...account, ...patch, updatedAt: now, revision: account.revision + 1 });
}

export function summary(a: Account): AccountSummary {
  return {
    id: a.id,
    name: a.name,
    domains: a.domains,
    stage: a.stage,
    potential: a.potential,
    nextAction: a.nextAction,
  };
}

/** Registrable, de-duplicated domains: "mail.acme.co.uk" and "acme.co.uk" are one company. */
export function cleanDomains(domains: readonly string[]): string[] {
  return [...new Set(domains.map((d) => registrableDomain(d) ?? d.toLowerCase()))];
}

/** What an account view takes besides the store: the settings' offerings, the sync's state. */
export function viewLines(ctx: HandlerContext, settings: Settings): ViewLines {
  const sync = ctx.sync;
  return {
    offerings: settings.offerings,
    syncOf: async (id) => {
      const state = sync ? await sync.accountState(id) : null;
      return state && accountSyncOf(state);
    },
  };
}

export async function viewOf(ctx: HandlerContext, id: string): Promise<AccountView> {
  const lines = viewLines(ctx, await ctx.settings());
  const tx = ctx.db.transaction(VIEW_STORES as unknown as StoreName[], 'readonly');
  const view = await readView(unwrap(tx), id, lines);
  if (!view) throw new HandlerError('not_found', 'That account no longer exists.');
  return view;
}

/** The sender's tab: messages about "this tab" make no sense from the popup or the options page. */
export function senderTab(ctx: HandlerContext): number {
  if (ctx.tabId === undefined) throw new HandlerError('invalid', 'This message needs a tab.');
  return ctx.tabId;
}

/** A write refused by the merge rule: it names the fields changed since they were read. */
export const conflictError = (conflicts: FieldConflict[]) =>
  new HandlerError(
    'conflict',
    `Changed elsewhere since it was read: ${conflicts.map((c) => c.field).join(', ')}.`,
    conflicts,
  );
