/**
 * Coverage where it is shown: each account's level from listAccounts, the table's filter, column
 * and sort, the address that keeps the filter, the portfolio's layer, and the badge's words.
 */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshContext, ok } from './helpers';
import { TableView } from '@/entrypoints/accounts/table-view';
import { localRowSource } from '@/entrypoints/accounts/row-source';
import { PortfolioView } from '@/entrypoints/accounts/portfolio-view';
import { CoverageBadge } from '@/components/coverage-badge';
import { pageHash, parsePageHash } from '@/entrypoints/accounts/page-hash';
import { DEFAULT_QUERY, filterRows, sortRows, type ListQuery } from '@/utils/page/account-list';
import { coverageCounts } from '@/utils/page/portfolio-coverage';
import type { AccountRow } from '@/utils/contract/messages';
import type { Person } from '@/utils/contract/model';
import { today } from '@/utils/shared/dates';
import { speak } from './fake-i18n';

const NOW = Date.UTC(2026, 11, 5, 12);

function row(name: string, level: 'red' | 'amber' | 'green', patch: Partial<AccountRow> = {}) {
  return {
    id: name.toLowerCase(),
    name,
    domains: [],
    stage: 'tactical',
    potential: 'medium',
    nextAction: null,
    cadenceDays: null,
    coverage: { level, gaps: level === 'green' ? [] : ['noChampion'] },
    lastTouchedAt: null,
    updatedAt: NOW,
    ...patch,
  } as AccountRow;
}

const ROWS = [
  row('Acme', 'green', { stage: 'strategic', potential: 'high' }),
  row('Globex', 'red', { stage: 'strategic', potential: 'high' }),
  row('Initech', 'amber'),
  row('Umbrella', 'red', { stage: 'strategic', potential: 'high' }),
];

let host: HTMLElement;
beforeEach(() => {
  speak();
  host = document.createElement('div');
  document.body.append(host);
});
afterEach(() => {
  render(null, host);
  host.remove();
  vi.restoreAllMocks();
});

describe('listAccounts gives each account its coverage', () => {
  it('from its people, and red with every gap for an account with none', async () => {
    const t = await freshContext();
    const nw = await ok(
      t.send('createAccount', {
        name: 'Northwind',
        domains: ['northwind.co.uk'],
        people: [{ name: 'Anna Keller', email: 'anna@northwind.co.uk' }],
      }),
    );
    await ok(t.send('createAccount', { name: 'Globex', domains: ['globex.com'] }));
    const anna = nw.people[0]!;
    await ok(
      t.send('upsertPerson', {
        id: anna.id,
        accountId: nw.account.id,
        role: 'executive_sponsor',
        attitude: 'supporter',
        base: { role: anna.role, attitude: anna.attitude },
      }),
    );
    const rows = await ok(t.send('listAccounts', {}));
    const by = Object.fromEntries(rows.map((r) => [r.name, r.coverage]));
    expect(by.Northwind).toEqual({
      level: 'green',
      gaps: ['noDecisionMaker', 'noChampion', 'singleThreaded'],
    });
    expect(by.Globex).toEqual({
      level: 'red',
      gaps: ['noDecisionMaker', 'noSponsor', 'noChampion', 'singleThreaded'],
    });
  });
});

describe('the table', () => {
  it('filters by level, sorts worst first, and keeps the filter in the address', () => {
    const q: ListQuery = { ...DEFAULT_QUERY, coverage: 'red' };
    expect(filterRows(ROWS, q, today(NOW)).map((r) => r.name)).toEqual(['Globex', 'Umbrella']);
    expect(sortRows(ROWS, 'coverage', 'asc').map((r) => r.name)).toEqual([
      'Globex',
      'Umbrella',
      'Initech',
      'Acme',
    ]);
    const hash = pageHash({ kind: 'list', view: 'table' }, q);
    expect(hash).toBe('#view=table&coverage=red');
    expect(parsePageHash(hash).query.coverage).toBe('red');
    expect(parsePageHash('#view=table&coverage=purple').query.coverage).toBe('');
  });

  it('shows a coverage column and filters from its select', () => {
    function Harness() {
      const [query, setQuery] = useState<ListQuery>(DEFAULT_QUERY);
      return (
        <TableView
          source={localRowSource(ROWS, query, NOW)}
          query={query}
          onQuery={setQuery}
          onOpen={() => {}}
          now={NOW}
        />
      );
    }
    act(() => render(<Harness />, host));
    const marks = [...host.querySelectorAll('td.coverage [data-level]')];
    expect(marks.map((m) => m.textContent)).toEqual(['Green', 'Red', 'Amber', 'Red']);
    expect(marks[1]!.getAttribute('title')).toContain('No supporter among the key players');
    act(() => {
      const select = host.querySelector<HTMLSelectElement>('#filter-coverage')!;
      select.value = 'amber';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect([...host.querySelectorAll('td.name a')].map((a) => a.textContent)).toEqual(['Initech']);
  });
});

describe('the portfolio layer', () => {
  it('counts each cell by level', () => {
    const counts = coverageCounts(ROWS);
    expect(counts.get('strategic-high')).toEqual({ red: 2, amber: 0, green: 1 });
    expect(counts.get('tactical-medium')).toEqual({ red: 0, amber: 1, green: 0 });
    expect(counts.get('tactical-low')).toBeUndefined();
  });

  it('is off until turned on, then a level count opens that cell at that level', () => {
    const picked: unknown[] = [];
    act(() => render(<PortfolioView rows={ROWS} onCell={(...args) => picked.push(args)} />, host));
    expect(host.querySelector('.coverage-split')).toBeNull();
    act(() => host.querySelector<HTMLInputElement>('[data-testid="coverage-layer"]')!.click());
    const red = host.querySelector<HTMLButtonElement>(
      '[data-cell="strategic-high"] ~ .coverage-split [data-level="red"]',
    )!;
    expect(red.textContent).toBe('2');
    expect(red.getAttribute('aria-label')).toBe(
      'Red coverage, Strategic, High potential: 2. Show them.',
    );
    act(() => red.click());
    expect(picked).toEqual([['strategic', 'high', 'red']]);
  });
});

describe('the badge', () => {
  it('names the level, why, and each gap, as text', () => {
    const person = (p: Partial<Person>) =>
      ({ role: 'unknown', influence: 3, attitude: 'neutral', ...p }) as Person;
    act(() =>
      render(
        <CoverageBadge
          people={[person({ role: 'influencer', influence: 5, attitude: 'supporter' })]}
        />,
        host,
      ),
    );
    const badge = host.querySelector('[data-testid="coverage"]')!;
    expect(badge.getAttribute('data-level')).toBe('amber');
    expect(badge.textContent).toContain('Supporters, but none who decides or approves');
    expect([...badge.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'No decision maker',
      'No executive sponsor',
      'No champion',
      'Single-threaded',
    ]);
  });
});
