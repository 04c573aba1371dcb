// The accounts page's table, rendered with a fake list: sorting by each column, filtering by
// stage, potential, due date and text, paging, and the flags that make urgent rows stand out.
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TableView } from '@/entrypoints/accounts/table-view';
import { localRowSource } from '@/entrypoints/accounts/row-source';
import { PortfolioView } from '@/entrypoints/accounts/portfolio-view';
import { DEFAULT_QUERY, type ListQuery } from '@/utils/page/account-list';
import type { AccountRow } from '@/utils/contract/messages';
import { addDays, today } from '@/utils/shared/dates';
import { speak } from './fake-i18n';

const NOW = Date.now();
const TODAY = today(NOW);
const DAY = 86_400_000;

function row(patch: Partial<AccountRow> & { name: string }): AccountRow {
  return {
    id: patch.name.toLowerCase().replace(/\W+/g, '-'),
    domains: [],
    stage: 'tactical',
    potential: 'medium',
    nextAction: null,
    cadenceDays: null,
    coverage: { level: 'red', gaps: [] },
    objectivesAtRisk: 0,
    lastTouchedAt: NOW - DAY,
    updatedAt: NOW,
    ...patch,
  };
}

const ROWS: AccountRow[] = [
  row({
    name: 'Northwind Logistics',
    domains: ['northwind.co.uk'],
    stage: 'cooperative',
    potential: 'high',
    nextAction: { text: 'Send the Q1 volume proposal', due: TODAY },
    lastTouchedAt: NOW - 6 * DAY,
  }),
  row({
    name: 'Globex',
    domains: ['globex.com'],
    stage: 'strategic',
    potential: 'medium',
    nextAction: { text: 'Agree the QBR agenda', due: addDays(TODAY, -3) },
    // Strategic: a 7-day cadence by default, so 20 days untouched stands out.
    lastTouchedAt: NOW - 20 * DAY,
  }),
  row({
    name: 'Umbrella Pharma',
    stage: 'tactical',
    potential: 'low',
    nextAction: { text: 'Check in after the tender', due: addDays(TODAY, 5) },
    lastTouchedAt: null,
  }),
  row({ name: 'Acme', stage: 'interdependent', potential: 'high', lastTouchedAt: NOW - 2 * DAY }),
  row({
    name: 'initech',
    domains: ['initech.com'],
    stage: 'tactical',
    potential: 'high',
    nextAction: { text: 'Renewal call', due: addDays(TODAY, 30) },
    cadenceDays: 60,
    lastTouchedAt: NOW - 45 * DAY,
  }),
];

let host: HTMLElement;
let opened: string[];

beforeEach(() => {
  speak();
  host = document.createElement('div');
  document.body.append(host);
  opened = [];
});

afterEach(() => {
  render(null, host);
  host.remove();
  vi.restoreAllMocks();
});

function Harness({ rows, initial }: { rows: AccountRow[]; initial?: Partial<ListQuery> }) {
  const [query, setQuery] = useState<ListQuery>({ ...DEFAULT_QUERY, ...initial });
  return (
    <TableView
      source={localRowSource(rows, query, NOW)}
      query={query}
      onQuery={setQuery}
      onOpen={(id) => opened.push(id)}
      now={NOW}
    />
  );
}

function show(rows: AccountRow[] = ROWS, initial?: Partial<ListQuery>) {
  act(() => render(<Harness rows={rows} initial={initial} />, host));
}

const names = () =>
  [...host.querySelectorAll('tbody tr td.name a')].map((a) => a.textContent ?? '');
const $ = <T extends Element = HTMLElement>(selector: string) => {
  const el = host.querySelector<T>(selector);
  if (!el) throw new Error(`no ${selector}`);
  return el;
};

function click(selector: string) {
  act(() => $(selector).click());
}
function choose(selector: string, value: string) {
  act(() => {
    const select = $<HTMLSelectElement>(selector);
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
function type(selector: string, value: string) {
  act(() => {
    const input = $<HTMLInputElement>(selector);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('sorting', () => {
  it('starts by name, A to Z, ignoring case, and toggles on a second click', () => {
    show();
    expect(names()).toEqual([
      'Acme',
      'Globex',
      'initech',
      'Northwind Logistics',
      'Umbrella Pharma',
    ]);
    expect($('th[aria-sort]').textContent).toContain('Account');
    expect($('th[aria-sort]').getAttribute('aria-sort')).toBe('ascending');
    click('button[data-sort="name"]');
    expect(names()[0]).toBe('Umbrella Pharma');
    expect($('th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
  });

  it('sorts by stage and potential in their own order, not alphabetically', () => {
    show();
    click('button[data-sort="stage"]');
    expect(names()).toEqual([
      'initech',
      'Umbrella Pharma',
      'Northwind Logistics',
      'Acme',
      'Globex',
    ]);
    click('button[data-sort="potential"]');
    expect(names()).toEqual([
      'Umbrella Pharma',
      'Globex',
      'Acme',
      'initech',
      'Northwind Logistics',
    ]);
  });

  it('sorts by next action due with accounts without one last, in both directions', () => {
    show();
    click('button[data-sort="due"]');
    expect(names()).toEqual([
      'Globex',
      'Northwind Logistics',
      'Umbrella Pharma',
      'initech',
      'Acme',
    ]);
    click('button[data-sort="due"]');
    expect(names()).toEqual([
      'initech',
      'Umbrella Pharma',
      'Northwind Logistics',
      'Globex',
      'Acme',
    ]);
  });

  it('sorts by last touch, never-touched last', () => {
    show();
    click('button[data-sort="lastTouch"]');
    expect(names()).toEqual([
      'initech',
      'Globex',
      'Northwind Logistics',
      'Acme',
      'Umbrella Pharma',
    ]);
  });
});

describe('filtering', () => {
  it('filters by stage and potential together', () => {
    show();
    choose('#filter-stage', 'tactical');
    expect(names()).toEqual(['initech', 'Umbrella Pharma']);
    choose('#filter-potential', 'high');
    expect(names()).toEqual(['initech']);
    click('.filters button');
    expect(names()).toHaveLength(5);
  });

  it('filters by due: overdue, today, within 7 days, none', () => {
    show();
    choose('#filter-due', 'overdue');
    expect(names()).toEqual(['Globex']);
    choose('#filter-due', 'today');
    expect(names()).toEqual(['Northwind Logistics']);
    choose('#filter-due', 'week');
    expect(names()).toEqual(['Northwind Logistics', 'Umbrella Pharma']);
    choose('#filter-due', 'none');
    expect(names()).toEqual(['Acme']);
  });

  it('searches names, domains and next actions, case-insensitively', () => {
    show();
    type('#filter-text', 'GLOBEX.COM');
    expect(names()).toEqual(['Globex']);
    type('#filter-text', 'renewal');
    expect(names()).toEqual(['initech']);
    type('#filter-text', 'nothing like this');
    expect(names()).toEqual([]);
    expect($('[data-testid="table-count"]').textContent).toBe('No account matches these filters.');
  });
});

describe('what stands out', () => {
  it('says "Overdue" in words on an overdue next action, and marks the row', () => {
    show();
    const globex = $('tr[data-id="globex"]');
    expect(globex.className).toContain('is-overdue');
    expect(globex.querySelector('.next')?.textContent).toContain('Overdue');
    expect($('tr[data-id="northwind-logistics"] .next').textContent).toContain('Today');
    expect($('tr[data-id="umbrella-pharma"] .next').textContent).not.toContain('Overdue');
  });

  it('flags accounts untouched longer than their cadence, with the numbers', () => {
    show();
    expect($('tr[data-id="globex"] td.touch').textContent).toContain(
      'Untouched for 20 days (cadence: 7 days)',
    );
    // initech has its own 60-day cadence: 45 days is fine.
    expect($('tr[data-id="initech"] td.touch').className).not.toContain('stale');
    expect($('tr[data-id="initech"] td.touch').textContent).toBe('45 days ago');
    expect($('tr[data-id="umbrella-pharma"] td.touch').textContent).toContain(
      'No follow-up logged yet',
    );
  });
});

describe('opening and paging', () => {
  it('opens an account from a click anywhere on its row; the name is a link for the keyboard', () => {
    show();
    click('tr[data-id="acme"] td:nth-child(2)');
    expect(opened).toEqual(['acme']);
    expect($('tr[data-id="acme"] a').getAttribute('href')).toBe('#account=acme');
  });

  it('puts only the rows in view in the DOM, out of 10,000, and the rest as spacers', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      row({ name: `Company ${String(i).padStart(5, '0')}` }),
    );
    show(many);
    // 600 px of 56 px rows (11 in view) and 10 more below; no row above the first.
    expect(names()).toHaveLength(21);
    expect(names()[0]).toBe('Company 00000');
    expect($('table.accounts').getAttribute('aria-rowcount')).toBe('10001');
    expect($('tbody tr.spacer').style.height).toBe(`${(10_000 - 21) * 56}px`);
    expect($('[data-testid="table-count"]').textContent).toBe('Accounts 1–11 of 10000');
    // Scrolled to row 5,000: the rows around it, and spacers above and below.
    const scroller = $('.table-wrap');
    act(() => {
      scroller.scrollTop = 5_000 * 56;
      scroller.dispatchEvent(new Event('scroll'));
    });
    // The scroll is read in the next animation frame.
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(names()[10]).toBe('Company 05000');
    expect(host.querySelectorAll('tbody tr:not(.spacer)')).toHaveLength(31);
    expect($('tr[data-id]').getAttribute('aria-rowindex')).toBe(String(4_990 + 2));
    // A new filter goes back to the first row.
    type('#filter-text', 'company 099');
    expect(scroller.scrollTop).toBe(0);
    expect(names()[0]).toBe('Company 09900');
    expect($('[data-testid="table-count"]').textContent).toBe('Accounts 1–11 of 100');
  });
});

it('portfolio grid counts accounts per stage and potential, with guidance per cell', () => {
  const cells: string[] = [];
  act(() => render(<PortfolioView rows={ROWS} onCell={(s, p) => cells.push(`${s}-${p}`)} />, host));
  const cell = (key: string) => $(`button[data-cell="${key}"]`);
  expect(cell('tactical-high').textContent).toBe('1');
  expect(cell('strategic-high').textContent).toBe('0');
  expect(cell('strategic-high').hasAttribute('disabled')).toBe(true);
  expect(cell('cooperative-high').closest('td')?.textContent).toContain('fine-tune');
  expect(host.querySelectorAll('td.cell')).toHaveLength(12);
  act(() => cell('tactical-high').click());
  expect(cells).toEqual(['tactical-high']);
});
