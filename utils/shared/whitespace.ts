/**
 * The whitespace grid's one rule every view shares: which cells are opportunities. A cell that a
 * competitor supplies, or that nobody known supplies, is business the account could give us.
 */
import type { Supplier } from '@/utils/contract/enums';

export function isOpportunity(cell: { supplier: Supplier }): boolean {
  return cell.supplier === 'competitor' || cell.supplier === 'unknown';
}

/** The fields of a cell nobody has filled in: what an edit of a cell not yet stored was read as. */
export const EMPTY_CELL = {
  supplier: 'unknown' as Supplier,
  competitor: '',
  spend: null as number | null,
  currency: 'EUR',
  contractEnd: null as string | null,
  note: '',
};

export type CellFields = typeof EMPTY_CELL;

/** Whether an edit takes a cell from an opportunity to us: the moment whitespace is won. */
export function isWin(before: { supplier: Supplier }, after: { supplier: Supplier }): boolean {
  return isOpportunity(before) && after.supplier === 'us';
}
