/**
 * One handler per message of the contract. Each receives a request already parsed by its schema,
 * does its work in one IndexedDB transaction, and reports which accounts it changed so the router
 * can tell every open view.
 */
import { unwrap, type IDBPTransaction } from 'idb';
import {
  accountIdsByCrmRecord,
  accountIdsByDomain,
  accountIdsByEmail,
  accountIdsByName,
  activitiesOf,
  answer,
  lastTouchedByAccount,
  readView,
} from './account-reads';
import { dueCount, noteWrite, writesSoFar } from './due-count';
import { checkDomains, describeProblem } from './domain-rules';
import {
  ALL_STORES,
  OPS_KEEP_MS,
  type RapportDb,
  type RapportSchema,
  withKeys,
  withoutKeys,
  type StoredAccount,
  type StoreName,
  type TrashEntry,
} from './db';
import { RECORD_KINDS, SCHEMA_VERSION } from '@/utils/contract/records';
import {
  companyDomain,
  matchParticipants,
  registrableDomain,
  type MatchResult,
} from '@/utils/shared/match';
import type {
  AccountSummary,
  AccountView,
  Backup,
  ContextResult,
  AccountRow,
  DueItem,
  FrameTarget,
  HostContext,
  ImportSummary,
  MessageName,
  PageRead,
  ParsedRequestOf,
  ResponseOf,
} from '@/utils/contract/messages';
import type {
  Account,
  Activity,
  CrmRef,
  Decision,
  Person,
  StageChange,
} from '@/utils/contract/model';
import { today } from '@/utils/shared/dates';
import { ownDomainsFor } from '@/utils/shared/own-company';
import { findBackupProblem } from '@/utils/schemas/backup-rules';
import { applyNextChoice, kindOf } from '@/utils/shared/follow-up';
import type { Settings } from '@/utils/contract/settings';
import type { TabStates } from './tab-state';

/** The most unsaved fields kept, and for how long: a week is plenty to come back to one. */
export const MAX_DRAFTS = 100;
export const DRAFTS_KEEP_MS = 7 * 24 * 60 * 60 * 1000;

/** How long a deleted account waits in the trash before it is purged. */
export const TRASH_KEEP_MS = 7 * 24 * 60 * 60 * 1000;

export interface HandlerContext {
  db: RapportDb;
  /** The tab the message came from (a content script or a sidebar frame); none for the popup. */
  tabId?: number;
  /** What each tab's content script reported, for that tab's sidebar frame. */
  tabs: TabStates;
  /** The calling sidebar frame's own document; only for a sidebar frame. */
  frame?: FrameTarget;
  /** The caller's id for this operation: a write carrying one already applied is not applied again. */
  opId?: string;
  now: () => number;
  newId: () => string;
  settings: () => Promise<Settings>;
  saveSettings: (s: Settings) => Promise<void>;
  /** The reminder check (badge and notifications): browser APIs, so injected. */
  checkReminders: (now: number) => Promise<{ overdue: number; notified: number }>;
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
  ) {
    super(message);
  }
}

type Handlers = {
  [K in MessageName]: (
    req: ParsedRequestOf<K>,
    ctx: HandlerContext,
  ) => Promise<Outcome<ResponseOf<K>>>;
};

type Tx = IDBPTransaction<RapportSchema, StoreName[], 'readwrite' | 'readonly'>;

type WriteTx = IDBPTransaction<RapportSchema, StoreName[], 'readwrite'>;

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
  ctx: Pick<HandlerContext, 'db' | 'opId' | 'now'>,
  stores: StoreName[],
  work: (tx: WriteTx) => Promise<T>,
): Promise<T> {
  const { db, opId } = ctx;
  noteWrite(db);
  const tx = db.transaction(opId ? [...stores, 'ops'] : stores, 'readwrite', {
    durability: 'strict',
  });
  try {
    if (opId) {
      const applied = await tx.objectStore('ops').get(opId);
      if (applied) {
        await tx.done;
        return applied.result as T;
      }
    }
    const result = await work(tx);
    if (opId) await tx.objectStore('ops').put({ opId, at: ctx.now(), result });
    await tx.done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted by the failed request itself.
    }
    await tx.done.catch(() => undefined);
    throw error;
  }
}

async function mustGetAccount(tx: Tx, id: string): Promise<Account> {
  const account = await tx.objectStore('accounts').get(id);
  if (!account) throw new HandlerError('not_found', 'That account no longer exists.');
  return account;
}

function bump(account: Account, now: number, patch: Partial<Account> = {}): StoredAccount {
  return withKeys({ ...account, ...patch, updatedAt: now, revision: account.revision + 1 });
}

function summary(a: Account): AccountSummary {
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
function cleanDomains(domains: readonly string[]): string[] {
  return [...new Set(domains.map((d) => registrableDomain(d) ?? d.toLowerCase()))];
}

async function viewOf(db: RapportDb, id: string): Promise<AccountView> {
  const tx = db.transaction(RECORD_KINDS as unknown as StoreName[], 'readonly');
  const view = await readView(unwrap(tx), id);
  if (!view) throw new HandlerError('not_found', 'That account no longer exists.');
  return view;
}

const CHILD_STORES = ['people', 'activities', 'decisions', 'stageChanges'] as const;

async function readBackup(tx: Tx, now: number): Promise<Backup> {
  const [accounts, people, activities, decisions, stageChanges] = await Promise.all([
    tx.objectStore('accounts').getAll(),
    tx.objectStore('people').getAll(),
    tx.objectStore('activities').getAll(),
    tx.objectStore('decisions').getAll(),
    tx.objectStore('stageChanges').getAll(),
  ]);
  return {
    format: 'rapport-backup',
    schemaVersion: SCHEMA_VERSION,
    exportedAt: now,
    accounts: accounts.map(withoutKeys),
    people,
    activities,
    decisions,
    stageChanges,
  };
}

/** Every record that belongs to an account, from the index that finds each kind. */
async function recordsOf(
  tx: Tx,
  account: Account,
): Promise<Omit<TrashEntry, 'accountId' | 'deletedAt'>> {
  const [people, activities, decisions, stageChanges] = await Promise.all([
    tx.objectStore('people').index('byAccount').getAll(account.id),
    tx.objectStore('activities').index('byAccountAt').getAll(activitiesOf(account.id)),
    tx.objectStore('decisions').index('byAccount').getAll(account.id),
    tx.objectStore('stageChanges').index('byAccount').getAll(account.id),
  ]);
  return { account, people, activities, decisions, stageChanges };
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

/** The sender's tab: messages about "this tab" make no sense from the popup or the options page. */
/** What the tab's frame would ask for next: the accounts of what is open, or just the due count. */
async function resolveRead(read: PageRead, ctx: HandlerContext) {
  if (read.status === 'unreadable') return undefined;
  const context: HostContext =
    read.status === 'open'
      ? read.context
      : { host: read.host, url: read.url, participants: [], domains: [], names: [] };
  return (await handlers.resolveContext(context, ctx)).data;
}

function senderTab(ctx: HandlerContext): number {
  if (ctx.tabId === undefined) throw new HandlerError('invalid', 'This message needs a tab.');
  return ctx.tabId;
}

export const handlers: Handlers = {
  async reportContext(req, ctx) {
    await ctx.tabs.report(senderTab(ctx), req, (read) => resolveRead(read, ctx));
    return { data: true, changed: [] };
  },

  async getTabState(_req, ctx) {
    const tabId = senderTab(ctx);
    const data = ctx.frame ? await ctx.tabs.attach(tabId, ctx.frame) : await ctx.tabs.get(tabId);
    return { data, changed: [] };
  },

  async keepDraft(req, ctx) {
    await write(ctx, ['drafts'], async (tx) => {
      const store = tx.objectStore('drafts');
      if (req.value === null) await store.delete(req.key);
      else await store.put({ key: req.key, value: req.value, at: ctx.now() });
      // A bounded store: past MAX_DRAFTS, the oldest go.
      const count = await store.count();
      if (count > MAX_DRAFTS) {
        let cursor = await store.index('byAt').openCursor();
        for (let extra = count - MAX_DRAFTS; cursor && extra > 0; extra--) {
          await cursor.delete();
          cursor = await cursor.continue();
        }
      }
    });
    return { data: true, changed: [] };
  },

  async listDrafts(_req, ctx) {
    const drafts = await ctx.db.getAllFromIndex('drafts', 'byAt');
    return { data: drafts.reverse(), changed: [] };
  },

  async returnFocus(_req, ctx) {
    await ctx.tabs.returnFocus(senderTab(ctx));
    return { data: true, changed: [] };
  },

  async resolveContext(req, ctx) {
    const settings = await ctx.settings();
    // Until the user names their own domains, this mailbox's own address says which company is
    // theirs: a thread with a colleague must not offer their own company as a client.
    const ownDomains = ownDomainsFor(settings.ownDomains, req.selfEmail);
    const writes = writesSoFar(ctx.db);
    const tx = ctx.db.transaction(RECORD_KINDS as unknown as StoreName[], 'readonly');
    const raw = unwrap(tx);
    const byDomain = (domain: string) => accountIdsByDomain(raw, domain);

    // On a CRM record the account is found, in order, by: a stored link to this record; an email
    // or domain the record shows; the exact company name. A thread has only emails.
    const matchesBy = (matchedBy: 'crm' | 'name') => (ids: string[]) =>
      ids.map((accountId) => ({ accountId, matchedBy, emails: [] }));
    let found: MatchResult['matches'] = req.crmRef
      ? await accountIdsByCrmRecord(raw, req.crmRef).then(matchesBy('crm'))
      : [];
    let unknown: MatchResult['unknown'] = [];
    if (found.length === 0) {
      const byEmails = await matchParticipants(
        req.participants,
        ownDomains,
        req.selfEmail ? [req.selfEmail] : [],
        {
          accountIdsByEmail: (email) => accountIdsByEmail(raw, email),
          accountIdsByDomain: byDomain,
        },
      );
      found = byEmails.matches;
      unknown = byEmails.unknown;
      for (const shown of req.domains) {
        const domain = companyDomain(shown, ownDomains);
        for (const accountId of domain ? await byDomain(domain) : []) {
          if (!found.some((m) => m.accountId === accountId)) {
            found.push({ accountId, matchedBy: 'domain', emails: [] });
          }
        }
      }
    }
    if (found.length === 0 && req.names.length > 0) {
      found = await accountIdsByName(raw, req.names).then(matchesBy('name'));
    }

    // Every read is started at once: each is a round trip to the store.
    const [dueNow, views] = await Promise.all([
      dueCount(ctx.db, raw, today(ctx.now()), writes),
      Promise.all(
        found.map(async (m) => {
          const view = await readView(raw, m.accountId);
          return view && { ...view, matchedBy: m.matchedBy, threadEmails: m.emails };
        }),
      ),
    ]);
    const matches: ContextResult['matches'] = views.filter((v) => v !== null);
    return { data: { matches, unknown, dueCount: dueNow }, changed: [] };
  },

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
    return { data: await viewOf(ctx.db, req.id), changed: [] };
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
    const id = await write(ctx, ['accounts', 'people', 'stageChanges'], async (tx) => {
      await tx.objectStore('accounts').add(account);
      for (const p of req.people ?? []) {
        await tx
          .objectStore('people')
          .add(newPerson(ctx, { accountId: account.id, name: p.name, emails: [p.email] }));
      }
      const first: StageChange = {
        id: ctx.newId(),
        accountId: account.id,
        from: null,
        to: account.stage,
        at: account.createdAt,
        reason: '',
      };
      await tx.objectStore('stageChanges').add(first);
      return account.id;
    });
    return { data: await viewOf(ctx.db, id), changed: [id] };
  },

  async checkDomains(req, ctx) {
    const tx = ctx.db.transaction('accounts', 'readonly');
    return { data: await checkDomains(tx as never, req.accountId, req.domains), changed: [] };
  },

  async updateAccount(req, ctx) {
    const next = await write(ctx, ['accounts'], async (tx) => {
      const account = await mustGetAccount(tx, req.id);
      if (account.revision !== req.revision) {
        throw new HandlerError(
          'conflict',
          'This account was changed elsewhere; showing the latest version.',
        );
      }
      if (req.patch.domains) {
        const { problems } = await checkDomains(tx, account.id, req.patch.domains);
        if (problems[0]) throw new HandlerError('invalid', describeProblem(problems[0]));
      }
      const patch = req.patch.domains
        ? { ...req.patch, domains: cleanDomains(req.patch.domains) }
        : req.patch;
      const updated = bump(account, ctx.now(), patch);
      await tx.objectStore('accounts').put(updated);
      return updated;
    });
    return { data: next, changed: [next.id] };
  },

  async setStage(req, ctx) {
    return write(ctx, ['accounts', 'stageChanges'], async (tx) => {
      const account = await mustGetAccount(tx, req.id);
      if (account.stage === req.stage) return { data: account, changed: [] };
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

  async upsertPerson(req, ctx) {
    return write(ctx, ['accounts', 'people'], async (tx) => {
      await mustGetAccount(tx, req.accountId);
      const existing = req.id ? await tx.objectStore('people').get(req.id) : undefined;
      if (req.id && !existing) throw new HandlerError('not_found', 'That person no longer exists.');
      if (!existing && !req.name)
        throw new HandlerError('invalid', 'name: a new person needs a name');
      const given = Object.fromEntries(Object.entries(req).filter(([, v]) => v !== undefined));
      const base =
        existing ?? newPerson(ctx, { accountId: req.accountId, name: req.name!, emails: [] });
      const person = {
        ...base,
        ...given,
        emails: [...new Set(req.emails ?? base.emails)],
      } as Person;
      await tx.objectStore('people').put(person);
      const moved = existing && existing.accountId !== person.accountId;
      return {
        data: person,
        changed: moved ? [existing.accountId, person.accountId] : [person.accountId],
      };
    });
  },

  async deletePerson(req, ctx) {
    return write(ctx, ['people'], async (tx) => {
      const person = await tx.objectStore('people').get(req.id);
      if (!person) throw new HandlerError('not_found', 'That person no longer exists.');
      await tx.objectStore('people').delete(req.id);
      return { data: person, changed: [person.accountId] };
    });
  },

  async restorePerson(req, ctx) {
    return write(ctx, ['accounts', 'people'], async (tx) => {
      await mustGetAccount(tx, req.person.accountId);
      await tx.objectStore('people').put(req.person);
      return { data: req.person, changed: [req.person.accountId] };
    });
  },

  async logActivity(req, ctx) {
    return write(ctx, ['accounts', 'people', 'activities'], async (tx) => {
      const account = await mustGetAccount(tx, req.activity.accountId);
      const choice = applyNextChoice(account.nextAction, req.next);
      if (!choice.ok) throw new HandlerError('conflict', choice.error);
      const { source, ...rest } = req.activity;
      const activity: Activity = {
        ...rest,
        outcome: rest.outcome ?? '',
        id: ctx.newId(),
        ...(source ? { source } : {}),
        ...(choice.completed ? { completed: choice.completed } : {}),
      };
      await tx.objectStore('activities').add(activity);
      await touchPeople(tx, activity);
      const patch = choice.nextAction === undefined ? {} : { nextAction: choice.nextAction };
      const next = bump(account, ctx.now(), patch);
      await tx.objectStore('accounts').put(next);
      return { data: { activity, account: next }, changed: [account.id] };
    });
  },

  async deleteActivity(req, ctx) {
    return write(ctx, ['activities', 'people'], async (tx) => {
      const activity = await tx.objectStore('activities').get(req.id);
      if (!activity) throw new HandlerError('not_found', 'That follow-up no longer exists.');
      await tx.objectStore('activities').delete(req.id);
      await untouchPeople(tx, activity);
      return { data: { accountId: activity.accountId }, changed: [activity.accountId] };
    });
  },

  async setNextAction(req, ctx) {
    return write(ctx, ['accounts'], async (tx) => {
      const account = await mustGetAccount(tx, req.accountId);
      const next = bump(account, ctx.now(), { nextAction: req.nextAction });
      await tx.objectStore('accounts').put(next);
      return { data: next, changed: [next.id] };
    });
  },

  async completeNextAction(req, ctx) {
    return write(ctx, ['accounts', 'people', 'activities'], async (tx) => {
      const account = await mustGetAccount(tx, req.accountId);
      const done = account.nextAction;
      if (!done) throw new HandlerError('invalid', 'This account has no next action to complete.');
      const activity: Activity = {
        id: ctx.newId(),
        accountId: account.id,
        personIds: done.personId ? [done.personId] : [],
        kind: req.kind ?? kindOf(done.text),
        at: req.at,
        summary: done.text,
        outcome: req.outcome ?? '',
      };
      await tx.objectStore('activities').add(activity);
      await touchPeople(tx, activity);
      const next = bump(account, ctx.now(), { nextAction: req.next ?? null });
      await tx.objectStore('accounts').put(next);
      return { data: { activity, account: next }, changed: [account.id] };
    });
  },

  async addDecision(req, ctx) {
    return write(ctx, ['accounts', 'decisions'], async (tx) => {
      await mustGetAccount(tx, req.accountId);
      const decision: Decision = {
        id: ctx.newId(),
        accountId: req.accountId,
        date: req.date,
        what: req.what,
        why: req.why ?? '',
        decidedBy: req.decidedBy ?? '',
        alternatives: req.alternatives ?? '',
        ...(req.sourceUrl ? { sourceUrl: req.sourceUrl } : {}),
      };
      await tx.objectStore('decisions').add(decision);
      return { data: decision, changed: [req.accountId] };
    });
  },

  async deleteDecision(req, ctx) {
    return write(ctx, ['decisions'], async (tx) => {
      const decision = await tx.objectStore('decisions').get(req.id);
      if (!decision) throw new HandlerError('not_found', 'That decision no longer exists.');
      await tx.objectStore('decisions').delete(req.id);
      return { data: decision, changed: [decision.accountId] };
    });
  },

  async restoreDecision(req, ctx) {
    return write(ctx, ['accounts', 'decisions'], async (tx) => {
      await mustGetAccount(tx, req.decision.accountId);
      await tx.objectStore('decisions').put(req.decision);
      return { data: req.decision, changed: [req.decision.accountId] };
    });
  },

  async listActivities(req, ctx) {
    const upper = req.before === undefined ? Number.MAX_SAFE_INTEGER : req.before - 1;
    const range = IDBKeyRange.bound([req.accountId, 0], [req.accountId, Math.max(upper, 0)]);
    const found: Activity[] = [];
    const index = ctx.db.transaction('activities').store.index('byAccountAt');
    let cursor = await index.openCursor(range, 'prev');
    while (cursor && found.length < (req.limit ?? 50)) {
      found.push(cursor.value);
      cursor = await cursor.continue();
    }
    return { data: found, changed: [] };
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
    const tx = unwrap(ctx.db).transaction(['accounts', 'activities'], 'readonly');
    const [accounts, lastTouched] = await Promise.all([
      answer(tx.objectStore('accounts').getAll()) as Promise<StoredAccount[]>,
      lastTouchedByAccount(tx),
    ]);
    const data: AccountRow[] = accounts.map((a) => ({
      ...summary(a),
      cadenceDays: a.cadenceDays,
      lastTouchedAt: lastTouched.get(a.id) ?? null,
      updatedAt: a.updatedAt,
    }));
    return { data, changed: [] };
  },

  async listDue(req, ctx) {
    const now = today(ctx.now());
    const accounts = await ctx.db.getAllFromIndex(
      'accounts',
      'byNextDue',
      IDBKeyRange.upperBound(req.until),
      req.limit,
    );
    const data: DueItem[] = accounts
      .filter(
        (a): a is StoredAccount & { nextAction: NonNullable<Account['nextAction']> } =>
          a.nextAction !== null,
      )
      .map((a) => ({ ...summary(a), nextAction: a.nextAction, overdue: a.nextAction.due < now }));
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
      for (const store of CHILD_STORES) {
        for (const record of entry[store]) await tx.objectStore(store).delete(record.id);
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
      for (const store of CHILD_STORES) {
        for (const record of entry[store]) await tx.objectStore(store).put(record as never);
      }
      await tx.objectStore('trash').delete(req.id);
    });
    return { data: await viewOf(ctx.db, req.id), changed: [req.id] };
  },

  async exportData(_req, ctx) {
    const tx = ctx.db.transaction(RECORD_KINDS as unknown as StoreName[], 'readonly');
    return { data: await readBackup(tx, ctx.now()), changed: [] };
  },

  async wipeData(_req, ctx) {
    // The backup is read inside the wipe's own transaction: no write can slip between the two.
    return write(ctx, [...ALL_STORES, 'drafts'], async (tx) => {
      const backup = await readBackup(tx, ctx.now());
      for (const s of RECORD_KINDS) await tx.objectStore(s).clear();
      // Unsaved text is about the accounts erased: it goes with them.
      await tx.objectStore('drafts').clear();
      return { data: { backup }, changed: backup.accounts.map((a) => a.id) };
    });
  },

  async importData(req, ctx) {
    const { backup, mode } = req;
    if (backup.schemaVersion > SCHEMA_VERSION) {
      throw new HandlerError(
        'invalid',
        `This backup comes from a newer Rapport (schema ${backup.schemaVersion}); update Rapport first.`,
      );
    }
    return write(ctx, ALL_STORES, async (tx) => {
      // Checked inside the transaction, against what the store holds now, so merge sees the truth.
      const known = new Set(mode === 'merge' ? await tx.objectStore('accounts').getAllKeys() : []);
      const problem = checkBackup(backup, known);
      if (problem) throw new HandlerError('invalid', problem);
      if (mode === 'replace') for (const s of RECORD_KINDS) await tx.objectStore(s).clear();
      // All puts are queued at once on the native store, and write() awaits the transaction:
      // awaiting each put cost a round trip to the IndexedDB backend per record, and a promise
      // per put still cost a quarter of the import's CPU time at 20,000 records (npm run bench).
      // A put that fails aborts the whole transaction, and write() reports it.
      const raw = unwrap(tx);
      for (const s of RECORD_KINDS) {
        const store = raw.objectStore(s);
        for (const record of backup[s])
          store.put(s === 'accounts' ? withKeys(record as Account) : record);
      }
      const counts = Object.fromEntries(
        RECORD_KINDS.map((s) => [s, backup[s].length]),
      ) as ImportSummary['counts'];
      return { data: { mode, counts }, changed: backup.accounts.map((a) => a.id) };
    });
  },

  async checkReminders(req, ctx) {
    return { data: await ctx.checkReminders(req.now ?? ctx.now()), changed: [] };
  },

  async updateSettings(req, ctx) {
    const current = await ctx.settings();
    await ctx.saveSettings({
      ...current,
      ...req,
      cadenceDays: { ...current.cadenceDays, ...req.cadenceDays },
      version: current.version,
    } as Settings);
    return { data: true, changed: [] };
  },
};

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
  await write({ db, now: () => now }, ['trash', 'ops', 'drafts'], async (tx) => {
    for (const key of expired) await tx.objectStore('trash').delete(key);
    for (const key of oldOps) await tx.objectStore('ops').delete(key);
    for (const key of oldDrafts) await tx.objectStore('drafts').delete(key);
  });
  return expired.length;
}

/** The shared backup rules, worded for the background's answer. */
export function checkBackup(backup: Backup, accountIds: ReadonlySet<string>): string | null {
  const problem = findBackupProblem(backup, accountIds);
  if (!problem) return null;
  return problem.kind === 'duplicateId'
    ? `${problem.store}: the id "${problem.id}" appears twice.`
    : `${problem.store}: "${problem.id}" belongs to an account that is not in the backup.`;
}

function newPerson(
  ctx: HandlerContext,
  fields: Pick<Person, 'accountId' | 'name' | 'emails'>,
): Person {
  return {
    id: ctx.newId(),
    title: '',
    role: 'unknown',
    influence: 3,
    attitude: 'neutral',
    notes: '',
    lastContactAt: null,
    ...fields,
  };
}

/**
 * The reverse of touchPeople, for a follow-up taken back (Undo): whoever it marked as last
 * contacted goes back to their latest remaining follow-up, or to never.
 */
async function untouchPeople(tx: WriteTx, removed: Activity) {
  const people = tx.objectStore('people');
  for (const id of removed.personIds) {
    const person = await people.get(id);
    if (!person || person.lastContactAt !== removed.at) continue;
    let latest: number | null = null;
    let cursor = await tx
      .objectStore('activities')
      .index('byAccountAt')
      .openCursor(activitiesOf(removed.accountId), 'prev');
    while (cursor && latest === null) {
      if (cursor.value.personIds.includes(id)) latest = cursor.value.at;
      cursor = await cursor.continue();
    }
    await people.put({ ...person, lastContactAt: latest });
  }
}

/** Logging a follow-up with people marks when we last spoke to each of them. */
async function touchPeople(tx: WriteTx, activity: Activity) {
  const store = tx.objectStore('people');
  for (const id of activity.personIds) {
    const person = await store.get(id);
    if (person && (person.lastContactAt ?? 0) < activity.at)
      await store.put({ ...person, lastContactAt: activity.at });
  }
}
