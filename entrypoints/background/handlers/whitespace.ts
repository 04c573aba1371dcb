/**
 * The whitespace grid: an account's buying units (added, renamed, reordered, removed with their
 * cells and put back by Undo) and its cells, each a unit against an offering of the settings.
 * Every write checks that the unit belongs to the account it names and that the offering is one
 * the settings hold; a cell edit merges field by field with what others changed since it was read.
 */
import type { BuyingUnit, WhitespaceCell } from '@/utils/contract/model';
import type { Settings } from '@/utils/contract/settings';
import { MAX_BUYING_UNITS } from '@/utils/contract/limits';
import { mergeFields } from '@/utils/shared/field-merge';
import { EMPTY_CELL, isWin } from '@/utils/shared/whitespace';
import {
  type HandlerContext,
  type Handlers,
  HandlerError,
  type Tx,
  conflictError,
  mustGetAccount,
  write,
} from './common';
import { contractsEnding, opportunitySummary, unitsOf } from './whitespace-reads';

const STORES = ['accounts', 'buyingUnits', 'whitespace'] as const;

/** The unit, refused unless it exists and belongs to `accountId`. */
async function unitOf(tx: Tx, accountId: string, unitId: string): Promise<BuyingUnit> {
  const unit = await tx.objectStore('buyingUnits').get(unitId);
  if (!unit) throw new HandlerError('not_found', 'That buying unit no longer exists.');
  if (unit.accountId !== accountId)
    throw new HandlerError('invalid', 'That buying unit belongs to another account.');
  return unit;
}

/** Refuses an offering id the settings do not hold (removed, or never there). */
function checkOffering(settings: Settings, offeringId: string) {
  if (!settings.offerings.some((o) => o.id === offeringId))
    throw new HandlerError(
      'invalid',
      'That offering is not in the settings: add it on the options page first.',
    );
}

/**
 * The one cell of the account's unit for an offering, if stored. Only the account's own: a cell
 * of another account naming this unit (from a file or a teammate's doc) is never written through.
 */
async function cellAt(tx: Tx, address: { accountId: string; unitId: string; offeringId: string }) {
  const cells = await tx.objectStore('whitespace').index('byUnit').getAll(address.unitId);
  return cells.find(
    (c) => c.accountId === address.accountId && c.offeringId === address.offeringId,
  );
}

function newCell(
  ctx: HandlerContext,
  address: { accountId: string; unitId: string; offeringId: string },
): WhitespaceCell {
  const { accountId, unitId, offeringId } = address;
  return { id: ctx.newId(), accountId, unitId, offeringId, ...EMPTY_CELL, updatedAt: ctx.now() };
}

/** The cell after `fields`, with wonAt stamped when it turns from an opportunity to us. */
function stamped(before: WhitespaceCell | undefined, after: WhitespaceCell, now: number) {
  const won = before && isWin(before, after);
  return { ...after, updatedAt: now, ...(won ? { wonAt: now } : {}) };
}

export const whitespaceHandlers = {
  async listWhitespace(req, ctx) {
    const tx = ctx.db.transaction(['buyingUnits', 'whitespace']);
    const units = await unitsOf(tx.objectStore('buyingUnits'), req.accountId);
    const cells = await tx.objectStore('whitespace').index('byAccount').getAll(req.accountId);
    return { data: { units, cells }, changed: [] };
  },

  async getOpportunities(req, ctx) {
    const tx = ctx.db.transaction(['buyingUnits', 'whitespace']);
    const units = await unitsOf(tx.objectStore('buyingUnits'), req.accountId);
    const cells = await tx.objectStore('whitespace').index('byAccount').getAll(req.accountId);
    const { offerings } = await ctx.settings();
    return { data: opportunitySummary(units, cells, offerings), changed: [] };
  },

  async listContractsEnding(req, ctx) {
    const { offerings } = await ctx.settings();
    return { data: await contractsEnding(ctx.db, req.from, req.until, offerings), changed: [] };
  },

  async countOfferingUse(_req, ctx) {
    const counts: Record<string, number> = {};
    let cursor = await ctx.db.transaction('whitespace').store.openCursor();
    while (cursor) {
      counts[cursor.value.offeringId] = (counts[cursor.value.offeringId] ?? 0) + 1;
      cursor = await cursor.continue();
    }
    return { data: counts, changed: [] };
  },

  async addBuyingUnit(req, ctx) {
    return write(ctx, [...STORES], async (tx) => {
      await mustGetAccount(tx, req.accountId);
      const units = await unitsOf(tx.objectStore('buyingUnits'), req.accountId);
      if (units.length >= MAX_BUYING_UNITS)
        throw new HandlerError(
          'invalid',
          `An account has at most ${MAX_BUYING_UNITS} buying units; remove one first.`,
        );
      const name = req.name.trim();
      if (units.some((u) => u.name.toLowerCase() === name.toLowerCase()))
        throw new HandlerError('invalid', `This account already has a buying unit "${name}".`);
      const order = units.reduce((max, u) => Math.max(max, u.order + 1), 0);
      const unit: BuyingUnit = { id: ctx.newId(), accountId: req.accountId, name, order };
      await tx.objectStore('buyingUnits').add(unit);
      return { data: unit, changed: [req.accountId] };
    });
  },

  async renameBuyingUnit(req, ctx) {
    return write(ctx, ['buyingUnits'], async (tx) => {
      const unit = await tx.objectStore('buyingUnits').get(req.id);
      if (!unit) throw new HandlerError('not_found', 'That buying unit no longer exists.');
      const merged = mergeFields(unit, { name: req.name.trim() }, { name: req.base });
      if (!merged.ok) throw conflictError(merged.conflicts);
      if (merged.applied.length === 0) return { data: unit, changed: [] };
      await tx.objectStore('buyingUnits').put(merged.next);
      return { data: merged.next, changed: [unit.accountId] };
    });
  },

  async reorderBuyingUnits(req, ctx) {
    return write(ctx, ['buyingUnits'], async (tx) => {
      const units = await unitsOf(tx.objectStore('buyingUnits'), req.accountId);
      const same =
        req.ids.length === units.length &&
        new Set(req.ids).size === units.length &&
        units.every((u) => req.ids.includes(u.id));
      if (!same)
        throw new HandlerError(
          'conflict',
          'The buying units changed since they were read; reload and try again.',
        );
      const next = req.ids.map((id, order) => ({ ...units.find((u) => u.id === id)!, order }));
      for (const unit of next) await tx.objectStore('buyingUnits').put(unit);
      return { data: next, changed: [req.accountId] };
    });
  },

  async deleteBuyingUnit(req, ctx) {
    return write(ctx, ['buyingUnits', 'whitespace'], async (tx) => {
      const unit = await tx.objectStore('buyingUnits').get(req.id);
      if (!unit) throw new HandlerError('not_found', 'That buying unit no longer exists.');
      const cells = (await tx.objectStore('whitespace').index('byUnit').getAll(unit.id)).filter(
        (c) => c.accountId === unit.accountId,
      );
      for (const cell of cells) await tx.objectStore('whitespace').delete(cell.id);
      await tx.objectStore('buyingUnits').delete(unit.id);
      return { data: { unit, cells }, changed: [unit.accountId] };
    });
  },

  async setWhitespaceCell(req, ctx) {
    const settings = await ctx.settings();
    return write(ctx, [...STORES], async (tx) => {
      await mustGetAccount(tx, req.accountId);
      await unitOf(tx, req.accountId, req.unitId);
      checkOffering(settings, req.offeringId);
      const stored = await cellAt(tx, req);
      const current = stored ?? newCell(ctx, req);
      const merged = mergeFields(current, req.changes, req.base);
      if (!merged.ok) throw conflictError(merged.conflicts);
      if (merged.applied.length === 0 && stored) return { data: stored, changed: [] };
      const next = stamped(stored, merged.next, ctx.now());
      await tx.objectStore('whitespace').put(next);
      return { data: next, changed: [req.accountId] };
    });
  },

  async importWhitespace(req, ctx) {
    const settings = await ctx.settings();
    return write(ctx, [...STORES], async (tx) => {
      await mustGetAccount(tx, req.accountId);
      const seen = new Set<string>();
      const cells: WhitespaceCell[] = [];
      const replaced: WhitespaceCell[] = [];
      const createdIds: string[] = [];
      for (const [i, given] of req.cells.entries()) {
        if (given.accountId !== req.accountId)
          throw new HandlerError('invalid', `Cell ${i + 1} names another account.`);
        await unitOf(tx, req.accountId, given.unitId);
        checkOffering(settings, given.offeringId);
        const key = `${given.unitId}\n${given.offeringId}`;
        if (seen.has(key))
          throw new HandlerError('invalid', `Cell ${i + 1} repeats a unit and offering.`);
        seen.add(key);
        const stored = await cellAt(tx, given);
        if (stored) replaced.push(stored);
        const base = stored ?? newCell(ctx, given);
        if (!stored) createdIds.push(base.id);
        const next = stamped(stored, { ...base, ...given }, ctx.now());
        await tx.objectStore('whitespace').put(next);
        cells.push(next);
      }
      return { data: { cells, replaced, createdIds }, changed: [req.accountId] };
    });
  },

  async restoreWhitespace(req, ctx) {
    return write(ctx, [...STORES], async (tx) => {
      await mustGetAccount(tx, req.accountId);
      const foreign =
        req.units.some((u) => u.accountId !== req.accountId) ||
        req.cells.some((c) => c.accountId !== req.accountId);
      if (foreign) throw new HandlerError('invalid', 'Everything restored must be of one account.');
      const units = tx.objectStore('buyingUnits');
      const kept = await unitsOf(units, req.accountId);
      const adding = req.units.filter((u) => !kept.some((k) => k.id === u.id));
      if (kept.length + adding.length > MAX_BUYING_UNITS)
        throw new HandlerError(
          'invalid',
          `An account has at most ${MAX_BUYING_UNITS} buying units; remove one first.`,
        );
      const store = tx.objectStore('whitespace');
      // Undo puts back records of this account only: an id held by another account's unit or
      // cell is refused, never overwritten (the records come from the page, not from the store).
      const held = [
        ...(await Promise.all(req.units.map((u) => units.get(u.id)))),
        ...(await Promise.all(req.cells.map((c) => store.get(c.id)))),
      ];
      if (held.some((r) => r && r.accountId !== req.accountId))
        throw new HandlerError('invalid', 'Everything restored must be of one account.');
      for (const unit of req.units) await units.put(unit);
      for (const id of req.removeCellIds) {
        const cell = await store.get(id);
        if (cell && cell.accountId === req.accountId) await store.delete(id);
      }
      for (const cell of req.cells) {
        await unitOf(tx, req.accountId, cell.unitId);
        // Another cell for the same place (made since) gives way to the one put back.
        const other = await cellAt(tx, cell);
        if (other && other.id !== cell.id) await store.delete(other.id);
        await store.put(cell);
      }
      return { data: true as const, changed: [req.accountId] };
    });
  },
} satisfies Partial<Handlers>;
