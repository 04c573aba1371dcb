/**
 * Property-based fuzzing of the background's front door: malformed messages of every kind, built
 * by breaking valid requests field by field and by throwing arbitrary values at the envelope.
 * Every one must be answered { ok: false }, nothing may throw, and the store must not change.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { route } from '@/entrypoints/background/router';
import { MESSAGES } from '@/utils/schemas/messages';
import type { MessageName } from '@/utils/contract/messages';
import { freshContext, ok, snapshot } from './helpers';

const RUNS = 10_000;

const CELL = {
  supplier: 'competitor',
  competitor: 'Acme',
  spend: 1000,
  currency: 'EUR',
  contractEnd: '2027-01-31',
  note: '',
};

/** One valid request per message, to break in one place at a time. */
const VALID: Record<MessageName, Record<string, unknown>> = {
  reportContext: { status: 'none', host: 'gmail', url: 'https://mail.google.com/' },
  getTabState: {},
  returnFocus: {},
  snapshotPage: {},
  keepDraft: { key: 'acc-1||Log follow-up|summary', value: 'Called' },
  listDrafts: {},
  resolveContext: {
    host: 'gmail',
    url: 'https://mail.google.com/',
    participants: [{ email: 'a@b.com', name: 'A' }],
    domains: [],
    names: [],
  },
  getAccount: { id: 'id-1' },
  createAccount: { name: 'Acme', domains: ['acme.com'], stage: 'tactical' },
  updateAccount: { id: 'id-1', patch: { potential: 'high' }, base: { potential: 'low' } },
  checkDomains: { accountId: 'id-1', domains: ['acme.com'] },
  setStage: { id: 'id-1', stage: 'strategic', reason: 'r' },
  linkCrmRecord: {
    accountId: 'id-1',
    crmRef: {
      system: 'pipedrive',
      recordType: 'organization',
      recordId: '412',
      url: 'https://x.pipedrive.com/organization/412',
    },
    domains: ['acme.com'],
  },
  upsertPerson: { accountId: 'id-1', name: 'P', emails: ['p@acme.com'] },
  logActivity: {
    activity: { accountId: 'id-1', personIds: [], kind: 'call', at: 1, summary: 's' },
    next: { choice: 'keep' },
  },
  deleteActivity: { id: 'id-9' },
  setNextAction: { accountId: 'id-1', nextAction: { text: 't', due: '2026-12-01' } },
  completeNextAction: { accountId: 'id-1', at: 1 },
  addDecision: { accountId: 'id-1', date: '2026-11-01', what: 'w' },
  searchAccounts: { query: 'a', limit: 5 },
  listAccounts: {},
  listAccountsPage: {
    sort: 'name',
    dir: 'asc',
    stage: 'strategic',
    due: 'all',
    text: 'acme',
    offset: 0,
    limit: 100,
  },
  countAccounts: {},
  deletePerson: { id: 'id-2' },
  addLine: { fromId: 'id-2', toId: 'id-3', kind: 'influences', note: '' },
  removeLine: { fromId: 'id-2', toId: 'id-3', kind: 'influences' },
  restorePerson: {
    person: {
      id: 'p9',
      accountId: 'id-1',
      name: 'P',
      emails: [],
      title: '',
      role: 'user',
      influence: 2,
      attitude: 'neutral',
      notes: '',
      lastContactAt: null,
    },
  },
  deleteDecision: { id: 'id-9' },
  restoreDecision: {
    decision: {
      id: 'd9',
      accountId: 'id-1',
      date: '2026-11-01',
      what: 'w',
      why: '',
      decidedBy: '',
      alternatives: '',
    },
  },
  listActivities: { accountId: 'id-1', limit: 5 },
  listDue: { until: '2026-12-01' },
  listKeyPlayersDue: { until: '2026-12-01' },
  deleteAccount: { id: 'id-1' },
  restoreAccount: { id: 'id-1' },
  exportData: {},
  wipeData: {},
  snapshotBackup: {},
  readBackupPage: { backupId: 'b-1', kind: 'people', after: 'per-1', limit: 10 },
  readRecordsPage: { kind: 'people', after: 'per-1', limit: 10 },
  listBackups: {},
  deleteBackup: { backupId: 'b-1' },
  beginImport: {},
  stageBackupPage: {
    backupId: 'b-1',
    kind: 'decisions',
    records: [{ id: 'd-1', accountId: 'id-1', date: '2026-11-01', what: 'w' }],
  },
  finishImport: {
    backupId: 'b-1',
    format: 'rapport-backup',
    schemaVersion: 1,
    exportedAt: 1,
    counts: { accounts: 0, people: 0, activities: 0, decisions: 0, stageChanges: 0 },
  },
  restoreBackup: { backupId: 'b-1', mode: 'merge' },
  importData: {
    backup: {
      format: 'rapport-backup',
      schemaVersion: 1,
      exportedAt: 1,
      accounts: [],
      people: [],
      activities: [],
      decisions: [],
      stageChanges: [],
    },
    mode: 'replace',
  },
  updateSettings: { sidebarSide: 'left' },
  checkReminders: { now: 1 },
  teamStatus: {},
  teamConnect: { server: 'ws://127.0.0.1:1', token: 'a.eyJzdWIiOiJhQGIuY28ifQ.c' },
  teamDisconnect: {},
  teamSyncOwn: { on: true },
  shareAccount: { accountId: 'acc-1', members: [{ email: 'bob@firm.com', role: 'editor' }] },
  unshareAccount: { accountId: 'acc-1' },
  rejoinAccount: { accountId: 'acc-1' },
  dismissRejoin: { accountId: 'acc-1' },
  getAccountSync: { accountId: 'acc-1' },
  readKpis: { first: '2026-10-01', last: '2026-12-31' },
  listWhitespace: { accountId: 'acc-1' },
  getOpportunities: { accountId: 'acc-1' },
  listContractsEnding: { from: '2026-11-28', until: '2027-02-26' },
  countOfferingUse: {},
  addBuyingUnit: { accountId: 'acc-1', name: 'UK operations' },
  renameBuyingUnit: { id: 'unit-1', name: 'UK', base: 'UK operations' },
  reorderBuyingUnits: { accountId: 'acc-1', ids: ['unit-1'] },
  deleteBuyingUnit: { id: 'unit-1' },
  setWhitespaceCell: {
    accountId: 'acc-1',
    unitId: 'unit-1',
    offeringId: 'off-1',
    changes: { supplier: 'us' },
    base: { supplier: 'unknown' },
  },
  importWhitespace: {
    accountId: 'acc-1',
    cells: [{ accountId: 'acc-1', unitId: 'unit-1', offeringId: 'off-1', ...CELL }],
  },
  restoreWhitespace: { accountId: 'acc-1', units: [], cells: [], removeCellIds: ['cell-1'] },
  createObjective: {
    accountId: 'id-1',
    outcome: 'Transit times down 15%',
    measure: 'Median days',
    target: '3.4',
    due: '2027-06-30',
  },
  updateObjective: { id: 'obj-9', patch: { target: '3.2' }, base: { target: '3.4' } },
  setObjectiveStatus: { id: 'obj-9', status: 'at_risk', base: 'on_track' },
  deleteObjective: { id: 'obj-9' },
  restoreObjective: {
    objective: {
      id: 'obj-9',
      accountId: 'id-1',
      outcome: 'Transit times down 15%',
      measure: '',
      target: '',
      due: null,
      status: 'at_risk',
      statusAt: 1,
      createdAt: 1,
    },
    unlinked: { nextAction: null, decisionIds: ['d9'] },
  },
  getBrief: { accountId: 'acc-1', today: '2026-12-05', attendees: ['anna@northwind.co.uk'] },
  getAccountHistory: { accountId: 'acc-1' },
  getTeamOwners: { domain: 'acme.com' },
};

const names = Object.keys(MESSAGES) as MessageName[];

/** A valid request with one field (possibly nested one level) replaced by an arbitrary value. */
const brokenRequest = fc
  .record({
    name: fc.constantFrom(...names),
    value: fc.anything({ withNullPrototype: true, withObjectString: true, maxDepth: 2 }),
    pick: fc.nat(),
    extraKey: fc.constantFrom('__proto__', 'constructor', 'id', 'x'),
  })
  .map(({ name, value, pick, extraKey }) => {
    const request = structuredClone(VALID[name]);
    const keys = Object.keys(request);
    if (keys.length === 0) return { name, request: value === undefined ? null : value };
    const key = keys[pick % keys.length]!;
    const inner = request[key];
    if (inner && typeof inner === 'object' && !Array.isArray(inner) && pick % 2 === 0) {
      const innerKeys = Object.keys(inner);
      (inner as Record<string, unknown>)[innerKeys[pick % innerKeys.length] ?? extraKey] = value;
    } else {
      request[key] = value;
    }
    return { name, request };
  })
  // Keep only what the schema refuses: a lucky valid request is not malformed.
  .filter(({ name, request }) => !MESSAGES[name].request.safeParse(request).success)
  .map(({ name, request }) => ({ rapport: 1, name, request }) as unknown);

const brokenEnvelope = fc.oneof(
  fc.anything(),
  fc
    .record({ rapport: fc.anything(), name: fc.constantFrom(...names), request: fc.anything() })
    .filter((e) => e.rapport !== 1),
  fc
    .record({ rapport: fc.constant(1), name: fc.string(), request: fc.anything() })
    .filter((e) => !Object.hasOwn(MESSAGES, e.name)),
);

describe('message fuzzing', () => {
  it(`answers ${RUNS} malformed messages with { ok: false } and changes nothing`, async () => {
    const t = await freshContext();
    const nw = await ok(
      t.send('createAccount', {
        name: 'Northwind',
        domains: ['northwind.co.uk'],
        people: [{ name: 'Anna', email: 'anna@northwind.co.uk' }],
      }),
    );
    await ok(
      t.send('setNextAction', {
        accountId: nw.account.id,
        nextAction: { text: 'Call', due: '2026-12-01' },
        base: null,
      }),
    );
    const before = await snapshot(t.db);
    const settingsBefore = JSON.stringify(t.getSettings());
    let answered = 0;

    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 4, arbitrary: brokenRequest }, { weight: 1, arbitrary: brokenEnvelope }),
        async (message) => {
          const { result, changed } = await route(message, 'extension-page', t.ctx);
          answered++;
          expect(result.ok).toBe(false);
          expect(changed).toEqual([]);
        },
      ),
      { numRuns: RUNS },
    );

    expect(answered).toBe(RUNS);
    expect(await snapshot(t.db)).toBe(before);
    expect(JSON.stringify(t.getSettings())).toBe(settingsBefore);
  }, 120_000);
});
