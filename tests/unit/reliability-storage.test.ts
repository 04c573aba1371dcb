/**
 * Storage failures: a full disk, a quota reached, a transaction the browser aborts. Every write
 * message, hit by each kind of failure, must be answered { ok: false, code: 'storage' } with a
 * reason the user can act on, within a second, with the store exactly as it was, and the next
 * write must work: no promise left hanging on a dead transaction, no half-written record, no
 * operation id recorded for a write that did not happen (so the retry can succeed).
 *
 * The faults are injected into fake-indexeddb the way a browser reports them: a write call that
 * throws at once, or a transaction that aborts when it commits (tx.error set, abort event).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { route } from '@/entrypoints/background/router';
import { MESSAGES } from '@/utils/schemas/messages';
import type { MessageName } from '@/utils/contract/messages';
import { freshContext, ok, snapshot } from './helpers';

/** An answer later than this counts as a hang. */
const PROMPT_MS = 1000;

type Fault = { install: () => void; error: RegExp };
const restores: (() => void)[] = [];
afterEach(() => {
  while (restores.length) restores.pop()!();
});

const WRITE_METHODS = ['put', 'add', 'delete', 'clear'] as const;

/** Replaces IDBObjectStore.prototype[method] for the rest of the test. */
function patchStore(
  method: (typeof WRITE_METHODS)[number],
  wrap: (
    original: (...a: unknown[]) => unknown,
  ) => (this: IDBObjectStore, ...a: unknown[]) => unknown,
) {
  const proto = IDBObjectStore.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const original = proto[method]!;
  proto[method] = wrap(original);
  restores.push(() => (proto[method] = original));
}

/**
 * The `nth` write call (put, add, delete or clear) of the next write throws this DOMException at
 * once. The second call fails after the first went through: only an abort undoes that one.
 */
function throwOnWrite(name: string, nth: number): Fault['install'] {
  return () => {
    let calls = 0;
    for (const method of WRITE_METHODS) {
      patchStore(
        method,
        (original) =>
          function (this: IDBObjectStore, ...args: unknown[]) {
            if (++calls === nth) throw new DOMException(`Injected ${name}`, name);
            return original.apply(this, args);
          },
      );
    }
  };
}

/**
 * The next transaction that writes anything is aborted with `name` when it tries to commit: every
 * request succeeded, then the browser refuses to write it out (what Chrome does when the quota is
 * reached on commit). fake-indexeddb commits when a transaction's request queue runs empty.
 */
function abortOnCommit(name: string): Fault['install'] {
  return () => {
    const armed = new WeakSet<object>();
    let done = false;
    for (const method of WRITE_METHODS) {
      patchStore(
        method,
        (original) =>
          function (this: IDBObjectStore, ...args: unknown[]) {
            if (!done) armed.add(this.transaction);
            return original.apply(this, args);
          },
      );
    }
    type FakeTx = {
      _requests: { request: { readyState: string } }[];
      _state: string;
      _start: () => void;
      _abort: (name: string) => void;
    };
    const proto = IDBTransaction.prototype as unknown as FakeTx;
    const start = proto._start;
    proto._start = function (this: FakeTx) {
      const idle = this._requests.every((r) => r.request.readyState === 'done');
      if (!done && armed.has(this) && idle && this._state !== 'finished') {
        done = true;
        this._abort(name);
        return;
      }
      return start.call(this);
    };
    restores.push(() => (proto._start = start));
  };
}

const FAULTS: Record<string, Fault> = {
  'the first write call throws QuotaExceededError': {
    install: throwOnWrite('QuotaExceededError', 1),
    error: /no room/,
  },
  'the second write call throws QuotaExceededError, after the first went through': {
    install: throwOnWrite('QuotaExceededError', 2),
    error: /no room/,
  },
  'the commit fails with QuotaExceededError': {
    install: abortOnCommit('QuotaExceededError'),
    error: /no room/,
  },
  'the commit fails with UnknownError (disk)': {
    install: abortOnCommit('UnknownError'),
    error: /nothing was changed/,
  },
};

/** A store with one of everything, and a valid request for each write message against it. */
async function seeded() {
  const t = await freshContext();
  const nw = await ok(
    t.send('createAccount', {
      name: 'Northwind',
      domains: ['northwind.co.uk'],
      people: [
        { name: 'Anna', email: 'anna@northwind.co.uk' },
        { name: 'Tom', email: 'tom@northwind.co.uk' },
      ],
    }),
  );
  const accountId = nw.account.id;
  const anna = nw.people.find((p) => p.name === 'Anna')!;
  const tom = nw.people.find((p) => p.name === 'Tom')!;
  await ok(t.send('addLine', { fromId: tom.id, toId: anna.id, kind: 'reports_to', note: '' }));
  const logged = await ok(
    t.send('logActivity', {
      activity: { accountId, personIds: [anna.id], kind: 'call', at: 5, summary: 'Kick-off' },
      next: {
        choice: 'replace',
        seen: null,
        nextAction: { text: 'Send the proposal', due: '2026-12-01' },
      },
    }),
  );
  const decision = await ok(
    t.send('addDecision', { accountId, date: '2026-11-01', what: 'Chose us' }),
  );
  const objective = await ok(
    t.send('createObjective', {
      accountId,
      outcome: 'Transit times down 15%',
      measure: 'Median days',
      target: '3.4',
      due: '2027-06-30',
    }),
  );
  const gone = await ok(t.send('createAccount', { name: 'Initech', domains: ['initech.com'] }));
  await ok(t.send('deleteAccount', { id: gone.account.id }));
  const backup = await ok(t.send('exportData', {}));
  // Backups kept in the store: two snapshots (one to restore, one to delete) and two imports
  // being staged (one to take a page, one to finish).
  const toRestore = await ok(t.send('snapshotBackup', {}));
  const toDelete = await ok(t.send('snapshotBackup', {}));
  const staging = await ok(t.send('beginImport', {}));
  const toFinish = await ok(t.send('beginImport', {}));
  const zero = { accounts: 0, people: 0, activities: 0, decisions: 0, stageChanges: 0 };
  await ok(t.send('updateSettings', { offerings: [{ id: 'off-1', name: 'Warehousing' }] }));
  const unit = await ok(t.send('addBuyingUnit', { accountId, name: 'UK operations' }));
  const other = await ok(t.send('addBuyingUnit', { accountId, name: 'Retail' }));
  const cell = await ok(
    t.send('setWhitespaceCell', {
      accountId,
      unitId: unit.id,
      offeringId: 'off-1',
      changes: { supplier: 'competitor', competitor: 'Acme' },
      base: { supplier: 'unknown', competitor: '' },
    }),
  );
  const at = { accountId, unitId: other.id, offeringId: 'off-1' };

  const WRITES: Partial<Record<MessageName, unknown>> = {
    createAccount: {
      name: 'Globex',
      domains: ['globex.com'],
      people: [{ name: 'Hank', email: 'hank@globex.com' }],
    },
    updateAccount: { id: accountId, patch: { name: 'NW' }, base: { name: logged.account.name } },
    setStage: { id: accountId, stage: 'strategic', reason: 'Signed', base: 'tactical' },
    upsertPerson: { id: anna.id, accountId, name: 'Anna K', emails: anna.emails, base: anna },
    logActivity: {
      activity: { accountId, personIds: [anna.id], kind: 'email', at: 9, summary: 'Sent' },
      next: {
        choice: 'replace',
        seen: { text: 'Send the proposal', due: '2026-12-01' },
        nextAction: { text: 'Call back', due: '2026-12-02' },
      },
    },
    deleteActivity: { id: logged.activity.id },
    setNextAction: {
      accountId,
      nextAction: { text: 'Visit', due: '2026-12-03' },
      base: { text: 'Send the proposal', due: '2026-12-01' },
    },
    completeNextAction: { accountId, at: 10, outcome: 'Done' },
    addDecision: { accountId, date: '2026-11-02', what: 'Second site' },
    deleteAccount: { id: accountId },
    restoreAccount: { id: gone.account.id },
    wipeData: {},
    importData: { backup, mode: 'replace' },
    snapshotBackup: {},
    deleteBackup: { backupId: toDelete.id },
    beginImport: {},
    stageBackupPage: {
      backupId: staging.id,
      kind: 'accounts',
      records: [{ ...backup.accounts[0]!, id: 'acc-staged' }],
    },
    finishImport: {
      backupId: toFinish.id,
      format: 'rapport-backup',
      schemaVersion: backup.schemaVersion,
      exportedAt: 1,
      counts: zero,
    },
    restoreBackup: { backupId: toRestore.id, mode: 'replace' },
    keepDraft: { key: `${accountId}||Log follow-up|summary`, value: 'Called Anna' },
    linkCrmRecord: {
      accountId,
      crmRef: {
        system: 'hubspot',
        recordType: 'company',
        recordId: '42',
        url: 'https://app.hubspot.com/contacts/1/company/42',
      },
      domains: ['northwind.de'],
    },
    addLine: { fromId: anna.id, toId: tom.id, kind: 'influences', note: 'Old friends' },
    removeLine: { fromId: tom.id, toId: anna.id, kind: 'reports_to' },
    deletePerson: { id: anna.id },
    restorePerson: { person: { ...anna, name: 'Anna Keller' } },
    deleteDecision: { id: decision.id },
    restoreDecision: { decision: { ...decision, what: 'Chose us again' } },
    addBuyingUnit: { accountId, name: 'Nordics' },
    renameBuyingUnit: { id: unit.id, name: 'UK', base: unit.name },
    reorderBuyingUnits: { accountId, ids: [other.id, unit.id] },
    deleteBuyingUnit: { id: unit.id },
    setWhitespaceCell: { ...at, changes: { supplier: 'us' }, base: { supplier: 'unknown' } },
    importWhitespace: {
      accountId,
      cells: [{ ...at, supplier: 'in_house', competitor: '', spend: 5, currency: 'EUR' }].map(
        (c) => ({ ...c, contractEnd: null, note: '' }),
      ),
    },
    restoreWhitespace: {
      accountId,
      units: [],
      cells: [{ ...cell, note: 'Back' }],
      removeCellIds: [],
    },
    createObjective: { accountId, outcome: 'Second site live', measure: '', target: '', due: null },
    updateObjective: { id: objective.id, patch: { target: '3.2' }, base: { target: '3.4' } },
    setObjectiveStatus: { id: objective.id, status: 'at_risk', base: 'on_track' },
    deleteObjective: { id: objective.id },
    restoreObjective: {
      objective: { ...objective, id: 'obj-restored' },
      unlinked: { nextAction: null, decisionIds: [] },
    },
  };
  return { ...t, WRITES };
}

/** Messages that write nothing to IndexedDB (settings live in extension storage). */
const NO_STORE_WRITES: MessageName[] = [
  'reportContext',
  'getTabState',
  'returnFocus',
  'snapshotPage',
  'listDrafts',
  'resolveContext',
  'getAccount',
  'searchAccounts',
  'listAccounts',
  'listAccountsPage',
  'countAccounts',
  'listDue',
  'listKeyPlayersDue',
  'checkDomains',
  'exportData',
  'checkReminders',
  'updateSettings',
  'readBackupPage',
  'readRecordsPage',
  'listBackups',
  'listActivities',
  'readKpis',
  'listWhitespace',
  'getOpportunities',
  'listContractsEnding',
  'countOfferingUse',
  'getBrief',
];

/**
 * The team-sync messages: answered by the sync engine (ctx.sync), which keeps its own records
 * (the connection, the shared docs); sync-engine.test.ts and the team browser tests try them.
 * A storage fault inside the engine is not tried here.
 */
const SYNC_MESSAGES: MessageName[] = [
  'teamStatus',
  'teamConnect',
  'teamDisconnect',
  'teamSyncOwn',
  'getAccountHistory',
  'shareAccount',
  'unshareAccount',
  'rejoinAccount',
  'dismissRejoin',
  'getAccountSync',
  'getTeamOwners',
];

/** Every message that writes to the store; each must have a request in seeded().WRITES. */
const WRITE_NAMES = [
  'createAccount',
  'updateAccount',
  'linkCrmRecord',
  'setStage',
  'upsertPerson',
  'deletePerson',
  'restorePerson',
  'addLine',
  'removeLine',
  'logActivity',
  'deleteActivity',
  'setNextAction',
  'completeNextAction',
  'addDecision',
  'deleteDecision',
  'restoreDecision',
  'deleteAccount',
  'restoreAccount',
  'wipeData',
  'importData',
  'keepDraft',
  'snapshotBackup',
  'deleteBackup',
  'beginImport',
  'stageBackupPage',
  'finishImport',
  'restoreBackup',
  'addBuyingUnit',
  'renameBuyingUnit',
  'reorderBuyingUnits',
  'deleteBuyingUnit',
  'setWhitespaceCell',
  'importWhitespace',
  'restoreWhitespace',
  'createObjective',
  'updateObjective',
  'setObjectiveStatus',
  'deleteObjective',
  'restoreObjective',
] as const;

function answerWithin<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms} ms: the write hangs`)), ms),
    ),
  ]);
}

describe('storage failures', () => {
  it('covers every message that writes to the store', async () => {
    const { WRITES } = await seeded();
    const covered = [...WRITE_NAMES, ...NO_STORE_WRITES, ...SYNC_MESSAGES].sort();
    expect(covered, 'a new message must be listed here, with a request').toEqual(
      Object.keys(MESSAGES).sort(),
    );
    expect(Object.keys(WRITES).sort()).toEqual([...WRITE_NAMES].sort());
  });

  for (const [faultName, fault] of Object.entries(FAULTS)) {
    describe(faultName, () => {
      const names = WRITE_NAMES;
      it.each(names)('%s: answered promptly, store unchanged, retry works', async (name) => {
        const { ctx, db, WRITES } = await seeded();
        const message = { rapport: 1, name, request: WRITES[name], opId: `op-${name}-0001` };
        const before = await snapshot(db);
        const opsBefore = await db.count('ops');

        fault.install();
        const started = performance.now();
        const { result, changed } = await answerWithin(
          route(message, 'extension-page', ctx),
          PROMPT_MS,
        );
        const took = performance.now() - started;
        while (restores.length) restores.pop()!();

        expect(result).toMatchObject({ ok: false, code: 'storage' });
        expect(!result.ok && result.error).toMatch(fault.error);
        expect(changed).toEqual([]);
        expect(took).toBeLessThan(PROMPT_MS);
        expect(await snapshot(db), 'a failed write left a trace').toBe(before);
        expect(await db.count('ops'), 'the failed operation was recorded as applied').toBe(
          opsBefore,
        );

        // The same operation, sent again once the fault is gone, is applied.
        const retry = await answerWithin(route(message, 'extension-page', ctx), PROMPT_MS);
        expect(retry.result).toMatchObject({ ok: true });
        expect(await snapshot(db)).not.toBe(before);
      });
    });
  }
});
