/**
 * The KPIs view of the accounts page: the periodic performance analysis of DOMAIN.md. A period
 * (this quarter unless another is picked), the portfolio's figures with small charts, a line per
 * account, and the same as a CSV file. The figures are the background's (readKpis, worked out by
 * utils/shared/kpis.ts), read again whenever anything is written.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { send } from '@/utils/contract/send';
import { formatDayIn } from '@/utils/shared/dates';
import { t, uiLocale } from '@/utils/shared/i18n';
import { percent, type KpiReport, type Kpis } from '@/utils/shared/kpis';
import { periodProblem, presetPeriod, type KpiPeriod } from '@/utils/shared/kpi-period';
import { kpiCsvFileName, kpisToCsv } from '@/utils/page/csv-kpis';
import { downloadText } from '@/utils/page/download';
import { hashOf } from '@/utils/page/account-list';
import { KpiPeriodPicker, PERIOD_PROBLEM_TEXT, type PeriodChoice } from './kpi-period-picker';
import { MovesChart, PercentBar, PercentRing } from './kpi-charts';
import { KpiHelp } from './kpi-help';

/** Rows drawn at first and added by "Show more": the CSV holds every account whatever is shown. */
const ROWS_STEP = 100;

export function KpisView({ version }: { version: number }) {
  const [choice, setChoice] = useState<PeriodChoice>(() => ({
    kind: 'thisQuarter',
    custom: presetPeriod('thisQuarter')!,
  }));
  const period: KpiPeriod = presetPeriod(choice.kind) ?? choice.custom;
  const problem = periodProblem(period);
  const [report, setReport] = useState<KpiReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState(ROWS_STEP);

  useEffect(() => {
    if (problem) return;
    let current = true;
    void send('readKpis', period).then((r) => {
      if (!current) return;
      if (r.ok) {
        setReport(r.data);
        setError(null);
      } else setError(r.error);
    });
    return () => {
      current = false;
    };
  }, [period.first, period.last, problem, version]);

  const collator = useMemo(() => new Intl.Collator(uiLocale()), []);
  const rows = useMemo(
    () => (report ? [...report.rows].sort((a, b) => collator.compare(a.name, b.name)) : []),
    [report],
  );
  const fresh =
    report && report.period.first === period.first && report.period.last === period.last;
  const exportCsv = () => {
    if (!report) return;
    downloadText(kpiCsvFileName(report), kpisToCsv(report, rows, t('kpisPortfolio')), 'text/csv');
  };

  return (
    <div class="kpis">
      <div class="kpi-bar-top">
        <KpiPeriodPicker choice={choice} onChange={setChoice} />
        <button
          type="button"
          class="btn"
          data-testid="kpi-csv"
          disabled={!fresh}
          onClick={exportCsv}
        >
          {t('kpisCsv')}
        </button>
      </div>
      <p class="hint" data-testid="kpi-period">
        {t('kpisPeriodRange', [
          formatDayIn(uiLocale(), period.first, 'short', 0),
          formatDayIn(uiLocale(), period.last, 'short', 0),
        ])}
      </p>
      {problem && (
        <p class="write-error" role="alert">
          {t(PERIOD_PROBLEM_TEXT[problem])}
        </p>
      )}
      {error && (
        <p class="write-error" role="alert">
          {t('kpisLoadFailed', error)}
        </p>
      )}
      {!problem && !error && !fresh && <p class="muted">{t('kpisLoading')}</p>}
      {!problem && fresh && (
        <>
          <Summary total={report.total} />
          <KpiHelp />
          <KpiTable rows={rows.slice(0, shown)} total={report.total} />
          {rows.length > shown && (
            <p class="kpi-more">
              <span class="muted">{t('kpisRowsShown', [shown, rows.length])}</span>{' '}
              <button type="button" class="btn small" onClick={() => setShown(shown + ROWS_STEP)}>
                {t('kpisShowMore', Math.min(ROWS_STEP, rows.length - shown))}
              </button>
            </p>
          )}
          <p class="muted kpi-footnote" data-testid="kpi-footnote">
            {t('kpisRolesToday')}
          </p>
        </>
      )}
    </div>
  );
}

function Summary({ total }: { total: Kpis }) {
  const kept = percent(total.keptInCadence, total.keyPlayers);
  const onTime = percent(total.doneOnTime, total.doneCounted);
  const moves = t('kpisMovesLabel', [total.stageUp, total.stageDown]);
  return (
    <section class="kpi-cards" aria-label={t('kpisPortfolio')} data-testid="kpi-summary">
      <div class="kpi-card" data-kpi="cadence">
        <PercentRing value={kept} label={`${t('kpisKeyPlayers')}: ${kept ?? '—'}%`} />
        <div>
          <div class="kpi-figure">{kept === null ? '—' : `${kept}%`}</div>
          <div class="kpi-name">{t('kpisKeyPlayers')}</div>
          <div class="muted">{t('kpisKeyPlayersOf', [total.keptInCadence, total.keyPlayers])}</div>
        </div>
      </div>
      <div class="kpi-card" data-kpi="ontime">
        <PercentRing value={onTime} label={`${t('kpisOnTime')}: ${onTime ?? '—'}%`} />
        <div>
          <div class="kpi-figure">{onTime === null ? '—' : `${onTime}%`}</div>
          <div class="kpi-name">{t('kpisOnTime')}</div>
          <div class="muted">{t('kpisOnTimeOf', [total.doneOnTime, total.doneCounted])}</div>
          {total.doneUndated > 0 && (
            <div class="muted" data-testid="kpi-undated">
              {t('kpisUndated', total.doneUndated)}
            </div>
          )}
        </div>
      </div>
      <div class="kpi-card" data-kpi="moves">
        <MovesChart up={total.stageUp} down={total.stageDown} label={moves} />
        <div>
          <div class="kpi-figure">
            ↑{total.stageUp} ↓{total.stageDown}
          </div>
          <div class="kpi-name">{t('kpisStageMoves')}</div>
          <div class="muted">{moves}</div>
        </div>
      </div>
      <div class="kpi-card" data-kpi="objectives">
        <div>
          <div class="kpi-figure">{total.objectivesMet}</div>
          <div class="kpi-name">{t('kpisObjectivesMet')}</div>
        </div>
      </div>
      <div class="kpi-card" data-kpi="whitespace">
        <div>
          <div class="kpi-figure">{total.whitespaceWon}</div>
          <div class="kpi-name">{t('kpisWhitespaceWon')}</div>
        </div>
      </div>
    </section>
  );
}

/** "2/3 67%" with a bar, or a dash when nothing was counted. */
function Ratio({ part, whole }: { part: number; whole: number }) {
  const p = percent(part, whole);
  if (p === null) return <span class="muted">—</span>;
  return (
    <span class="kpi-ratio">
      <span class="kpi-pct">{p}%</span> <PercentBar value={p} />{' '}
      <span class="muted">
        {part}/{whole}
      </span>
    </span>
  );
}

function Cells({ k }: { k: Kpis }) {
  return (
    <>
      <td data-col="cadence">
        <Ratio part={k.keptInCadence} whole={k.keyPlayers} />
      </td>
      <td data-col="ontime">
        <Ratio part={k.doneOnTime} whole={k.doneCounted} />
        {k.doneUndated > 0 && (
          <span class="muted kpi-undated" title={t('kpisUndated', k.doneUndated)}>
            {' '}
            (+{k.doneUndated})
          </span>
        )}
      </td>
      <td data-col="up">{k.stageUp}</td>
      <td data-col="down">{k.stageDown}</td>
      <td data-col="objectives">{k.objectivesMet}</td>
      <td data-col="whitespace">{k.whitespaceWon}</td>
    </>
  );
}

function KpiTable({ rows, total }: { rows: KpiReport['rows']; total: Kpis }) {
  return (
    <div class="table-wrap">
      <table class="accounts kpi-table" data-testid="kpi-table">
        <caption class="sr-only">{t('kpisTableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('accountsColName')}</th>
            <th scope="col">{t('kpisKeyPlayers')}</th>
            <th scope="col">{t('kpisOnTime')}</th>
            <th scope="col">{t('kpisMovesUp')}</th>
            <th scope="col">{t('kpisMovesDown')}</th>
            <th scope="col">{t('kpisObjectivesMet')}</th>
            <th scope="col">{t('kpisWhitespaceWon')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.accountId} data-account={r.accountId}>
              <th scope="row" class="name">
                <a href={hashOf({ kind: 'account', id: r.accountId })}>{r.name}</a>
              </th>
              <Cells k={r.kpis} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="kpi-total">
            <th scope="row">{t('kpisPortfolio')}</th>
            <Cells k={total} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
