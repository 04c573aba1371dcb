import { describe, expect, it, vi } from 'vitest';
import { freshContext, ok, snapshot } from './helpers';
import { MESSAGES } from '@/utils/schemas/messages';
import type { MessageName } from '@/utils/contract/messages';
import { withKeys } from '@/entrypoints/background/db';

async function seeded() {
  const t = await freshContext({ ownDomains: ['brightwave.io'] });
  const nw = await ok(
    t.send('createAccount', {
      name: 'Northwind Logistics',
      domains: ['mail.northwind.co.uk'],
      stage: 'cooperative',
      potential: 'high',
      people: [{ name: 'Anna Keller', email: 'Anna.Keller@northwind.co.uk' }],
    }),
  );
  return { ...t, nw };
}

const thread = (emails: string[]) => ({
  host: 'gmail' as const,
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgz',
  participants: emails.map((email) => ({ email, name: '' })),
  domains: [],
  names: [],
});

describe('createAccount and resolveContext', () => {
  it('stores the registrable domain and finds the account by a person email and by domain', async () => {
    const { send, nw, db } = await seeded();
    expect(nw.account.domains).toEqual(['northwind.co.uk']);
    expect(nw.people[0]?.emails).toEqual(['anna.keller@northwind.co.uk']);
    // The start is shown, read from the account: no stage change is stored for it.
    expect(nw.stageChanges).toEqual([
      {
        id: nw.account.id,
        accountId: nw.account.id,
        from: null,
        to: nw.account.stage,
        at: nw.account.createdAt,
        reason: '',
      },
    ]);
    expect(await db.count('stageChanges')).toBe(0);

    const byEmail = await ok(
      send('resolveContext', thread(['anna.keller@northwind.co.uk']), 'sidebar-frame'),
    );
    expect(byEmail.matches[0]?.account.name).toBe('Northwind Logistics');
    expect(byEmail.matches[0]?.matchedBy).toBe('email');

    const byDomain = await ok(
      send('resolveContext', thread(['someone@ops.northwind.co.uk', 'sam@brightwave.io'])),
    );
    expect(byDomain.matches.map((m) => m.account.id)).toEqual([nw.account.id]);
    expect(byDomain.matches[0]?.matchedBy).toBe('domain');
    expect(byDomain.unknown).toEqual([]);
  });

  it('reports unknown senders and counts what is due', async () => {
    const { send, nw, ctx } = await seeded();
    await ok(
      send('setNextAction', {
        accountId: nw.account.id,
        nextAction: { text: 'Call Anna', due: '2026-11-28' },
        base: null,
      }),
    );
    const r = await ok(send('resolveContext', thread(['priya@initech-systems.com'])));
    expect(r.matches).toEqual([]);
    expect(r.unknown).toEqual([
      {
        email: 'priya@initech-systems.com',
        name: '',
        domain: 'initech-systems.com',
        freeMail: false,
      },
    ]);
    expect(r.dueCount).toBe(1);
    expect(ctx.now()).toBe(Date.UTC(2026, 10, 28, 12));
  });
});

describe('bad input gets a clear error and changes nothing', () => {
  // One malformed request per message; each must be refused as invalid with a readable reason.
  const bad: Record<MessageName, unknown> = {
    reportContext: { status: 'open', key: 'k', context: { host: 'myspace', url: 'https://x' } },
    getTabState: 'mine',
    returnFocus: 'now',
    snapshotPage: 'the other tab',
    keepDraft: { key: 'k', value: 42 },
    listDrafts: null,
    resolveContext: { host: 'myspace', url: 'https://x', participants: [], domains: [], names: [] },
    getAccount: { id: '' },
    createAccount: { name: '   ', domains: [] },
    updateAccount: { id: 'id-1', patch: {} },
    checkDomains: { accountId: 'id-1', domains: ['x'.repeat(254)] },
    setStage: { id: 'id-1', stage: 'friendly', reason: '' },
    linkCrmRecord: {
      accountId: 'id-1',
      crmRef: {
        system: 'hubspot',
        recordType: 'company',
        recordId: '1',
        url: 'javascript:alert(1)',
      },
      domains: [],
    },
    upsertPerson: { accountId: 'id-1', name: 'A', emails: ['not-an-email'] },
    logActivity: {
      activity: { accountId: 'id-1', personIds: [], kind: 'fax', at: 1, summary: 'x' },
    },
    deleteActivity: { id: 'has spaces' },
    setNextAction: { accountId: 'id-1', nextAction: { text: '', due: '2026-11-30' } },
    completeNextAction: { accountId: 'id-1', at: -5 },
    addDecision: { accountId: 'id-1', date: '2026-02-30', what: 'x' },
    searchAccounts: { query: 42 },
    listAccounts: 'all',
    listAccountsPage: { sort: 'name', dir: 'up', due: 'all', text: '', offset: -1, limit: 0 },
    countAccounts: 7,
    deletePerson: { id: 7 },
    addLine: { fromId: 'p1', toId: 'p2', kind: 'likes', note: '' },
    removeLine: { fromId: 'p1', toId: 'p2' },
    restorePerson: { person: { id: 'p1', accountId: 'id-1', name: '' } },
    deleteDecision: { id: '' },
    restoreDecision: { decision: { id: 'd1' } },
    listActivities: { accountId: 'id-1', limit: 1000 },
    listDue: { until: 'tomorrow' },
    listKeyPlayersDue: { until: '2026-12-01', limit: 0 },
    deleteAccount: {},
    restoreAccount: { id: null },
    exportData: 'everything',
    wipeData: null,
    snapshotBackup: 'now',
    readBackupPage: { backupId: 'b 1', kind: 'people' },
    readRecordsPage: { kind: 'everything' },
    listBackups: [],
    deleteBackup: { backupId: '' },
    beginImport: 1,
    stageBackupPage: { backupId: 'b-1', kind: 'people', records: [{ id: 'p-1' }] },
    finishImport: { backupId: 'b-1', format: 'csv' },
    restoreBackup: { backupId: 'b-1', mode: 'overwrite' },
    importData: { backup: { format: 'rapport-backup' }, mode: 'merge' },
    updateSettings: { sidebarSide: 'top' },
    checkReminders: { now: 'noon' },
    teamStatus: 'now',
    teamConnect: { server: 'ws://127.0.0.1:1', token: '' },
    teamDisconnect: null,
    teamSyncOwn: { on: 'yes' },
    shareAccount: { accountId: 'acc-1', members: [{ email: 'bob@firm.com', role: 'owner' }] },
    unshareAccount: { accountId: '../x' },
    rejoinAccount: { accountId: '../x' },
    dismissRejoin: {},
    getAccountSync: {},
    readKpis: { first: '2026-12-31', last: '2026-10-01' },
    listWhitespace: { accountId: '' },
    getOpportunities: {},
    listContractsEnding: { from: '2026-02-30', until: '2026-03-01' },
    countOfferingUse: 'all',
    addBuyingUnit: { accountId: 'acc-1', name: '   ' },
    renameBuyingUnit: { id: 'unit-1', name: 'UK' },
    reorderBuyingUnits: { accountId: 'acc-1', ids: 'unit-1' },
    deleteBuyingUnit: { id: '../unit' },
    setWhitespaceCell: {
      accountId: 'acc-1',
      unitId: 'unit-1',
      offeringId: 'off-1',
      changes: { supplier: 'us' },
      base: {},
    },
    importWhitespace: { accountId: 'acc-1', cells: [] },
    restoreWhitespace: { accountId: 'acc-1', units: [], cells: [{ id: 'c' }], removeCellIds: [] },
    createObjective: { accountId: 'id-1', outcome: '   ', measure: '', target: '', due: null },
    updateObjective: { id: 'obj-1', patch: { outcome: 'New' }, base: {} },
    setObjectiveStatus: { id: 'obj-1', status: 'stalled', base: 'on_track' },
    deleteObjective: { id: 'a b' },
    restoreObjective: { objective: { id: 'obj-1' }, unlinked: { nextAction: null } },
    getBrief: { accountId: 'acc-1', today: '2026-12-05', attendees: ['x'.repeat(321)] },
    getAccountHistory: { accountId: 7 },
    getTeamOwners: { domain: 'not a domain' },
  };

  it.each(Object.keys(MESSAGES) as MessageName[])('%s', async (name) => {
    const { send, db } = await seeded();
    const before = await snapshot(db);
    // Each from a sender it accepts, so that the request itself is what gets refused.
    const sender = MESSAGES[name].access === 'content' ? 'content-script' : 'extension-page';
    const r = await send(name, bad[name] as never, sender);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('invalid');
      expect(r.error.length).toBeGreaterThan(5);
    }
    expect(await snapshot(db)).toBe(before);
  });

  it('names the field and the reason', async () => {
    const { send } = await seeded();
    const r = await send('setNextAction', {
      accountId: 'id-1',
      nextAction: { text: 'Call', due: '2026-13-01' },
      base: null,
    });
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    if (!r.ok) expect(r.error).toMatch(/nextAction\.due: .*(date|YYYY)/);
  });

  it('refuses a message that does not exist or an envelope that is not ours', async () => {
    const { ctx } = await seeded();
    const { route } = await import('@/entrypoints/background/router');
    expect(
      (await route({ rapport: 1, name: 'dropDatabase', request: {} }, 'extension-page', ctx))
        .result,
    ).toMatchObject({ ok: false, code: 'invalid' });
    expect((await route({ name: 'getAccount' }, 'extension-page', ctx)).result).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(
      (await route({ rapport: 1, name: '__proto__', request: {} }, 'extension-page', ctx)).result,
    ).toMatchObject({ ok: false });
  });
});

describe('sender authorisation', () => {
  it('refuses whole-store and settings messages from the sidebar frame, and everything from others', async () => {
    const { send, db } = await seeded();
    const before = await snapshot(db);
    for (const name of ['exportData', 'wipeData', 'updateSettings', 'importData'] as const) {
      const r = await send(name, {} as never, 'sidebar-frame');
      expect(r).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(await send('getAccount', { id: 'id-1' }, 'foreign')).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await snapshot(db)).toBe(before);
    expect((await send('wipeData', {}, 'extension-page')).ok).toBe(true);
  });
});

describe('writes', () => {
  it('merges changes to different fields read at the same time, and refuses the same field', async () => {
    const { send, nw } = await seeded();
    const read = nw.account;
    // Tab A saves the goals; tab B, which loaded before, saves a name change: both stay.
    await ok(
      send('updateAccount', {
        id: read.id,
        patch: { profile: { goals: 'Grow EMEA' } },
        base: { profile: { goals: read.profile.goals } },
      }),
    );
    const merged = await ok(
      send('updateAccount', {
        id: read.id,
        patch: { name: 'Northwind Group' },
        base: { name: read.name },
      }),
    );
    expect(merged).toMatchObject({ name: 'Northwind Group', profile: { goals: 'Grow EMEA' } });
    expect(merged.revision).toBe(read.revision + 2);
    // Tab C, also from the old read, changes the goals again: a conflict with both values.
    const stale = await send('updateAccount', {
      id: read.id,
      patch: { profile: { goals: 'Hold' }, potential: 'low' },
      base: { profile: { goals: read.profile.goals }, potential: read.potential },
    });
    expect(stale).toMatchObject({
      ok: false,
      code: 'conflict',
      conflicts: [{ field: 'profile.goals', mine: 'Hold', theirs: 'Grow EMEA' }],
    });
    const view = await ok(send('getAccount', { id: read.id }));
    // Nothing of the refused write landed, not even its other field.
    expect(view.account).toMatchObject({
      potential: read.potential,
      profile: { goals: 'Grow EMEA' },
    });
    expect(view.account.revision).toBe(read.revision + 2);
  });

  it('merges person fields, and refuses notes changed since they were read', async () => {
    const { send, nw } = await seeded();
    const p = nw.people[0]!;
    await ok(
      send('upsertPerson', {
        id: p.id,
        accountId: p.accountId,
        notes: 'A',
        base: { notes: p.notes },
      }),
    );
    await ok(
      send('upsertPerson', {
        id: p.id,
        accountId: p.accountId,
        role: 'champion',
        base: { role: p.role },
      }),
    );
    const stale = await send('upsertPerson', {
      id: p.id,
      accountId: p.accountId,
      notes: 'B',
      base: { notes: p.notes },
    });
    expect(stale).toMatchObject({
      ok: false,
      code: 'conflict',
      conflicts: [{ field: 'notes', mine: 'B', theirs: 'A' }],
    });
    const view = await ok(send('getAccount', { id: nw.account.id }));
    expect(view.people.find((x) => x.id === p.id)).toMatchObject({ notes: 'A', role: 'champion' });
    // An update that does not say what it read is refused at the boundary.
    expect(
      await send('upsertPerson', { id: p.id, accountId: p.accountId, notes: 'C' }),
    ).toMatchObject({
      ok: false,
      code: 'invalid',
    });
  });

  it('renames an account and changes its domains, refusing free mail and another account’s domain', async () => {
    const { send, nw, db } = await seeded();
    await ok(send('createAccount', { name: 'Globex', domains: ['globex.com'] }));
    const check = await ok(
      send(
        'checkDomains',
        {
          accountId: nw.account.id,
          domains: [
            'Ops.Northwind.co.uk',
            'gmail.com',
            'globex.com',
            'no domain',
            'nw-freight.com',
          ],
        },
        'sidebar-frame',
      ),
    );
    expect(check.domains).toEqual(['northwind.co.uk', 'gmail.com', 'globex.com', 'nw-freight.com']);
    expect(check.problems).toEqual([
      { input: 'gmail.com', domain: 'gmail.com', problem: 'free_mail' },
      { input: 'globex.com', domain: 'globex.com', problem: 'taken', account: 'Globex' },
      { input: 'no domain', problem: 'invalid' },
    ]);

    // The write refuses the same, whoever sends it, and changes nothing.
    const before = await snapshot(db);
    for (const domains of [
      ['northwind.co.uk', 'gmail.com'],
      ['northwind.co.uk', 'globex.com'],
    ]) {
      const refused = await send(
        'updateAccount',
        {
          id: nw.account.id,
          patch: { name: 'Northwind', domains },
          base: { name: nw.account.name, domains: nw.account.domains },
        },
        'sidebar-frame',
      );
      expect(refused).toMatchObject({ ok: false, code: 'invalid' });
      expect(refused.ok || refused.error).toMatch(
        /gmail\.com is free mail|belongs to the account "Globex"/,
      );
    }
    expect(await snapshot(db)).toBe(before);

    const renamed = await ok(
      send(
        'updateAccount',
        {
          id: nw.account.id,
          patch: { name: 'Northwind Group', domains: ['northwind.co.uk', 'nw-freight.com'] },
          base: { name: nw.account.name, domains: nw.account.domains },
        },
        'sidebar-frame',
      ),
    );
    expect(renamed.name).toBe('Northwind Group');
    expect(renamed.domains).toEqual(['northwind.co.uk', 'nw-freight.com']);
  });

  it('keeps a domain the account already had, even one that breaks the rule today', async () => {
    const { send, nw } = await seeded();
    const check = await ok(
      send('checkDomains', { accountId: nw.account.id, domains: ['northwind.co.uk'] }),
    );
    expect(check.problems).toEqual([]);
    // A new account has no domains of its own yet: every taken domain is a problem.
    const fresh = await ok(send('checkDomains', { accountId: null, domains: ['northwind.co.uk'] }));
    expect(fresh.problems).toEqual([
      {
        input: 'northwind.co.uk',
        domain: 'northwind.co.uk',
        problem: 'taken',
        account: 'Northwind Logistics',
      },
    ]);
  });

  it('keeps stage changes as history with their reason', async () => {
    const { send, nw, advance } = await seeded();
    advance(86_400_000);
    await ok(
      send('setStage', {
        id: nw.account.id,
        stage: 'interdependent',
        reason: 'Sole supplier from January',
        base: 'cooperative',
      }),
    );
    const view = await ok(send('getAccount', { id: nw.account.id }));
    expect(view.account.stage).toBe('interdependent');
    expect(view.stageChanges[0]).toMatchObject({
      from: 'cooperative',
      to: 'interdependent',
      reason: 'Sole supplier from January',
    });
  });

  it('logs a follow-up, sets the next action, touches the people, and completes it', async () => {
    const { send, nw, advance } = await seeded();
    const anna = nw.people[0]!;
    const logged = await ok(
      send('logActivity', {
        activity: {
          accountId: nw.account.id,
          personIds: [anna.id],
          kind: 'email',
          at: Date.UTC(2026, 10, 28, 12),
          summary: 'Q1 renewal: volumes and pricing',
          source: {
            host: 'gmail',
            url: 'https://mail.google.com/mail/u/0/#inbox/abc',
            threadId: 't1',
          },
        },
        next: {
          choice: 'replace',
          seen: null,
          nextAction: { text: 'Send proposal', due: '2026-12-01', personId: anna.id },
        },
      }),
    );
    expect(logged.account.nextAction?.text).toBe('Send proposal');
    advance(60_000);
    const done = await ok(
      send('completeNextAction', {
        accountId: nw.account.id,
        at: Date.UTC(2026, 10, 28, 13),
        next: null,
      }),
    );
    expect(done.activity.summary).toBe('Send proposal');
    expect(done.activity.completedDue).toBe('2026-12-01');
    const view = await ok(send('getAccount', { id: nw.account.id }));
    expect(view.account.nextAction).toBeNull();
    expect(view.activities.map((a) => a.summary)).toEqual([
      'Send proposal',
      'Q1 renewal: volumes and pricing',
    ]);
    expect(view.people[0]?.lastContactAt).toBe(Date.UTC(2026, 10, 28, 13));
    expect(view.lastTouchedAt).toBe(Date.UTC(2026, 10, 28, 13));
  });

  it('leaves nothing behind when a multi-store write fails half way', async () => {
    const { send, db } = await seeded();
    const before = await snapshot(db);
    // The new account is valid; an activity of a missing account makes the whole file invalid.
    const r = await send('importData', {
      mode: 'merge',
      backup: {
        format: 'rapport-backup',
        schemaVersion: 1,
        exportedAt: 1,
        accounts: [
          { ...(await ok(send('exportData', {}))).accounts[0]!, id: 'new-acc', name: 'Copy' },
        ],
        people: [],
        activities: [
          {
            id: 'a1',
            accountId: 'new-acc',
            personIds: [],
            kind: 'note',
            at: 1,
            summary: 'x',
            outcome: '',
          },
          {
            id: 'a2',
            accountId: 'missing-acc',
            personIds: [],
            kind: 'note',
            at: 1,
            summary: 'x',
            outcome: '',
          },
        ],
        decisions: [],
        stageChanges: [],
      },
    });
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(await snapshot(db)).toBe(before);
  });

  it('aborts the whole transaction when the store itself refuses a record', async () => {
    const { ctx, db, send } = await seeded();
    const before = await snapshot(db);
    // Ids collide inside one createAccount: the person add hits a ConstraintError after the account add.
    let n = 0;
    ctx.newId = () => (n++ === 0 ? 'fresh-account' : 'same-id');
    const r = await send('createAccount', {
      name: 'Twice',
      domains: ['twice.com'],
      people: [
        { name: 'A', email: 'a@twice.com' },
        { name: 'B', email: 'b@twice.com' },
      ],
    });
    expect(r).toMatchObject({ ok: false, code: 'storage' });
    expect(await snapshot(db)).toBe(before);
  });
});

describe('undoable delete', () => {
  it('removes the account and all its records, and restores every one of them', async () => {
    const { send, db, nw } = await seeded();
    await ok(
      send('addDecision', {
        accountId: nw.account.id,
        date: '2026-11-01',
        what: 'Chose us',
        why: 'Price',
      }),
    );
    await ok(
      send('logActivity', {
        activity: { accountId: nw.account.id, personIds: [], kind: 'call', at: 5, summary: 'Call' },
        next: { choice: 'keep' },
      }),
    );
    const before = JSON.parse(await snapshot(db));
    const del = await ok(send('deleteAccount', { id: nw.account.id }));
    expect(del.undoUntil).toBeGreaterThan(Date.UTC(2026, 10, 28, 12) + 60_000);
    const gone = await send('getAccount', { id: nw.account.id });
    expect(gone).toMatchObject({ ok: false, code: 'not_found' });
    for (const s of ['people', 'activities', 'decisions', 'stageChanges'])
      expect(await db.count(s as never)).toBe(0);

    await ok(send('restoreAccount', { id: nw.account.id }));
    const after = JSON.parse(await snapshot(db));
    expect(after).toEqual(before);
    expect(await send('restoreAccount', { id: nw.account.id })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });
});

describe('backup', () => {
  it('export -> wipe -> import gives back exactly what was there', async () => {
    const { send, db } = await seeded();
    const exported = await ok(send('exportData', {}));
    const wiped = await ok(send('wipeData', {}));
    expect(wiped.counts.accounts).toEqual(exported.accounts.length);
    expect(await db.count('accounts')).toBe(0);
    const summary = await ok(
      send('importData', { backup: JSON.parse(JSON.stringify(exported)), mode: 'replace' }),
    );
    expect(summary.counts.accounts).toBe(1);
    const again = await ok(send('exportData', {}));
    expect({ ...again, exportedAt: 0 }).toEqual({ ...exported, exportedAt: 0 });
  });

  it('refuses a backup from a newer schema, or with duplicate ids, whole', async () => {
    const { send, db } = await seeded();
    const exported = await ok(send('exportData', {}));
    const before = await snapshot(db);
    expect(
      await send('importData', { backup: { ...exported, schemaVersion: 99 }, mode: 'replace' }),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/newer Rapport/),
    });
    const dup = { ...exported, people: [...exported.people, ...exported.people] };
    expect(await send('importData', { backup: dup, mode: 'replace' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/twice/),
    });
    expect(await snapshot(db)).toBe(before);
  });

  it('keeps the store as it was when the store refuses a record part-way through', async () => {
    const { send, db } = await seeded();
    const exported = await ok(send('exportData', {}));
    const before = await snapshot(db);
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (++calls === 2) throw new DOMException('Data provided is not a valid key.', 'DataError');
      return put.apply(this, args);
    });
    try {
      const r = await send('importData', { backup: exported, mode: 'replace' });
      expect(r).toMatchObject({ ok: false, code: 'storage' });
    } finally {
      spy.mockRestore();
    }
    expect(calls).toBe(2);
    expect(await snapshot(db)).toBe(before);
  });
});

describe('settings', () => {
  it('updates only what is given, validated', async () => {
    const { send, getSettings } = await seeded();
    await ok(send('updateSettings', { sidebarSide: 'left', cadenceDays: { strategic: 5 } }));
    expect(getSettings().sidebarSide).toBe('left');
    expect(getSettings().cadenceDays).toMatchObject({ strategic: 5, tactical: 30 });
    expect(getSettings().ownDomains).toEqual(['brightwave.io']);
  });
});

describe('write()', () => {
  it('rolls back every store when the work throws after writing', async () => {
    const { db, ctx } = await seeded();
    const { write } = await import('@/entrypoints/background/handlers/common');
    const before = await snapshot(db);
    await expect(
      write(ctx, ['accounts', 'people'], async (tx) => {
        await tx.objectStore('people').clear();
        await tx.objectStore('accounts').clear();
        throw new Error('late failure');
      }),
    ).rejects.toThrow('late failure');
    expect(await snapshot(db)).toBe(before);
  });
});

describe('listAccounts', () => {
  it('gives every account with its latest touch', async () => {
    const { send, nw } = await seeded();
    const gx = await ok(send('createAccount', { name: 'Globex', domains: ['globex.com'] }));
    await ok(send('createAccount', { name: 'Umbrella', domains: ['umbrella.com'] }));
    const log = (accountId: string, at: number) =>
      ok(
        send('logActivity', {
          activity: { accountId, personIds: [], kind: 'call', at, summary: 'Call' },
          next: { choice: 'keep' },
        }),
      );
    await log(nw.account.id, 100);
    await log(nw.account.id, 300);
    await log(gx.account.id, 200);
    await log(nw.account.id, 250);
    const rows = await ok(send('listAccounts', {}));
    const touched = Object.fromEntries(rows.map((r) => [r.name, r.lastTouchedAt]));
    expect(touched).toEqual({ 'Northwind Logistics': 300, Globex: 200, Umbrella: null });
  });

  it('is counted without listing, and the count follows deletes', async () => {
    const { send, nw } = await seeded();
    await ok(send('createAccount', { name: 'Globex', domains: ['globex.com'] }));
    expect(await ok(send('countAccounts', {}))).toBe(2);
    await ok(send('deleteAccount', { id: nw.account.id }));
    expect(await ok(send('countAccounts', {}))).toBe(1);
  });
});

describe('retries', () => {
  it('applies a write carried by the same operation id once, and answers the retry the same', async () => {
    const { ctx, db, nw } = await seeded();
    const { route } = await import('@/entrypoints/background/router');
    const message = {
      rapport: 1,
      name: 'logActivity',
      opId: 'op-00000001',
      request: {
        activity: {
          accountId: nw.account.id,
          personIds: [],
          kind: 'call',
          at: 10,
          summary: 'Call',
        },
        next: {
          choice: 'replace',
          seen: null,
          nextAction: { text: 'Follow up', due: '2026-12-01' },
        },
      },
    };
    const first = await route(message, 'sidebar-frame', ctx);
    const second = await route(message, 'sidebar-frame', ctx);
    expect(first.result.ok).toBe(true);
    expect(second.result).toEqual(first.result);
    expect(await db.count('activities')).toBe(1);

    const created = {
      rapport: 1,
      name: 'createAccount',
      opId: 'op-00000002',
      request: { name: 'Once', domains: ['once.com'] },
    };
    const a = await route(created, 'extension-page', ctx);
    const b = await route(created, 'extension-page', ctx);
    expect(b.result).toEqual(a.result);
    expect((await db.getAll('accounts')).filter((x) => x.name === 'Once')).toHaveLength(1);
  });

  it('does not record an operation whose write failed, so a retry can succeed', async () => {
    const { ctx, nw } = await seeded();
    const { route } = await import('@/entrypoints/background/router');
    const stale = {
      rapport: 1,
      name: 'updateAccount',
      opId: 'op-00000003',
      // Based on a potential the account no longer has: a conflict.
      request: { id: nw.account.id, patch: { potential: 'low' }, base: { potential: 'medium' } },
    };
    expect((await route(stale, 'extension-page', ctx)).result).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    const fixed = {
      ...stale,
      request: { ...stale.request, base: { potential: nw.account.potential } },
    };
    expect((await route(fixed, 'extension-page', ctx)).result).toMatchObject({ ok: true });
  });
});

describe('people, decisions and history', () => {
  it('deletes a person and restores the same record', async () => {
    const { send, nw, db } = await seeded();
    const anna = nw.people[0]!;
    const removed = await ok(send('deletePerson', { id: anna.id }));
    expect(removed).toEqual(anna);
    expect(await db.count('people')).toBe(0);
    await ok(send('restorePerson', { person: removed }));
    expect((await ok(send('getAccount', { id: nw.account.id }))).people).toEqual([anna]);
    expect(await send('deletePerson', { id: 'nobody' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });

  it('deletes a decision and restores it', async () => {
    const { send, nw } = await seeded();
    const d = await ok(
      send('addDecision', { accountId: nw.account.id, date: '2026-11-01', what: 'Chose us' }),
    );
    expect(await ok(send('deleteDecision', { id: d.id }))).toEqual(d);
    expect((await ok(send('getAccount', { id: nw.account.id }))).decisions).toEqual([]);
    await ok(send('restoreDecision', { decision: d }));
    expect((await ok(send('getAccount', { id: nw.account.id }))).decisions).toEqual([d]);
  });

  it('pages through follow-ups newest first', async () => {
    const { send, nw } = await seeded();
    for (let i = 1; i <= 25; i++) {
      await ok(
        send('logActivity', {
          activity: {
            accountId: nw.account.id,
            personIds: [],
            kind: 'note',
            at: i * 1000,
            summary: `n${i}`,
          },
          next: { choice: 'keep' },
        }),
      );
    }
    const first = await ok(send('listActivities', { accountId: nw.account.id, limit: 10 }));
    expect(first.map((a) => a.summary)).toEqual(Array.from({ length: 10 }, (_, i) => `n${25 - i}`));
    const next = await ok(
      send('listActivities', { accountId: nw.account.id, before: first.at(-1)!.at, limit: 10 }),
    );
    expect(next[0]?.summary).toBe('n15');
    const rest = await ok(send('listActivities', { accountId: nw.account.id, before: 6000 }));
    expect(rest.map((a) => a.summary)).toEqual(['n5', 'n4', 'n3', 'n2', 'n1']);
  });
});

describe('CRM records', () => {
  const hubspot = {
    system: 'hubspot' as const,
    recordType: 'company',
    recordId: '18346251907',
    url: 'https://app-eu1.hubspot.com/contacts/26491733/record/0-2/18346251907',
  };
  const record = (over: Partial<{ domains: string[]; names: string[]; emails: string[] }>) => ({
    host: 'hubspot' as const,
    url: hubspot.url,
    participants: (over.emails ?? []).map((email) => ({ email, name: '' })),
    domains: over.domains ?? [],
    names: over.names ?? [],
    crmRef: hubspot,
  });

  it('finds the account by a stored link first, then by domain, then by exact name', async () => {
    const { send, nw } = await seeded();
    const other = await ok(send('createAccount', { name: 'Globex', domains: ['globex.com'] }));

    const byName = await ok(send('resolveContext', record({ names: ['  northwind logistics '] })));
    expect(byName.matches.map((m) => [m.account.id, m.matchedBy])).toEqual([
      [nw.account.id, 'name'],
    ]);

    const byDomain = await ok(
      send(
        'resolveContext',
        record({ domains: ['www.globex.com'], names: ['Northwind Logistics'] }),
      ),
    );
    expect(byDomain.matches.map((m) => [m.account.id, m.matchedBy])).toEqual([
      [other.account.id, 'domain'],
    ]);

    await ok(
      send('linkCrmRecord', {
        accountId: nw.account.id,
        crmRef: hubspot,
        domains: ['www.northwind-logistics.com'],
      }),
    );
    const linked = await ok(send('resolveContext', record({ domains: ['globex.com'] })));
    expect(linked.matches.map((m) => [m.account.id, m.matchedBy])).toEqual([
      [nw.account.id, 'crm'],
    ]);
    expect(linked.matches[0]?.account.domains).toEqual([
      'northwind.co.uk',
      'northwind-logistics.com',
    ]);
    expect(linked.matches[0]?.account.crmRefs).toEqual([hubspot]);
  });

  it('keeps one link per record, updated, and writes nothing when nothing changed', async () => {
    const { send, nw } = await seeded();
    await ok(send('linkCrmRecord', { accountId: nw.account.id, crmRef: hubspot, domains: [] }));
    const moved = { ...hubspot, url: hubspot.url + '/' };
    const a = await ok(
      send('linkCrmRecord', {
        accountId: nw.account.id,
        crmRef: moved,
        domains: ['northwind.co.uk'],
      }),
    );
    expect(a.crmRefs).toEqual([moved]);
    const again = await ok(
      send('linkCrmRecord', { accountId: nw.account.id, crmRef: moved, domains: [] }),
    );
    expect(again.revision).toBe(a.revision);
  });

  it('keeps the link and name indexes true through rename, delete, restore and import', async () => {
    const { send, nw, db } = await seeded();
    const found = async (over: Parameters<typeof record>[0], ref = hubspot) =>
      (await ok(send('resolveContext', { ...record(over), crmRef: ref }))).matches.map((m) => [
        m.account.id,
        m.matchedBy,
      ]);
    const elsewhere = { ...hubspot, recordId: '1' };
    const linked = await ok(
      send('linkCrmRecord', { accountId: nw.account.id, crmRef: hubspot, domains: [] }),
    );
    await ok(
      send('updateAccount', {
        id: nw.account.id,
        patch: { name: 'Northwind Group' },
        base: { name: linked.name },
      }),
    );
    expect(await found({ names: ['Northwind Logistics'] }, elsewhere)).toEqual([]);
    expect(await found({ names: [' NORTHWIND group'] }, elsewhere)).toEqual([
      [nw.account.id, 'name'],
    ]);

    await ok(send('deleteAccount', { id: nw.account.id }));
    expect(await found({})).toEqual([]);
    await ok(send('restoreAccount', { id: nw.account.id }));
    expect(await found({})).toEqual([[nw.account.id, 'crm']]);

    const exported = await ok(send('exportData', {}));
    expect(Object.keys(exported.accounts[0]!)).not.toContain('crmKeys');
    expect(Object.keys(exported.accounts[0]!)).not.toContain('nameKey');
    await ok(send('wipeData', {}));
    expect(await found({})).toEqual([]);
    await ok(send('importData', { backup: exported, mode: 'replace' }));
    expect(await found({})).toEqual([[nw.account.id, 'crm']]);
    for (const stored of await db.getAll('accounts')) expect(stored).toEqual(withKeys(stored));
  });

  it('offers nothing to create when a record matches nothing, and shows no one twice', async () => {
    const { send } = await seeded();
    const r = await ok(
      send('resolveContext', record({ names: ['Initech'], emails: ['priya@initech-systems.com'] })),
    );
    expect(r.matches).toEqual([]);
    expect(r.unknown.map((u) => u.email)).toEqual(['priya@initech-systems.com']);
  });
});

describe('taking a follow-up back', () => {
  it("puts each person's last contact back to their latest remaining follow-up", async () => {
    const { send, nw } = await seeded();
    const anna = nw.people[0]!;
    const log = (at: number) =>
      ok(
        send('logActivity', {
          activity: {
            accountId: nw.account.id,
            personIds: [anna.id],
            kind: 'call',
            at,
            summary: 'Call',
          },
          next: { choice: 'keep' },
        }),
      );
    await log(1_000);
    const second = await log(2_000);
    const lastContact = async () =>
      (await ok(send('getAccount', { id: nw.account.id }))).people[0]?.lastContactAt;
    expect(await lastContact()).toBe(2_000);
    await ok(send('deleteActivity', { id: second.activity.id }));
    expect(await lastContact()).toBe(1_000);
    const first = (await ok(send('listActivities', { accountId: nw.account.id })))[0]!;
    await ok(send('deleteActivity', { id: first.id }));
    expect(await lastContact()).toBeNull();
  });
});
