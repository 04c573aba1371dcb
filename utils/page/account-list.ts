/**
 * The accounts page's list logic, pure so it is tested without a browser: what counts as overdue
 * or untouched, filtering, sorting, paging, the calendar's days and the portfolio's counts, and
 * the URL hash that says what is open.
 */
import type { AccountRow } from '@/utils/contract/messages';
import type { Potential, Stage } from '@/utils/contract/enums';
import { addDays, daysAgo, today as todayOf, type IsoDate } from '@/utils/shared/dates';
import { POTENTIAL_ORDER, STAGE_ORDER, cadenceFor } from '@/utils/shared/stages';
import { unicodeHost } from '@/utils/shared/idn';
import { COVERAGE_LEVELS, type CoverageLevel } from '@/utils/shared/coverage';

/** Rows per page: 10,000 accounts stay fast because only one page is in the DOM. */
export const PAGE_SIZE = 100;

export type SortKey = 'name' | 'stage' | 'potential' | 'coverage' | 'due' | 'lastTouch';
export type SortDir = 'asc' | 'desc';
export type DueFilter = 'all' | 'overdue' | 'today' | 'week' | 'none';

export interface ListQuery {
  sort: SortKey;
  dir: SortDir;
  stage: Stage | '';
  potential: Potential | '';
  coverage: CoverageLevel | '';
  /** 'at_risk': only accounts with an objective at risk. */
  objectives: 'at_risk' | '';
  due: DueFilter;
  text: string;
  /** Zero-based. */
  page: number;
}

export const DEFAULT_QUERY: ListQuery = {
  sort: 'name',
  dir: 'asc',
  stage: '',
  potential: '',
  coverage: '',
  objectives: '',
  due: 'all',
  text: '',
  page: 0,
};

export type DueBucket = 'overdue' | 'today' | 'week' | 'later' | 'none';

/** Where a next action's due day falls: "week" is the six days after today. */
export function dueBucket(row: Pick<AccountRow, 'nextAction'>, today: IsoDate): DueBucket {
  const due = row.nextAction?.due;
  if (!due) return 'none';
  if (due < today) return 'overdue';
  if (due === today) return 'today';
  return due <= addDays(today, 6) ? 'week' : 'later';
}

export interface Touch {
  /** Days between follow-ups for this account. */
  cadence: number;
  /** Whole days since the last follow-up; null when none was ever logged. */
  days: number | null;
  /** Untouched for longer than its cadence, or never touched. */
  stale: boolean;
}

export function touchOf(
  row: Pick<AccountRow, 'stage' | 'cadenceDays' | 'lastTouchedAt'>,
  cadenceDays: Partial<Record<Stage, number>> | undefined,
  now: number,
): Touch {
  const cadence = cadenceFor(row.stage, row.cadenceDays, cadenceDays);
  if (row.lastTouchedAt === null) return { cadence, days: null, stale: true };
  const days = daysAgo(row.lastTouchedAt, now);
  return { cadence, days, stale: days > cadence };
}

function matchesText(row: AccountRow, q: string): boolean {
  if (!q) return true;
  return (
    row.name.toLowerCase().includes(q) ||
    row.domains.some((d) => d.includes(q) || unicodeHost(d).includes(q)) ||
    (row.nextAction?.text.toLowerCase().includes(q) ?? false)
  );
}

export function filterRows(
  rows: readonly AccountRow[],
  q: ListQuery,
  today: IsoDate,
): AccountRow[] {
  const text = q.text.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!q.stage || r.stage === q.stage) &&
      (!q.potential || r.potential === q.potential) &&
      (!q.coverage || r.coverage.level === q.coverage) &&
      (!q.objectives || r.objectivesAtRisk > 0) &&
      (q.due === 'all' ||
        (q.due === 'week'
          ? ['today', 'week'].includes(dueBucket(r, today))
          : dueBucket(r, today) === q.due)) &&
      matchesText(r, text),
  );
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * Sorted copy. Rows without a value (no next action, never touched) go last in either direction:
 * "soonest due" and "latest due" both want the accounts that have a date first. Ties by name.
 */
export function sortRows(rows: readonly AccountRow[], sort: SortKey, dir: SortDir): AccountRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const value = (r: AccountRow): number | string | null => {
    switch (sort) {
      case 'name':
        return r.name;
      case 'stage':
        return STAGE_ORDER.indexOf(r.stage);
      case 'potential':
        return POTENTIAL_ORDER.indexOf(r.potential);
      case 'coverage':
        return COVERAGE_LEVELS.indexOf(r.coverage.level);
      case 'due':
        return r.nextAction?.due ?? null;
      case 'lastTouch':
        return r.lastTouchedAt;
    }
  };
  const keyed = rows.map((r) => ({ r, v: value(r) }));
  keyed.sort((a, b) => {
    if (a.v === null || b.v === null) {
      if (a.v !== b.v) return a.v === null ? 1 : -1;
    } else if (a.v !== b.v) {
      const c =
        typeof a.v === 'string' ? collator.compare(a.v, b.v as string) : a.v - (b.v as number);
      if (c !== 0) return sign * c;
    }
    return collator.compare(a.r.name, b.r.name);
  });
  return keyed.map((k) => k.r);
}

export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
  total: number;
  /** One-based position of the first item shown; 0 when there is none. */
  from: number;
  to: number;
}

export function pageOf<T>(items: readonly T[], page: number, size = PAGE_SIZE): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const p = Math.min(Math.max(0, page), pages - 1);
  const start = p * size;
  const slice = items.slice(start, start + size);
  return {
    items: slice,
    page: p,
    pages,
    total: items.length,
    from: slice.length ? start + 1 : 0,
    to: start + slice.length,
  };
}

/** The table as shown: filtered, sorted, one page. */
export function visibleRows(rows: readonly AccountRow[], q: ListQuery, now: number) {
  return pageOf(sortRows(filterRows(rows, q, todayOf(now)), q.sort, q.dir), q.page);
}

// ---------------------------------------------------------------------------------------------
// Portfolio: stage x potential

export type Portfolio = Record<Stage, Record<Potential, number>>;

export function portfolioCounts(rows: readonly AccountRow[]): Portfolio {
  const out = Object.fromEntries(
    STAGE_ORDER.map((s) => [s, Object.fromEntries(POTENTIAL_ORDER.map((p) => [p, 0]))]),
  ) as Portfolio;
  for (const r of rows) out[r.stage][r.potential]++;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Calendar of next actions

export type CalendarView = 'week' | 'month';

function weekday(day: IsoDate): number {
  const [y, m, d] = day.split('-').map(Number);
  // Monday = 0 ... Sunday = 6.
  return (new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay() + 6) % 7;
}

export function startOfWeek(day: IsoDate): IsoDate {
  return addDays(day, -weekday(day));
}

/**
 * The weeks (Monday first) a view shows around `anchor`: one week, or every week that touches
 * the anchor's month.
 */
export function calendarWeeks(anchor: IsoDate, view: CalendarView): IsoDate[][] {
  const first = view === 'week' ? startOfWeek(anchor) : startOfWeek(`${anchor.slice(0, 7)}-01`);
  const month = anchor.slice(0, 7);
  const weeks: IsoDate[][] = [];
  let day = first;
  do {
    const week = Array.from({ length: 7 }, (_, i) => addDays(day, i));
    weeks.push(week);
    day = addDays(day, 7);
  } while (view === 'month' && day.slice(0, 7) <= month && weeks.length < 6);
  return weeks;
}

/** The anchor one view earlier or later: a week, or the same day of the neighbouring month. */
export function shiftAnchor(anchor: IsoDate, view: CalendarView, by: -1 | 1): IsoDate {
  if (view === 'week') return addDays(anchor, 7 * by);
  const [y, m] = anchor.split('-').map(Number);
  const total = y! * 12 + (m! - 1) + by;
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}-01`;
}

/** Accounts with a next action, by due day, each day sorted by name. */
export function dueByDay(rows: readonly AccountRow[]): Map<IsoDate, AccountRow[]> {
  const out = new Map<IsoDate, AccountRow[]>();
  for (const r of rows) {
    const due = r.nextAction?.due;
    if (!due) continue;
    const list = out.get(due);
    if (list) list.push(r);
    else out.set(due, [r]);
  }
  for (const list of out.values()) list.sort((a, b) => collator.compare(a.name, b.name));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The URL hash: #account=<id>, or #view=table|calendar|portfolio|kpis

export type PageView = 'table' | 'calendar' | 'portfolio' | 'kpis';
export type Route = { kind: 'account'; id: string } | { kind: 'list'; view: PageView };

export function parseHash(hash: string): Route {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const id = params.get('account');
  if (id && /^[\w-]{1,64}$/.test(id)) return { kind: 'account', id };
  const view = params.get('view');
  return {
    kind: 'list',
    view: view === 'calendar' || view === 'portfolio' || view === 'kpis' ? view : 'table',
  };
}

export function hashOf(route: Route): string {
  return route.kind === 'account'
    ? `#account=${encodeURIComponent(route.id)}`
    : `#view=${route.view}`;
}
