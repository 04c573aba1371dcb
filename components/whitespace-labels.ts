/** The whitespace grid's words and figures: supplier labels, and a yearly spend with its currency. */
import type { Supplier } from '@/utils/contract/enums';
import { t, uiLocale, type MessageKey } from '@/utils/shared/i18n';

export const SUPPLIER_LABEL: Record<Supplier, MessageKey> = {
  us: 'wsSupplierUs',
  competitor: 'wsSupplierCompetitor',
  in_house: 'wsSupplierInHouse',
  not_needed: 'wsSupplierNotNeeded',
  unknown: 'wsSupplierUnknown',
};

/** "€120,000" / "120 000 €": whole units in the UI language; a code Intl does not know as is. */
export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(uiLocale(), {
      style: 'currency',
      currency,
      maximumFractionDigits: 0,
    }).format(amount);
  } catch {
    return `${new Intl.NumberFormat(uiLocale()).format(amount)} ${currency}`;
  }
}

/** Who supplies a cell, in words: the competitor's name when there is one. */
export function supplierText(cell: { supplier: Supplier; competitor: string }): string {
  return cell.supplier === 'competitor' && cell.competitor.trim()
    ? cell.competitor
    : t(SUPPLIER_LABEL[cell.supplier]);
}
