import { beforeEach, describe, expect, it } from 'vitest';
import { summaryText } from '@/entrypoints/options/data-notes';
import type { ImportSummary } from '@/utils/contract/messages';
import { speak } from './fake-i18n';

const counts = (more: Partial<ImportSummary['counts']>): ImportSummary['counts'] => ({
  accounts: 3,
  people: 2,
  activities: 0,
  decisions: 0,
  stageChanges: 0,
  objectives: 0,
  buyingUnits: 0,
  whitespace: 0,
  ...more,
});

describe('the line an import ends with', () => {
  beforeEach(() => speak('en'));

  it('names accounts and people alone when nothing else was written (a CSV import)', () => {
    expect(summaryText({ mode: 'merge', counts: counts({}) })).toBe(
      'Imported. Accounts: 3 · people: 2.',
    );
  });

  it('counts every other kind of record, the account plan included', () => {
    const text = summaryText({
      mode: 'replace',
      counts: counts({ activities: 4, stageChanges: 1, objectives: 2, whitespace: 3 }),
    });
    expect(text).toBe('Imported. Accounts: 3 · people: 2 · other records: 10.');
  });
});
