/**
 * Accounts: reading, creating, editing, listing, and deleting them to the trash (and back).
 * Finding those a page is about is resolve.ts.
 */
import { unwrap } from 'idb';
import { answer, lastTouchedByAccount } from '../account-reads';
import { coverageByAccount } from '../coverage-reads';
import { atRiskByAccount } from '../objective-reads';
import { coverageOf } from '@/utils/shared/coverage';
import { dropLeftovers } from '../backup-copy';
import {
  ALL_STORES,
  OPS_KEEP_MS,
  type RapportDb,
  withKeys,
  type StoredAccount,
  type StoreName,
  type TrashEntry,
} from '../db';
import { CHILD_KINDS } from '@/utils/contract/records';
import { allChildRecordsOf } from '../child-records';
import type { AccountSummary, AccountRow } from '@/utils/contract/messages';
import { checkDomains, describeProblem } from '../domain-rules';
import type { Account, CrmRef, StageChange } from '@/utils/contract/model';
import { flatten, mergeFields } from '@/utils/shared/field-merge';
import { newPerson } from './people';
import {
  type HandlerContext,
  type Handlers,
  HandlerError,
  type Tx,
  write,
  mustGetAccount,
  bump,
  conflictError,
  summary,
  cleanDomains,
  DRAFTS_KEEP_MS,
  viewOf,
} from './common';

/** How long a deleted account waits in the trash before it is purged. */
export const TRASH_KEEP_MS = 7 * 24 * 60 * 60 * 1000;

/** Every record that belongs to an account, from the index that finds each kind. */
async function recordsOf(
  tx: Tx,
  account: Account,
): Promise<Omit<TrashEntry, 'accountId' | 'deletedAt'>> {
  return { account, ...(await allChildRecordsOf(tx, account.id)) };
}

function newAccount(
  ctx: HandlerContext,
  fields: Pick<Account, 'name' | 'domains' | 'stage' | 'potential'> & Partial<Account>,
): StoredAccount {
  const now = ctx.now();
  return withKeys({
    id: ctx.newId(),
    profile: { goals: '', painPoints: '', opportunities: '' },
    nextAction: null,
    cadenceDays: null,
    crmRefs: [],
    createdAt: now,
    updatedAt: now,
    revision: 1,
    ...fields,
    domains: cleanDomains(fields.domains),
  });
}

export const accountHandlers = {
  async linkCrmRecord(req, ctx) {
    return write(ctx, ['accounts'], async (tx) => {
      const account = await mustGetAccount(tx, req.accountId);
      const same = (r: CrmRef) =>
        r.system === req.crmRef.system && r.recordId === req.crmRef.recordId;
      // What the record shows is kept on the account: its URL, and any web domain not yet known.
      const crmRefs = [...account.crmRefs.filter((r) => !same(r)), req.crmRef];
      const domains = cleanDomains([...account.domains, ...req.domains]);
      const unchanged =
        account.crmRefs.some(
          (r) => same(r) && r.url === req.crmRef.url && r.recordType === req.crmRef.recordType,
        ) && domains.length === account.domains.length;
      if (unchanged) return { data: account, changed: [] };
      const next = bump(account, ctx.now(), { crmRefs, domains });
      await tx.objectStore('accounts').put(next);
      return { data: next, changed: [next.id] };
    });
  },

  async getAccount(req, ctx) {
    return { data: await viewOf(ctx, req.id), changed: [] };
  },

  async createAccount(req, ctx) {
    const account = newAccount(ctx, {
      name: req.name,
      domains: req.domains,
      stage: req.stage ?? 'tactical',
      potential: req.potential ?? 'medium',
      crmRefs: req.crmRef ? [req.crmRef] : [],
    });
    // A retried call returns the id the first call created, not the fresh one made above.
    const id = await write(ctx, ['accounts', 'people'], async (tx) => {
      await tx.objectStore('accounts').add(account);
      for (const p of req.people ?? []) {
        await tx
          .objectStore('people')
          .add(newPerson(ctx, { accountId: account.id, name: p.name, emails: [p.email] }));
      }
      // Its first stage is not a stage change of its own: views read it from the account
      // (stage-history.ts).
      return account.id;
    });
    return { data: await viewOf(ctx, id), changed: [id] };
  },

  async checkDomains(req, ctx) {
    const tx = ctx.db.transaction('accounts', 'readonly');
    return { data: await checkDomains(tx as never, req.accountId, req.domains), changed: [] };
  },

  async updateAccount(req, ctx) {
    const next = await write(ctx, ['accounts'], async (tx) => {
      const account = await mustGetAccount(tx, req.id);
      if (req.patch.domains) {
        const { problems } = await checkDomains(tx, account.id, req.patch.domains);
        if (problems[0]) throw new HandlerError('invalid', describeProblem(problems[0]));
      }
      const patch = req.patch.domains
        ? { ...req.patch, domains: cleanDomains(req.patch.domains) }
        : req.patch;
      const merged = mergeFields(
        account,
        flatten(patch, ['profile']),
        flatten(req.base, ['profile']),
      );
      if (!merged.ok) throw conflictError(merged.conflicts);
      if (merged.applied.length === 0) return account;
      const updated = bump(merged.next, ctx.now());
      await tx.objectStore('accounts').put(updated);
      return updated;
    });
    return { data: next, changed: [next.id] };
  },

  async setStage(req, ctx) {
    return write(ctx, ['accounts', 'stageChanges'], async (tx) => {
      const account = await mustGetAccount(tx, req.id);
      if (account.stage === req.stage) return { data: account, changed: [] };
      // Moved by someone else since it was read: their move stands until the user chooses.
      if (account.stage !== req.base)
        throw conflictError([{ field: 'stage', mine: req.stage, theirs: account.stage }]);
      const now = ctx.now();
      const next = bump(account, now, { stage: req.stage });
      const change: StageChange = {
        id: ctx.newId(),
        accountId: account.id,
        from: account.stage,
        to: req.stage,
        at: now,
        reason: req.reason,
      };
      await tx.objectStore('accounts').put(next);
      await tx.objectStore('stageChanges').add(change);
      return { data: next, changed: [next.id] };
    });
  },

  async searchAccounts(req, ctx) {
    const q = req.query.trim().toLowerCase();
    const limit = req.limit ?? 20;
    const found: AccountSummary[] = [];
    // A cursor walk stops at `limit`; names are free text, so no index can serve a substring.
    let cursor = await ctx.db.transaction('accounts').store.openCursor();
    while (cursor && found.length < limit) {
      const a = cursor.value;
      if (!q || a.name.toLowerCase().includes(q) || a.domains.some((d) => d.includes(q)))
        found.push(summary(a));
      cursor = await cursor.continue();
    }
    found.sort((a, b) => a.name.localeCompare(b.name));
    return { data: found, changed: [] };
  },

  async countAccounts(_req, ctx) {
    return { data: await ctx.db.count('accounts'), changed: [] };
  },

  async listAccounts(_req, ctx) {
    const tx = unwrap(ctx.db).transaction(
      ['accounts', 'activities', 'people', 'objectives'],
      'readonly',
    );
    const [accounts, lastTouched, coverage, atRisk] = await Promise.all([
      answer(tx.objectStore('accounts').getAll()) as Promise<StoredAccount[]>,
      lastTouchedByAccount(tx),
      coverageByAccount(tx),
      atRiskByAccount(tx),
    ]);
    const data: AccountRow[] = accounts.map((a) => ({
      ...summary(a),
      cadenceDays: a.cadenceDays,
      coverage: coverage.get(a.id) ?? coverageOf([]),
      objectivesAtRisk: atRisk.get(a.id) ?? 0,
      lastTouchedAt: lastTouched.get(a.id) ?? null,
      updatedAt: a.updatedAt,
    }));
    return { data, changed: [] };
  },

  async deleteAccount(req, ctx) {
    return write(ctx, ALL_STORES, async (tx) => {
      const account = await mustGetAccount(tx, req.id);
      const entry: TrashEntry = {
        accountId: account.id,
        deletedAt: ctx.now(),
        ...(await recordsOf(tx, account)),
      };
      await tx.objectStore('trash').put(entry);
      for (const store of CHILD_KINDS) {
        for (const record of entry[store] ?? []) await tx.objectStore(store).delete(record.id);
      }
      await tx.objectStore('accounts').delete(account.id);
      return { data: { undoUntil: entry.deletedAt + TRASH_KEEP_MS }, changed: [account.id] };
    });
  },

  async restoreAccount(req, ctx) {
    await write(ctx, ALL_STORES, async (tx) => {
      const entry = await tx.objectStore('trash').get(req.id);
      if (!entry)
        throw new HandlerError('not_found', 'There is nothing to restore for that account.');
      await tx.objectStore('accounts').put(withKeys(entry.account));
      for (const store of CHILD_KINDS) {
        // An entry trashed before store version 7 holds no plan records.
        for (const record of entry[store] ?? []) await tx.objectStore(store).put(record as never);
      }
      await tx.objectStore('trash').delete(req.id);
    });
    return { data: await viewOf(ctx, req.id), changed: [req.id] };
  },
} satisfies Partial<Handlers>;

/** Deleted accounts wait in the trash for TRASH_KEEP_MS, then go for good. */
export async function purgeTrash(db: RapportDb, now: number): Promise<number> {
  const expired = await db.getAllKeysFromIndex(
    'trash',
    'byDeletedAt',
    IDBKeyRange.upperBound(now - TRASH_KEEP_MS),
  );
  const oldOps = await db.getAllKeysFromIndex(
    'ops',
    'byAt',
    IDBKeyRange.upperBound(now - OPS_KEEP_MS),
  );
  const oldDrafts = await db.getAllKeysFromIndex(
    'drafts',
    'byAt',
    IDBKeyRange.upperBound(now - DRAFTS_KEEP_MS),
  );
  const stores: StoreName[] = ['trash', 'ops', 'drafts', 'backups', 'backupRecords'];
  await write({ db, now: () => now }, stores, async (tx) => {
    for (const key of expired) await tx.objectStore('trash').delete(key);
    for (const key of oldOps) await tx.objectStore('ops').delete(key);
    for (const key of oldDrafts) await tx.objectStore('drafts').delete(key);
    // Export snapshots and staged imports of pages that closed before they were done.
    await dropLeftovers(tx, now);
  });
  return expired.length;
}
