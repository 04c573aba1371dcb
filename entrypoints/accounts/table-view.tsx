/**
 * Every account in one table: sortable by its column headers, filtered by stage, potential, due
 * date and text, scrolled through as one long list of which only the rows in view are in the DOM
 * (virtual-window.ts), each loaded from its source when it comes into view (row-source.ts). Props
 * in, intents out: the page owns the query and the data, so this renders the same in a unit test
 * as in the browser.
 */
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { AccountRow } from '@/utils/contract/messages';
import { type Stage, POTENTIALS, STAGES } from '@/utils/contract/enums';
import { t } from '@/utils/shared/i18n';
import { today as todayOf } from '@/utils/shared/dates';
import {
  dueBucket,
  touchOf,
  type DueFilter,
  type ListQuery,
  type SortKey,
} from '@/utils/page/account-list';
import { POTENTIAL_LABEL, STAGE_LABEL } from '@/components/labels';
import { DUE_FILTER_LABEL, SORT_LABEL, dayText, touchText } from './labels';
import { QUERY_TEXT_MAX } from './page-hash';
import { CoverageFilter } from './coverage-filter';
import { ObjectivesFilter } from './objectives-filter';
import { CoverageMark } from '@/components/coverage-badge';
import { showDomains } from '@/utils/shared/idn';
import type { RowSource } from './row-source';
import { ROW_HEIGHT, rowWindow, useScrollBox } from './virtual-window';
import './virtual-table.css';

/** The scroller's height before layout (a unit test's DOM has none). */
const FALLBACK_HEIGHT = 600;

interface Props {
  source: RowSource;
  query: ListQuery;
  onQuery: (q: ListQuery) => void;
  onOpen: (id: string) => void;
  cadenceDays?: Partial<Record<Stage, number>>;
  now: number;
}

const SORTABLE: SortKey[] = ['name', 'stage', 'potential', 'coverage', 'due', 'lastTouch'];
const DUE_FILTERS: DueFilter[] = ['all', 'overdue', 'today', 'week', 'none'];

function SortHeader({
  column,
  query,
  onQuery,
}: {
  column: SortKey;
  query: ListQuery;
  onQuery: (q: ListQuery) => void;
}) {
  const active = query.sort === column;
  const next = active && query.dir === 'asc' ? 'desc' : 'asc';
  return (
    <th
      scope="col"
      aria-sort={active ? (query.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button
        type="button"
        class="sort"
        data-sort={column}
        onClick={() => onQuery({ ...query, sort: column, dir: next, page: 0 })}
      >
        {t(SORT_LABEL[column])}
        <span class="sort-mark" aria-hidden="true">
          {active ? (query.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

export function TableView({ source, query, onQuery, onOpen, cadenceDays, now }: Props) {
  const today = todayOf(now);
  const set = (patch: Partial<ListQuery>) => onQuery({ ...query, ...patch, page: 0 });
  const filtered =
    query.stage ||
    query.potential ||
    query.coverage ||
    query.objectives ||
    query.due !== 'all' ||
    query.text.trim();
  const scroller = useRef<HTMLDivElement>(null);
  const box = useScrollBox(scroller, FALLBACK_HEIGHT);
  // While a new query loads, the table keeps the last count's height (its rows shown as loading):
  // a table emptied meanwhile would lose the scroll position it is given back to.
  const lastTotal = useRef(0);
  if (source.total !== null) lastTotal.current = source.total;
  const total = source.total ?? lastTotal.current;
  const win = rowWindow(box.top, box.height, total);

  // A new query starts at its first row (before the frame is painted).
  const queryKey = JSON.stringify({ ...query, page: 0 });
  useLayoutEffect(() => box.toTop(), [queryKey]);
  useEffect(() => source.want(win.start, Math.max(win.end, 1)), [source, win.start, win.end]);

  const rows: { index: number; row: AccountRow | undefined }[] = [];
  for (let i = win.start; i < win.end; i++) rows.push({ index: i, row: source.rowAt(i) });

  return (
    <div class="table-view">
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="filter">
          <label for="filter-text">{t('accountsSearch')}</label>
          <input
            id="filter-text"
            type="search"
            value={query.text}
            maxLength={QUERY_TEXT_MAX}
            placeholder={t('accountsSearchPlaceholder')}
            onInput={(e) => set({ text: e.currentTarget.value })}
          />
        </div>
        <div class="filter">
          <label for="filter-stage">{t('accountsColStage')}</label>
          <select
            id="filter-stage"
            value={query.stage}
            onChange={(e) => set({ stage: e.currentTarget.value as ListQuery['stage'] })}
          >
            <option value="">{t('accountsAnyStage')}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {t(STAGE_LABEL[s])}
              </option>
            ))}
          </select>
        </div>
        <div class="filter">
          <label for="filter-potential">{t('accountsColPotential')}</label>
          <select
            id="filter-potential"
            value={query.potential}
            onChange={(e) => set({ potential: e.currentTarget.value as ListQuery['potential'] })}
          >
            <option value="">{t('accountsAnyPotential')}</option>
            {POTENTIALS.map((p) => (
              <option key={p} value={p}>
                {t(POTENTIAL_LABEL[p])}
              </option>
            ))}
          </select>
        </div>
        <CoverageFilter value={query.coverage} onChange={(coverage) => set({ coverage })} />
        <ObjectivesFilter value={query.objectives} onChange={(objectives) => set({ objectives })} />
        <div class="filter">
          <label for="filter-due">{t('accountsFilterDue')}</label>
          <select
            id="filter-due"
            value={query.due}
            onChange={(e) => set({ due: e.currentTarget.value as DueFilter })}
          >
            {DUE_FILTERS.map((d) => (
              <option key={d} value={d}>
                {t(DUE_FILTER_LABEL[d])}
              </option>
            ))}
          </select>
        </div>
        {filtered && (
          <button
            type="button"
            class="btn"
            onClick={() =>
              set({ stage: '', potential: '', coverage: '', objectives: '', due: 'all', text: '' })
            }
          >
            {t('accountsClearFilters')}
          </button>
        )}
      </form>

      <p class="count" role="status" data-testid="table-count">
        {source.error
          ? t('accountsLoadFailed', source.error)
          : source.total === null
            ? t('accountsLoading')
            : total === 0
              ? source.all === 0
                ? t('accountsNoAccounts')
                : t('accountsNoMatch')
              : t('accountsShowing', [win.firstVisible + 1, win.lastVisible, total])}
      </p>

      {/* The scroller stays mounted while a new query loads, so its scroll position is kept. */}
      <div class="table-wrap virtual" ref={scroller} hidden={total === 0}>
        {total > 0 && (
          <table
            class="accounts virtual"
            aria-label={t('accountsTableLabel')}
            aria-rowcount={total + 1}
          >
            <thead>
              <tr>
                {SORTABLE.map((c) => (
                  <SortHeader key={c} column={c} query={query} onQuery={onQuery} />
                ))}
              </tr>
            </thead>
            <tbody>
              {win.start > 0 && (
                <tr
                  class="spacer"
                  aria-hidden="true"
                  style={{ height: `${win.start * ROW_HEIGHT}px` }}
                />
              )}
              {rows.map(({ index, row }) => {
                if (!row) {
                  return (
                    <tr key={`loading-${index}`} class="row-loading" aria-rowindex={index + 2}>
                      <td colSpan={SORTABLE.length}>
                        <span class="muted">{t('accountsLoading')}</span>
                      </td>
                    </tr>
                  );
                }
                const bucket = dueBucket(row, today);
                const touch = touchOf(row, cadenceDays, now);
                return (
                  <tr
                    key={row.id}
                    data-id={row.id}
                    aria-rowindex={index + 2}
                    class={bucket === 'overdue' ? 'is-overdue' : undefined}
                    onClick={(e) => {
                      // The name is a link already; a click elsewhere on the row opens it too.
                      if (!(e.target as Element).closest('a')) onOpen(row.id);
                    }}
                  >
                    <td class="name">
                      <a href={`#account=${encodeURIComponent(row.id)}`}>{row.name}</a>
                      {row.objectivesAtRisk > 0 && (
                        <span class="risk-tag" data-testid="risk-tag">
                          {t('objectivesAtRiskTag', row.objectivesAtRisk)}
                        </span>
                      )}
                      {row.domains.length > 0 && (
                        <span class="domains">{showDomains(row.domains)}</span>
                      )}
                    </td>
                    <td>{t(STAGE_LABEL[row.stage])}</td>
                    <td>{t(POTENTIAL_LABEL[row.potential])}</td>
                    <td class="coverage">
                      <CoverageMark coverage={row.coverage} title />
                    </td>
                    <td class="next">
                      {row.nextAction ? (
                        <>
                          <span class="action">{row.nextAction.text}</span>
                          <span class={`due ${bucket}`}>
                            {bucket === 'overdue' && (
                              <strong class="flag">{t('accountsOverdue')}</strong>
                            )}
                            <time
                              dateTime={row.nextAction.due}
                              class={bucket === 'today' ? 'flag today' : undefined}
                            >
                              {dayText(row.nextAction.due)}
                            </time>
                          </span>
                        </>
                      ) : (
                        <span class="muted">{t('accountsNoNextAction')}</span>
                      )}
                    </td>
                    <td class={touch.stale ? 'touch stale' : 'touch'}>
                      {touch.stale && (
                        <span class="flag-icon" aria-hidden="true">
                          !
                        </span>
                      )}
                      {touchText(touch)}
                    </td>
                  </tr>
                );
              })}
              {win.end < total && (
                <tr
                  class="spacer"
                  aria-hidden="true"
                  style={{ height: `${(total - win.end) * ROW_HEIGHT}px` }}
                />
              )}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
