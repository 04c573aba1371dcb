// The whitespace grid as CSV: a round trip keeps every cell; hostile files (formulas, oversized
// fields, unknown units or offerings, repeated cells, bad values) are refused row by row, by line.
import { describe, expect, it } from 'vitest';
import type { BuyingUnit, WhitespaceCell } from '@/utils/contract/model';
import { parseSupplier, whitespaceFromCsv, whitespaceToCsv } from '@/utils/page/csv-whitespace';

const units: BuyingUnit[] = [
  { id: 'u-uk', accountId: 'acc-1', name: 'UK operations', order: 0 },
  { id: 'u-de', accountId: 'acc-1', name: 'Germany', order: 1 },
];
const offerings = [
  { id: 'o-wh', name: 'Warehousing' },
  { id: 'o-tr', name: 'Transport' },
];
const ctx = { accountId: 'acc-1', units, offerings };

const cell = (over: Partial<WhitespaceCell>): WhitespaceCell => ({
  id: 'c',
  accountId: 'acc-1',
  unitId: 'u-uk',
  offeringId: 'o-wh',
  supplier: 'unknown',
  competitor: '',
  spend: null,
  currency: 'EUR',
  contractEnd: null,
  note: '',
  updatedAt: 1,
  ...over,
});

const HEADER = 'unit,offering,supplier,competitor,yearly_spend,currency,contract_end,notes';

describe('whitespace CSV', () => {
  it('round-trips every cell, formulas neutralised on the way out and restored on the way in', () => {
    const cells = [
      cell({
        id: 'a',
        supplier: 'competitor',
        competitor: '=HYPERLINK("x")',
        spend: 120000,
        contractEnd: '2027-01-15',
        note: 'Line one\nline "two"',
      }),
      cell({
        id: 'b',
        unitId: 'u-de',
        offeringId: 'o-tr',
        supplier: 'in_house',
        spend: 5.5,
        currency: 'GBP',
        note: '@SUM(A1)',
      }),
      // A cell of an offering no longer in the settings stays out of the file.
      cell({ id: 'c', offeringId: 'o-gone', supplier: 'us' }),
    ];
    const text = whitespaceToCsv(units, offerings, cells);
    expect(text).toContain("'=HYPERLINK");
    expect(text).toContain("'@SUM(A1)");
    expect(text).not.toMatch(/,=|,@/);
    const back = whitespaceFromCsv(text, ctx);
    expect(back.invalid).toEqual([]);
    expect(back.records.map((r) => r.record)).toEqual(
      cells.slice(0, 2).map(({ id: _id, updatedAt: _u, ...rest }) => rest),
    );
  });

  it('refuses each bad row by line, naming what is wrong', () => {
    const long = 'x'.repeat(20_001);
    const text = [
      HEADER,
      'UK operations,Warehousing,competitor,Acme,100,EUR,,',
      'Narnia,Warehousing,us,,,,,',
      'UK operations,Teleportation,us,,,,,',
      'uk operations,warehousing,us,,,,,',
      'Germany,Transport,friend,,,,,',
      'Germany,Warehousing,us,,-5,,,',
      'Germany,Warehousing,us,,,euro,,',
      `Germany,Warehousing,us,,,,,${long}`,
      'Germany,Warehousing,us,,,,2027-02-30,',
    ].join('\n');
    const r = whitespaceFromCsv(text, ctx);
    expect(r.invalid.map((p) => [p.line, p.key])).toEqual([
      [3, 'wsCsvUnknownUnit'],
      [4, 'wsCsvUnknownOffering'],
      [5, 'wsCsvDuplicateCell'],
      [6, 'wsCsvBadSupplier'],
      [7, 'wsCsvBadSpend'],
      [8, 'wsCsvBadCurrency'],
      [9, 'csvTooLong'],
      [10, 'csvInvalidValue'],
    ]);
    expect(r.invalid[0]!.subs).toEqual(['Narnia']);
    expect(r.invalid[2]!.subs).toEqual(['UK operations', 'Warehousing', 2]);
    // Only the good row became a cell; the page imports nothing while any row is refused.
    expect(r.records.map((x) => x.line)).toEqual([2]);
  });

  it('refuses a file without the unit and offering columns as a whole', () => {
    const r = whitespaceFromCsv('supplier,notes\nus,hi\n', ctx);
    expect(r.fatal?.key).toBe('csvMissingColumn');
    expect(r.records).toEqual([]);
  });

  it('reads suppliers as people type them', () => {
    expect(['In-house', 'not needed', 'US', 'Competitor', 'who'].map(parseSupplier)).toEqual([
      'in_house',
      'not_needed',
      'us',
      'competitor',
      null,
    ]);
  });
});
