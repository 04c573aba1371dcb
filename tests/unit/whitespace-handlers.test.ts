// The whitespace grid's handlers: units (add, rename, reorder, remove with cells, Undo), cells
// (set and merged per field, wonAt, refusals across accounts and for unknown offerings), imports
// all-or-nothing with Undo, the sidebar's summary and the calendar's contracts.
import { describe, expect, it } from 'vitest';
import { EMPTY_CELL } from '@/utils/shared/whitespace';
import { freshContext, ok, snapshot } from './helpers';

const OFFERINGS = [
  { id: 'off-wh', name: 'Warehousing' },
  { id: 'off-tr', name: 'Transport' },
];

async function setup() {
  const t = await freshContext({ offerings: OFFERINGS });
  const nw = await ok(t.send('createAccount', { name: 'Northwind', domains: ['northwind.co.uk'] }));
  const gx = await ok(t.send('createAccount', { name: 'Globex', domains: ['globex.com'] }));
  const uk = await ok(t.send('addBuyingUnit', { accountId: nw.account.id, name: 'UK operations' }));
  const retail = await ok(t.send('addBuyingUnit', { accountId: nw.account.id, name: 'Retail' }));
  return { ...t, nw: nw.account.id, gx: gx.account.id, uk, retail };
}

describe('buying units', () => {
  it('are added in order, renamed with a base, reordered and refused when duplicated', async () => {
    const { send, nw, uk, retail } = await setup();
    expect([uk.order, retail.order]).toEqual([0, 1]);
    const dup = await send('addBuyingUnit', { accountId: nw, name: ' retail ' });
    expect(dup).toMatchObject({ ok: false, code: 'invalid' });
    const renamed = await ok(send('renameBuyingUnit', { id: uk.id, name: 'UK', base: uk.name }));
    expect(renamed.name).toBe('UK');
    const stale = await send('renameBuyingUnit', { id: uk.id, name: 'Britain', base: uk.name });
    expect(stale).toMatchObject({ ok: false, code: 'conflict' });
    await ok(send('reorderBuyingUnits', { accountId: nw, ids: [retail.id, uk.id] }));
    const grid = await ok(send('listWhitespace', { accountId: nw }));
    expect(grid.units.map((u) => u.name)).toEqual(['Retail', 'UK']);
    const partial = await send('reorderBuyingUnits', { accountId: nw, ids: [uk.id] });
    expect(partial).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('removing one takes its cells, and Undo puts both back', async () => {
    const { send, nw, uk, db } = await setup();
    await ok(
      send('setWhitespaceCell', {
        accountId: nw,
        unitId: uk.id,
        offeringId: 'off-wh',
        changes: { supplier: 'competitor', competitor: 'Acme' },
        base: { supplier: 'unknown', competitor: '' },
      }),
    );
    const before = await snapshot(db);
    const removed = await ok(send('deleteBuyingUnit', { id: uk.id }));
    expect(removed.cells).toHaveLength(1);
    expect((await ok(send('listWhitespace', { accountId: nw }))).cells).toEqual([]);
    await ok(
      send('restoreWhitespace', {
        accountId: nw,
        ...removed,
        units: [removed.unit],
        removeCellIds: [],
      }),
    );
    expect(await snapshot(db)).toBe(before);
  });
});

describe('cells', () => {
  const at = (accountId: string, unitId: string, offeringId = 'off-wh') => ({
    accountId,
    unitId,
    offeringId,
  });

  it('merge per field: two edits of different fields both land; the same field conflicts', async () => {
    const { send, nw, uk } = await setup();
    const a = at(nw, uk.id);
    await ok(
      send('setWhitespaceCell', { ...a, changes: { spend: 120000 }, base: { spend: null } }),
    );
    // Another tab read the empty cell too, and sets the competitor: merged, not lost.
    const both = await ok(
      send('setWhitespaceCell', {
        ...a,
        changes: { supplier: 'competitor', competitor: 'Acme' },
        base: { supplier: EMPTY_CELL.supplier, competitor: '' },
      }),
    );
    expect(both).toMatchObject({ spend: 120000, supplier: 'competitor', competitor: 'Acme' });
    const clash = await send('setWhitespaceCell', {
      ...a,
      changes: { spend: 90000 },
      base: { spend: null },
    });
    expect(clash).toMatchObject({ ok: false, code: 'conflict' });
    if (!clash.ok)
      expect(clash.conflicts).toEqual([{ field: 'spend', mine: 90000, theirs: 120000 }]);
  });

  it('stamps wonAt when an opportunity turns to us, not when a new cell starts as us', async () => {
    const { send, nw, uk, retail, advance } = await setup();
    const fresh = await ok(
      send('setWhitespaceCell', {
        ...at(nw, retail.id),
        changes: { supplier: 'us' },
        base: { supplier: 'unknown' },
      }),
    );
    expect(fresh.wonAt).toBeUndefined();
    await ok(
      send('setWhitespaceCell', {
        ...at(nw, uk.id),
        changes: { supplier: 'competitor' },
        base: { supplier: 'unknown' },
      }),
    );
    const when = advance(60_000);
    const won = await ok(
      send('setWhitespaceCell', {
        ...at(nw, uk.id),
        changes: { supplier: 'us' },
        base: { supplier: 'competitor' },
      }),
    );
    expect(won.wonAt).toBe(when);
  });

  it('refuses a unit of another account and an offering not in the settings', async () => {
    const { send, nw, gx, uk, db } = await setup();
    const before = await snapshot(db);
    const foreign = await send('setWhitespaceCell', {
      ...at(gx, uk.id),
      changes: { supplier: 'us' },
      base: { supplier: 'unknown' },
    });
    expect(foreign).toMatchObject({ ok: false, code: 'invalid' });
    if (!foreign.ok) expect(foreign.error).toMatch(/another account/);
    const unknown = await send('setWhitespaceCell', {
      ...at(nw, uk.id, 'off-gone'),
      changes: { supplier: 'us' },
      base: { supplier: 'unknown' },
    });
    expect(unknown).toMatchObject({ ok: false, code: 'invalid' });
    if (!unknown.ok) expect(unknown.error).toMatch(/offering is not in the settings/);
    expect(await snapshot(db)).toBe(before);
  });

  it('Undo cannot take over a unit or a cell of another account by naming its id', async () => {
    const { send, db, nw, gx, uk } = await setup();
    const plant = await ok(send('addBuyingUnit', { accountId: gx, name: 'Plant' }));
    const gxCell = await ok(
      send('setWhitespaceCell', {
        accountId: gx,
        unitId: plant.id,
        offeringId: 'off-wh',
        changes: { supplier: 'competitor', competitor: 'Initech', note: 'Globex only' },
        base: { supplier: 'unknown', competitor: '', note: '' },
      }),
    );
    const before = await snapshot(db);
    const forged = [
      { units: [{ ...plant, accountId: nw }], cells: [] },
      { units: [], cells: [{ ...gxCell, accountId: nw, unitId: uk.id }] },
    ];
    for (const f of forged) {
      const r = await send('restoreWhitespace', { accountId: nw, ...f, removeCellIds: [] });
      expect(r).toMatchObject({ ok: false, code: 'invalid' });
    }
    expect(await snapshot(db)).toBe(before);
  });

  it('an edit never lands in a cell of another account that names this account’s unit', async () => {
    // Such a cell can come from a backup file someone else made: its account is shared, this one
    // is not, and an edit here must not travel there.
    const { send, db, nw, gx, uk } = await setup();
    const planted = {
      id: 'c-planted',
      accountId: gx,
      unitId: uk.id,
      offeringId: 'off-wh',
      ...EMPTY_CELL,
      updatedAt: 1,
    };
    await db.put('whitespace', planted);
    const cell = await ok(
      send('setWhitespaceCell', {
        accountId: nw,
        unitId: uk.id,
        offeringId: 'off-wh',
        changes: { note: 'Northwind only: budget 40k' },
        base: { note: '' },
      }),
    );
    expect(cell).toMatchObject({ accountId: nw, note: 'Northwind only: budget 40k' });
    expect(await db.get('whitespace', 'c-planted')).toEqual(planted);
  });

  it('refuses a change without its base, and a bad currency, at the schema', async () => {
    const { send, nw, uk } = await setup();
    const noBase = await send('setWhitespaceCell', {
      ...at(nw, uk.id),
      changes: { supplier: 'us' },
      base: {},
    });
    expect(noBase).toMatchObject({ ok: false, code: 'invalid' });
    const currency = await send('setWhitespaceCell', {
      ...at(nw, uk.id),
      changes: { currency: 'euro' },
      base: { currency: 'EUR' },
    });
    expect(currency).toMatchObject({ ok: false, code: 'invalid' });
  });
});

describe('import, summary and contracts', () => {
  const row = (accountId: string, unitId: string, offeringId: string, extra = {}) => ({
    accountId,
    unitId,
    offeringId,
    ...EMPTY_CELL,
    ...extra,
  });

  it('imports all or nothing, and Undo puts the grid back as it was', async () => {
    const { send, nw, gx, uk, retail, db } = await setup();
    await ok(
      send('setWhitespaceCell', {
        accountId: nw,
        unitId: uk.id,
        offeringId: 'off-wh',
        changes: { note: 'Before' },
        base: { note: '' },
      }),
    );
    const before = await snapshot(db);
    const bad = await send('importWhitespace', {
      accountId: nw,
      cells: [row(nw, uk.id, 'off-wh', { note: 'New' }), row(nw, retail.id, 'off-nope')],
    });
    expect(bad).toMatchObject({ ok: false, code: 'invalid' });
    const cross = await send('importWhitespace', {
      accountId: gx,
      cells: [row(gx, uk.id, 'off-wh')],
    });
    expect(cross).toMatchObject({ ok: false, code: 'invalid' });
    expect(await snapshot(db)).toBe(before);

    const done = await ok(
      send('importWhitespace', {
        accountId: nw,
        cells: [
          row(nw, uk.id, 'off-wh', { note: 'New' }),
          row(nw, retail.id, 'off-tr', { supplier: 'competitor', spend: 5 }),
        ],
      }),
    );
    expect(done.replaced.map((c) => c.note)).toEqual(['Before']);
    expect(done.createdIds).toHaveLength(1);
    await ok(
      send('restoreWhitespace', {
        accountId: nw,
        units: [],
        cells: done.replaced,
        removeCellIds: done.createdIds,
      }),
    );
    expect(await snapshot(db)).toBe(before);
  });

  it('summarises open opportunities and lists contracts ending in a window', async () => {
    const { send, nw, uk, retail, getSettings } = await setup();
    const set = (unitId: string, offeringId: string, changes: Record<string, unknown>) =>
      ok(
        send('setWhitespaceCell', {
          accountId: nw,
          unitId,
          offeringId,
          changes,
          base: Object.fromEntries(
            Object.keys(changes).map((k) => [k, EMPTY_CELL[k as keyof typeof EMPTY_CELL]]),
          ),
        }),
      );
    await set(uk.id, 'off-wh', {
      supplier: 'competitor',
      spend: 120000,
      contractEnd: '2027-01-15',
    });
    await set(uk.id, 'off-tr', { supplier: 'unknown', spend: 5000 });
    await set(retail.id, 'off-wh', { supplier: 'us', spend: 999999, contractEnd: '2026-12-01' });
    await set(retail.id, 'off-tr', { supplier: 'competitor', contractEnd: '2027-09-01' });
    const summary = await ok(send('getOpportunities', { accountId: nw }));
    expect(summary).toEqual({
      count: 3,
      biggest: { offering: 'Warehousing', unit: 'UK operations', spend: 120000, currency: 'EUR' },
      alsoIn: [],
    });
    const ending = await ok(
      send('listContractsEnding', { from: '2026-11-28', until: '2027-02-26' }),
    );
    expect(ending.map((e) => [e.day, e.unit, e.offering])).toEqual([
      ['2026-12-01', 'Retail', 'Warehousing'],
      ['2027-01-15', 'UK operations', 'Warehousing'],
    ]);
    // An offering removed from the settings hides its cells everywhere, and keeps them.
    const settings = getSettings();
    settings.offerings = settings.offerings.filter((o) => o.id !== 'off-wh');
    expect(await ok(send('getOpportunities', { accountId: nw }))).toEqual({
      count: 2,
      biggest: { offering: 'Transport', unit: 'UK operations', spend: 5000, currency: 'EUR' },
      alsoIn: [],
    });
    // The sidebar's line comes with the account view, the same summary in the same read.
    const view = await ok(send('getAccount', { id: nw }));
    expect(view.opportunities).toEqual(await ok(send('getOpportunities', { accountId: nw })));
    expect(view.sync).toBeNull();
    expect(await ok(send('countOfferingUse', {}))).toEqual({ 'off-wh': 2, 'off-tr': 2 });
  });
});

describe('the demo fixture', () => {
  it('merges into the sample and gives the sidebar its line and the calendar its two contracts', async () => {
    const { sampleBackup } = await import('../fixtures/sample-data.mjs');
    const { SAMPLE_OFFERINGS, sampleWhitespace, CONTRACT_END_IN_DAYS, UNKNOWN_END_IN_DAYS } =
      await import('../fixtures/sample-whitespace.mjs');
    const t = await freshContext();
    const now = t.ctx.now();
    await ok(t.send('importData', { backup: sampleBackup(now), mode: 'replace' }));
    await ok(t.send('updateSettings', { offerings: SAMPLE_OFFERINGS }));
    await ok(t.send('importData', { backup: sampleWhitespace(now), mode: 'merge' }));
    const grid = await ok(t.send('listWhitespace', { accountId: 'acc-northwind' }));
    expect([grid.units.length, grid.cells.length]).toEqual([2, 6]);
    expect(await ok(t.send('getOpportunities', { accountId: 'acc-northwind' }))).toEqual({
      count: 3,
      biggest: { offering: 'Warehousing', unit: 'UK operations', spend: 120000, currency: 'EUR' },
      alsoIn: [],
    });
    // What a thread of the account resolves to carries the same line.
    const resolved = await ok(
      t.send('resolveContext', {
        host: 'gmail',
        url: 'https://mail.google.com/mail/u/0/#inbox/1',
        participants: [{ email: 'anna.keller@northwind.co.uk', name: 'Anna Keller' }],
        domains: [],
        names: [],
      }),
    );
    expect(resolved.matches.map((m) => [m.account.id, m.opportunities.count])).toEqual([
      ['acc-northwind', 3],
    ]);
    const isoIn = (days: number) => {
      const day = new Date(now + days * 86_400_000);
      return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    };
    const ending = await ok(
      t.send('listContractsEnding', { from: '2026-11-28', until: '2027-02-26' }),
    );
    expect(ending.map((e) => [e.day, e.supplier, e.competitor])).toEqual([
      [isoIn(CONTRACT_END_IN_DAYS), 'competitor', 'Harbour Storage Ltd'],
      [isoIn(UNKNOWN_END_IN_DAYS), 'unknown', ''],
    ]);
  });
});
