// The sidebar's "biggest opportunity" when spends are in several currencies: compared only within
// one currency (no exchange rates), the other currencies named beside it, and the line worded in
// the UI language with Intl's money and list formats.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { opportunityText } from '@/components/opportunity-line';
import { opportunitySummary } from '@/entrypoints/background/handlers/whitespace-reads';
import type { WhitespaceCell } from '@/utils/contract/model';
import { pickBiggest, type Priced } from '@/utils/shared/biggest-opportunity';
import { speak } from './fake-i18n';

type Cell = Priced & { id: string };
const c = (id: string, spend: number | null, currency: string): Cell => ({ id, spend, currency });

const CASES: [string, Cell[], string | null, string[]][] = [
  ['nothing priced', [c('a', null, 'EUR'), c('b', null, 'USD')], null, []],
  ['one currency: the largest spend', [c('a', 5000, 'EUR'), c('b', 120000, 'EUR')], 'b', []],
  [
    'a bigger number in another currency is not bigger: EUR has more priced cells',
    [c('a', 120000, 'EUR'), c('b', 90000, 'EUR'), c('c', 9_000_000, 'JPY')],
    'a',
    ['JPY'],
  ],
  [
    'the currency of most priced cells leads, however small its figures',
    [c('a', 10, 'USD'), c('b', 20, 'USD'), c('c', 500000, 'EUR')],
    'b',
    ['EUR'],
  ],
  [
    'a tie of counts: the first currency alphabetically leads; the others listed in order',
    [c('a', 100, 'USD'), c('b', 50, 'GBP'), c('c', 70, 'EUR')],
    'c',
    ['GBP', 'USD'],
  ],
  [
    'cells without a spend neither lead nor are listed',
    [c('a', null, 'USD'), c('b', null, 'USD'), c('c', 70, 'EUR')],
    'c',
    [],
  ],
  ['equal spends: the first in the grid stays', [c('a', 70, 'EUR'), c('b', 70, 'EUR')], 'a', []],
];

describe('pickBiggest', () => {
  it.each(CASES)('%s', (_name, cells, biggest, alsoIn) => {
    const pick = pickBiggest(cells);
    expect(pick.biggest?.id ?? null).toBe(biggest);
    expect(pick.alsoIn).toEqual(alsoIn);
  });
});

describe('opportunitySummary with mixed currencies', () => {
  it('takes the biggest within the leading currency and names the others', () => {
    const cell = (id: string, unitId: string, spend: number, currency: string): WhitespaceCell => ({
      id,
      accountId: 'acc',
      unitId,
      offeringId: 'off-wh',
      supplier: 'competitor',
      competitor: '',
      spend,
      currency,
      contractEnd: null,
      note: '',
      updatedAt: 1,
    });
    const summary = opportunitySummary(
      [
        { id: 'u-uk', accountId: 'acc', name: 'UK operations', order: 0 },
        { id: 'u-us', accountId: 'acc', name: 'US east', order: 1 },
        { id: 'u-de', accountId: 'acc', name: 'Germany', order: 2 },
      ],
      [
        cell('c1', 'u-uk', 120000, 'EUR'),
        cell('c2', 'u-de', 80000, 'EUR'),
        cell('c3', 'u-us', 900000, 'USD'),
        { ...cell('c4', 'u-us', 5, 'GBP'), supplier: 'us' },
      ],
      [{ id: 'off-wh', name: 'Warehousing' }],
    );
    expect(summary).toEqual({
      count: 3,
      biggest: { offering: 'Warehousing', unit: 'UK operations', spend: 120000, currency: 'EUR' },
      alsoIn: ['USD'],
    });
  });
});

describe('the sidebar line', () => {
  beforeEach(() => vi.restoreAllMocks());
  afterEach(() => vi.restoreAllMocks());
  const biggest = {
    offering: 'Warehousing',
    unit: 'UK operations',
    spend: 120000,
    currency: 'EUR',
  };
  // Intl separates thousands with a no-break space in Russian; compare with plain spaces.
  const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

  it('in English: the money and the other currencies in words', () => {
    speak('en');
    expect(opportunityText({ count: 3, biggest, alsoIn: [] })).toBe(
      '3 open opportunities, biggest: Warehousing for UK operations (€120,000)',
    );
    expect(opportunityText({ count: 4, biggest, alsoIn: ['GBP', 'USD'] })).toBe(
      '4 open opportunities, biggest: Warehousing for UK operations (€120,000) · also in GBP and USD',
    );
  });

  it('in Russian', () => {
    speak('ru');
    expect(plain(opportunityText({ count: 2, biggest, alsoIn: ['USD'] }))).toBe(
      'Открытых возможностей: 2, крупнейшая: Warehousing — UK operations (120 000 €) · также в USD',
    );
    expect(plain(opportunityText({ count: 3, biggest, alsoIn: ['GBP', 'USD'] }))).toBe(
      'Открытых возможностей: 3, крупнейшая: Warehousing — UK operations (120 000 €) · также в GBP и USD',
    );
  });
});
