/**
 * One account's whitespace grid as CSV, one row per cell: out with would-be formulas neutralised
 * (csv-cells.ts), and back in through the same reader as accounts and people (csv-table.ts).
 * Every row is checked; a file with any bad row imports nothing, and each problem names its line.
 * Units and offerings are named, not created: a row naming one the account or the settings do not
 * have is refused, so a typo never adds a row or a column to the grid.
 */
import Papa from 'papaparse';
import type { BuyingUnit, WhitespaceCell } from '@/utils/contract/model';
import type { Offering } from '@/utils/contract/settings';
import { SUPPLIERS, type Supplier } from '@/utils/contract/enums';
import { CellImport } from '@/utils/schemas/whitespace-requests';
import { EMPTY_CELL } from '@/utils/shared/whitespace';
import { neutraliseCell } from './csv-cells';
import { resultOf, type CsvResult } from './csv-result';
import { checkRow } from './csv-row-check';
import { readCsv } from './csv-table';

export const WHITESPACE_COLUMNS = [
  'unit',
  'offering',
  'supplier',
  'competitor',
  'yearly_spend',
  'currency',
  'contract_end',
  // The reader takes "note" as "notes" (csv-table.ts).
  'notes',
] as const;

const COMPETITOR_MAX = 200;
const NOTE_MAX = 20_000;

export type CellRow = ReturnType<typeof CellImport.parse>;

/** The grid's shown cells (units and offerings still there), in the grid's order. */
export function whitespaceToCsv(
  units: readonly BuyingUnit[],
  offerings: readonly Offering[],
  cells: readonly WhitespaceCell[],
): string {
  const rows: string[][] = [];
  for (const unit of units)
    for (const offering of offerings) {
      const c = cells.find((x) => x.unitId === unit.id && x.offeringId === offering.id);
      if (!c) continue;
      rows.push(
        [
          unit.name,
          offering.name,
          c.supplier,
          c.competitor,
          c.spend === null ? '' : String(c.spend),
          c.currency,
          c.contractEnd ?? '',
          c.note,
        ].map(neutraliseCell),
      );
    }
  return (
    '\uFEFF' +
    Papa.unparse(
      { fields: [...WHITESPACE_COLUMNS], data: rows },
      { newline: '\r\n', quotes: false, escapeFormulae: false },
    ) +
    '\r\n'
  );
}

/** "In-house", "not needed", "US": the supplier codes in any case, with spaces or hyphens. */
export function parseSupplier(raw: string): Supplier | null {
  const key = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return (SUPPLIERS as readonly string[]).includes(key) ? (key as Supplier) : null;
}

function parseSpend(raw: string): number | null {
  const text = raw.replace(/[\s\u00a0]/g, '');
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const n = Number(text);
  return n <= 1e12 ? n : null;
}

export interface WhitespaceContext {
  accountId: string;
  units: readonly BuyingUnit[];
  offerings: readonly Offering[];
}

/** The cells a file sets on this account, or why its rows cannot be taken. */
export function whitespaceFromCsv(
  input: string | Uint8Array,
  ctx: WhitespaceContext,
): CsvResult<CellRow> {
  const table = readCsv(input, WHITESPACE_COLUMNS, ['unit', 'offering']);
  const result = resultOf<CellRow>(table);
  if (table.fatal) return result;
  const unitBy = new Map(ctx.units.map((u) => [u.name.trim().toLowerCase(), u]));
  const offeringBy = new Map(ctx.offerings.map((o) => [o.name.trim().toLowerCase(), o]));
  const seen = new Map<string, number>();

  for (const row of table.rows) {
    const check = checkRow(row, result.invalid);
    const unit = unitBy.get(row.get('unit').toLowerCase());
    if (!unit) {
      check.fail('wsCsvUnknownUnit', row.get('unit'));
      continue;
    }
    const offering = offeringBy.get(row.get('offering').toLowerCase());
    if (!offering) {
      check.fail('wsCsvUnknownOffering', row.get('offering'));
      continue;
    }
    const key = `${unit.id}\n${offering.id}`;
    if (seen.has(key)) {
      check.fail('wsCsvDuplicateCell', unit.name, offering.name, seen.get(key)!);
      continue;
    }
    const supplier = check.choice(
      'supplier',
      parseSupplier,
      EMPTY_CELL.supplier,
      'wsCsvBadSupplier',
    );
    if (!supplier) continue;
    const spend = row.get('yearly_spend') === '' ? null : parseSpend(row.get('yearly_spend'));
    if (row.get('yearly_spend') !== '' && spend === null) {
      check.fail('wsCsvBadSpend', row.get('yearly_spend'));
      continue;
    }
    const currency = (row.get('currency') || EMPTY_CELL.currency).toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) {
      check.fail('wsCsvBadCurrency', row.get('currency'));
      continue;
    }
    const competitor = row.get('competitor');
    const note = row.get('notes');
    if (competitor.length > COMPETITOR_MAX) {
      check.fail('csvTooLong', 'competitor', COMPETITOR_MAX);
      continue;
    }
    if (note.length > NOTE_MAX) {
      check.fail('csvTooLong', 'notes', NOTE_MAX);
      continue;
    }
    const cell = {
      accountId: ctx.accountId,
      unitId: unit.id,
      offeringId: offering.id,
      supplier,
      competitor: supplier === 'competitor' ? competitor : '',
      spend,
      currency,
      contractEnd: row.get('contract_end') || null,
      note,
    };
    if (!check.valid(CellImport, cell)) continue;
    seen.set(key, row.line);
    result.records.push({ line: row.line, record: cell });
  }
  return result;
}
