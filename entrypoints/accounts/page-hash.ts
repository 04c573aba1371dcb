/**
 * The accounts page's whole address: what is open (utils/page/account-list's `#view=` /
 * `#account=`) and, for the table, its filters, sort and page, so a reload, a bookmark or Back
 * brings the same table again:
 * `#view=table&stage=strategic&due=overdue&q=acme&sort=due&dir=desc&page=2`. Only values that
 * differ from the defaults are written; anything unknown or malformed in a hand-edited address
 * falls back to the default rather than failing.
 */
import {
  DEFAULT_QUERY,
  hashOf,
  parseHash,
  type DueFilter,
  type ListQuery,
  type Route,
  type SortDir,
  type SortKey,
} from '@/utils/page/account-list';
import { POTENTIALS, STAGES, type Potential, type Stage } from '@/utils/contract/enums';
import { COVERAGE_LEVELS, type CoverageLevel } from '@/utils/shared/coverage';

const SORTS: readonly SortKey[] = ['name', 'stage', 'potential', 'coverage', 'due', 'lastTouch'];
const DIRS: readonly SortDir[] = ['asc', 'desc'];
const DUES: readonly DueFilter[] = ['all', 'overdue', 'today', 'week', 'none'];
/** As long as the search box allows; a longer `q` is cut, not refused. */
export const QUERY_TEXT_MAX = 200;

const oneOf = <T extends string>(list: readonly T[], value: string | null, fallback: T): T =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : fallback;

export interface PageState {
  route: Route;
  /** The table's query; the defaults unless the address says otherwise. */
  query: ListQuery;
}

export function parsePageHash(hash: string): PageState {
  const route = parseHash(hash);
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const page = Number(params.get('page'));
  const query: ListQuery = {
    sort: oneOf(SORTS, params.get('sort'), DEFAULT_QUERY.sort),
    dir: oneOf(DIRS, params.get('dir'), DEFAULT_QUERY.dir),
    stage: oneOf<Stage | ''>(STAGES, params.get('stage'), ''),
    potential: oneOf<Potential | ''>(POTENTIALS, params.get('potential'), ''),
    coverage: oneOf<CoverageLevel | ''>(COVERAGE_LEVELS, params.get('coverage'), ''),
    objectives: params.get('objectives') === 'at_risk' ? 'at_risk' : '',
    due: oneOf(DUES, params.get('due'), DEFAULT_QUERY.due),
    text: (params.get('q') ?? '').slice(0, QUERY_TEXT_MAX),
    // The address counts pages from 1, as the pager shows them.
    page: Number.isInteger(page) && page > 1 ? Math.min(page, 1_000_000) - 1 : 0,
  };
  return { route, query };
}

/** The address for `route`; a table list carries the query's non-default values after the view. */
export function pageHash(route: Route, query: ListQuery = DEFAULT_QUERY): string {
  const base = hashOf(route);
  if (route.kind !== 'list' || route.view !== 'table') return base;
  const params = new URLSearchParams();
  if (query.stage) params.set('stage', query.stage);
  if (query.potential) params.set('potential', query.potential);
  if (query.coverage) params.set('coverage', query.coverage);
  if (query.objectives) params.set('objectives', query.objectives);
  if (query.due !== DEFAULT_QUERY.due) params.set('due', query.due);
  if (query.text) params.set('q', query.text.slice(0, QUERY_TEXT_MAX));
  if (query.sort !== DEFAULT_QUERY.sort) params.set('sort', query.sort);
  if (query.dir !== DEFAULT_QUERY.dir) params.set('dir', query.dir);
  if (query.page > 0) params.set('page', String(query.page + 1));
  const rest = params.toString();
  return rest ? `${base}&${rest}` : base;
}
