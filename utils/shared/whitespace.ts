/**
 * The whitespace grid's one rule every view shares: which cells are opportunities. A cell that a
 * competitor supplies, or that nobody known supplies, is business the account could give us.
 */
import type { Supplier } from '@/utils/contract/enums';

export function isOpportunity(cell: { supplier: Supplier }): boolean {
  return cell.supplier === 'competitor' || cell.supplier === 'unknown';
}
