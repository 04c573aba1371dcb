/**
 * Reads of the whitespace grid that more than one message needs: an account's units in order, the
 * sidebar's opportunity line, and the contracts that end in a window of days (the calendar).
 * Cells of an offering no longer in the settings are kept in the store but shown nowhere: they
 * come back when the offering does (the options page's Undo).
 */
import type { BuyingUnit, WhitespaceCell } from '@/utils/contract/model';
import type { Offering } from '@/utils/contract/settings';
import type { ContractEnding, OpportunitySummary } from '@/utils/contract/whitespace';
import { pickBiggest } from '@/utils/shared/biggest-opportunity';
import { isOpportunity } from '@/utils/shared/whitespace';
import type { RapportDb } from '../db';

interface UnitStore {
  index(name: 'byAccount'): { getAll(key: string): Promise<BuyingUnit[]> };
}

/** An account's buying units, in the grid's order. */
export async function unitsOf(store: UnitStore, accountId: string): Promise<BuyingUnit[]> {
  const units = await store.index('byAccount').getAll(accountId);
  return units.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

/**
 * How many cells are open opportunities, and the one with the largest yearly spend within one
 * currency (biggest-opportunity.ts): the others' currencies are named, not compared.
 */
export function opportunitySummary(
  units: readonly BuyingUnit[],
  cells: readonly WhitespaceCell[],
  offerings: readonly Offering[],
): OpportunitySummary {
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const offeringName = new Map(offerings.map((o) => [o.id, o.name]));
  const open = cells.filter(
    (c) => isOpportunity(c) && unitName.has(c.unitId) && offeringName.has(c.offeringId),
  );
  const { biggest: best, alsoIn } = pickBiggest(open);
  return {
    count: open.length,
    biggest: best
      ? {
          offering: offeringName.get(best.offeringId)!,
          unit: unitName.get(best.unitId)!,
          spend: best.spend!,
          currency: best.currency,
        }
      : null,
    alsoIn,
  };
}

/** Every shown cell whose contract ends from `from` to `until` (days, inclusive), earliest first. */
export async function contractsEnding(
  db: RapportDb,
  from: string,
  until: string,
  offerings: readonly Offering[],
): Promise<ContractEnding[]> {
  const offeringName = new Map(offerings.map((o) => [o.id, o.name]));
  const tx = db.transaction(['accounts', 'buyingUnits', 'whitespace']);
  const found: ContractEnding[] = [];
  let cursor = await tx.objectStore('whitespace').openCursor();
  const ending: WhitespaceCell[] = [];
  while (cursor) {
    const c = cursor.value;
    if (c.contractEnd && c.contractEnd >= from && c.contractEnd <= until)
      if (offeringName.has(c.offeringId)) ending.push(c);
    cursor = await cursor.continue();
  }
  for (const c of ending) {
    const unit = await tx.objectStore('buyingUnits').get(c.unitId);
    const account = await tx.objectStore('accounts').get(c.accountId);
    if (!unit || !account) continue;
    found.push({
      cellId: c.id,
      accountId: c.accountId,
      accountName: account.name,
      unit: unit.name,
      offering: offeringName.get(c.offeringId)!,
      supplier: c.supplier,
      competitor: c.competitor,
      day: c.contractEnd!,
    });
  }
  return found.sort(
    (a, b) => a.day.localeCompare(b.day) || a.accountName.localeCompare(b.accountName),
  );
}
