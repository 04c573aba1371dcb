/**
 * relationships.csv: one row per drawable line, sorted by account and by who the line is from;
 * lines to someone deleted or in another account are left out, as the map leaves them out; cells
 * a spreadsheet would run are neutralised.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Account, Person } from '@/utils/contract/model';
import { LINE_COLUMNS, csvFileName, linesToCsv } from '@/utils/page/csv';

function account(id: string, name: string): Account {
  return {
    id,
    name,
    domains: [],
    stage: 'strategic',
    potential: 'medium',
    profile: { goals: '', painPoints: '', opportunities: '' },
    nextAction: null,
    cadenceDays: null,
    crmRefs: [],
    createdAt: 1,
    updatedAt: 1,
    revision: 1,
  };
}

function person(id: string, accountId: string, name: string, lines: Person['lines'] = []): Person {
  return {
    id,
    accountId,
    name,
    emails: [`${id}@example.com`],
    title: '',
    role: 'unknown',
    influence: 3,
    attitude: 'neutral',
    notes: '',
    lastContactAt: null,
    lines,
  };
}

const rows = (csv: string) => Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;

describe('relationships.csv', () => {
  it('has one row per line, sorted, with both ends, the kind and the note', () => {
    const accounts = [account('acc-n', 'Northwind'), account('acc-g', 'Globex')];
    const people = [
      person('tom', 'acc-n', 'Tom', [{ to: 'anna', kind: 'reports_to', note: '' }]),
      person('anna', 'acc-n', 'Anna', [
        { to: 'tom', kind: 'influences', note: 'Old colleagues, "close"' },
        { to: 'gone', kind: 'informal', note: '' },
        { to: 'hank', kind: 'conflicts_with', note: '' },
      ]),
      person('hank', 'acc-g', 'Hank', [{ to: 'marge', kind: 'informal', note: '' }]),
      person('marge', 'acc-g', 'Marge'),
    ];
    const csv = linesToCsv(accounts, people);
    expect(csv.startsWith(`\uFEFF${LINE_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(rows(csv).slice(1)).toEqual([
      ['Globex', 'Hank', 'hank@example.com', 'informal', 'Marge', 'marge@example.com', ''],
      [
        'Northwind',
        'Anna',
        'anna@example.com',
        'influences',
        'Tom',
        'tom@example.com',
        'Old colleagues, "close"',
      ],
      ['Northwind', 'Tom', 'tom@example.com', 'reports_to', 'Anna', 'anna@example.com', ''],
    ]);
  });

  it('neutralises formulas in names and notes', () => {
    const people = [
      person('a', 'acc', '=HYPERLINK("http://evil")', [
        { to: 'b', kind: 'influences', note: '+1' },
      ]),
      person('b', 'acc', '@B'),
    ];
    const [, row] = rows(linesToCsv([account('acc', '-Acme')], people));
    for (const cell of row!) expect(cell).not.toMatch(/^[=+\-@]/);
    expect(row![0]).toBe("'-Acme");
    expect(row![1]).toBe(`'=HYPERLINK("http://evil")`);
    expect(row![6]).toBe("'+1");
  });

  it('is the header alone when there are no lines, and is named by its day', () => {
    expect(linesToCsv([account('acc', 'Acme')], [person('a', 'acc', 'A')])).toBe(
      `\uFEFF${LINE_COLUMNS.join(',')}\r\n`,
    );
    expect(csvFileName('relationships', '2026-11-28')).toBe('rapport-relationships-2026-11-28.csv');
  });
});
