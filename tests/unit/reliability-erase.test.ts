/**
 * An erase leaves nothing behind, and an operation id answers only the message and sender that
 * first used it: a harmless write replayed with an erase's id gets nothing from the erase.
 */
import { describe, expect, it } from 'vitest';
import { route, type SenderKind } from '@/entrypoints/background/router';
import type { MessageName, RequestOf, ResponseOf, Result } from '@/utils/contract/messages';
import { freshContext, ok, snapshot } from './helpers';

/** Words that appear only in the seeded records: none may be found anywhere after an erase. */
const SECRETS = ['Northwind Logistics', 'Initech', 'Anna Keller', 'anna.keller@', 'prefers calls'];

async function seeded() {
  const t = await freshContext();
  let n = 0;
  /** Sends with an operation id, as every Rapport page does. */
  const sendOp = async <K extends MessageName>(
    name: K,
    request: RequestOf<K>,
    opts: { sender?: SenderKind; tabId?: number; opId?: string } = {},
  ) => {
    const ctx = { ...t.ctx, tabId: opts.tabId ?? t.ctx.tabId };
    const opId = opts.opId ?? `seed-op-${String(++n).padStart(4, '0')}`;
    const message = { rapport: 1, name, request, opId };
    return (await route(message, opts.sender ?? 'extension-page', ctx)).result as Result<
      ResponseOf<K>
    >;
  };
  const nw = await ok(
    sendOp('createAccount', {
      name: 'Northwind Logistics',
      domains: ['northwind.co.uk'],
      people: [{ name: 'Anna Keller', email: 'anna.keller@northwind.co.uk' }],
    }),
  );
  const anna = nw.people[0]!;
  // The answer of each of these writes holds records: each sits in `ops` for its retry.
  await ok(
    sendOp(
      'upsertPerson',
      {
        id: anna.id,
        accountId: nw.account.id,
        notes: 'prefers calls',
        base: { notes: anna.notes },
      },
      { sender: 'sidebar-frame' },
    ),
  );
  const initech = await ok(sendOp('createAccount', { name: 'Initech', domains: ['initech.com'] }));
  await ok(sendOp('deleteAccount', { id: initech.account.id }));
  await ok(
    sendOp(
      'keepDraft',
      { key: `${nw.account.id}|${anna.id}||notes`, value: 'prefers calls, not email' },
      { sender: 'sidebar-frame' },
    ),
  );
  return { ...t, sendOp, nw };
}

/** Every store of the database, as one text, to search for what must be gone. */
async function everything(db: Awaited<ReturnType<typeof freshContext>>['db']) {
  const out: Record<string, unknown[]> = {};
  for (const name of db.objectStoreNames) out[name] = await db.getAll(name);
  return JSON.stringify(out);
}

/** Every store but the backups the user keeps, as one text. */
async function allButKept(db: Awaited<ReturnType<typeof freshContext>>['db']) {
  const out: Record<string, unknown[]> = {};
  for (const name of db.objectStoreNames)
    if (name !== 'backups' && name !== 'backupRecords') out[name] = await db.getAll(name);
  return JSON.stringify(out);
}

describe('an erase', () => {
  it('leaves no record anywhere but the one backup it keeps, and none once that is deleted', async () => {
    const { db, sendOp } = await seeded();
    const before = await everything(db);
    for (const secret of SECRETS)
      expect(before, 'the seed is not what the test thinks').toContain(secret);
    expect(await db.count('ops')).toBeGreaterThan(3);
    expect(await db.count('trash')).toBe(1);

    const wiped = await ok(sendOp('wipeData', {}, { opId: 'erase-op-0001' }));
    expect(wiped).toMatchObject({ reason: 'erased', state: 'complete' });
    expect(wiped.counts).toEqual({
      accounts: 1,
      people: 1,
      activities: 0,
      decisions: 0,
      stageChanges: 0,
      objectives: 0,
      buyingUnits: 0,
      whitespace: 0,
    });
    // The erase's own answer is a description of the backup, not the records.
    expect(JSON.stringify(await db.getAll('ops'))).not.toContain('Northwind');
    expect((await db.getAll('ops')).map((o) => o.opId)).toEqual(['erase-op-0001']);
    expect(await db.count('trash')).toBe(0);
    expect(await db.count('drafts')).toBe(0);
    const outside = await allButKept(db);
    for (const secret of SECRETS) expect(outside).not.toContain(secret);
    // The backup kept holds exactly what the store held (the trash and drafts are not records).
    const kept = JSON.stringify(await db.getAll('backupRecords'));
    expect(kept).toContain('Northwind Logistics');
    expect(kept).toContain('prefers calls');

    await ok(sendOp('deleteBackup', { backupId: wiped.id }, { opId: 'delete-op-0001' }));
    const after = await everything(db);
    for (const secret of SECRETS) expect(after).not.toContain(secret);
  });

  it('answers its retry with the same description and erases nothing more', async () => {
    const { db, sendOp } = await seeded();
    const first = await ok(sendOp('wipeData', {}, { opId: 'erase-op-0002' }));
    // New data arrives; a late retry must neither erase it nor make another backup.
    await ok(sendOp('createAccount', { name: 'Globex', domains: ['globex.com'] }));
    const before = await snapshot(db);
    const retry = await ok(sendOp('wipeData', {}, { opId: 'erase-op-0002' }));
    expect(retry).toEqual(first);
    expect(await snapshot(db)).toBe(before);
  });
});

describe('an operation id', () => {
  it('replayed on a harmless write gets nothing of the erase, and changes nothing', async () => {
    const { db, sendOp, nw } = await seeded();
    await ok(sendOp('wipeData', {}, { opId: 'erase-op-0003' }));
    await ok(sendOp('createAccount', { name: 'Globex', domains: ['globex.com'] }));
    const before = await snapshot(db);
    const opsBefore = await db.count('ops');

    const replays: [MessageName, unknown][] = [
      ['keepDraft', { key: 'k', value: 'v' }],
      ['createAccount', { name: 'Harmless', domains: ['harmless.com'] }],
      ['setNextAction', { accountId: nw.account.id, nextAction: null }],
    ];
    for (const [name, request] of replays) {
      const answer = await sendOp(name, request as never, { opId: 'erase-op-0003' });
      expect(answer, name).toMatchObject({ ok: false, code: 'invalid' });
      expect(JSON.stringify(answer)).not.toContain('Northwind');
    }
    expect(await snapshot(db)).toBe(before);
    expect(await db.count('ops')).toBe(opsBefore);
  });

  it('replayed by another sender or from another tab gets nothing, and changes nothing', async () => {
    const { db, sendOp } = await seeded();
    const request = { name: 'Once', domains: ['once.com'] };
    const first = await ok(sendOp('createAccount', request, { opId: 'create-op-01', tabId: 3 }));
    const before = await snapshot(db);

    const sameTab = await sendOp('createAccount', request, { opId: 'create-op-01', tabId: 3 });
    expect(sameTab).toEqual({ ok: true, data: first });

    const otherTab = await sendOp('createAccount', request, { opId: 'create-op-01', tabId: 4 });
    expect(otherTab).toMatchObject({ ok: false, code: 'invalid' });
    const otherKind = await sendOp('createAccount', request, {
      opId: 'create-op-01',
      tabId: 3,
      sender: 'sidebar-frame',
    });
    expect(otherKind).toMatchObject({ ok: false, code: 'invalid' });
    expect(JSON.stringify([otherTab, otherKind])).not.toContain(first.account.id);
    expect(await snapshot(db)).toBe(before);
  });

  it('recorded before ids were bound (no name, no sender) answers nothing', async () => {
    const { db, sendOp } = await seeded();
    await db.put('ops', { opId: 'legacy-op-01', at: 1, result: { secret: 'Initech' } });
    const answer = await sendOp('keepDraft', { key: 'k', value: 'v' }, { opId: 'legacy-op-01' });
    expect(answer).toMatchObject({ ok: false, code: 'invalid' });
    expect(JSON.stringify(answer)).not.toContain('Initech');
  });
});
