/**
 * CSV export of the KPIs view: one row per account, then the portfolio's, with the counts and the
 * percentages as the page shows them (empty when nothing was counted). Names are written as they
 * are, would-be formulas neutralised (csv-cells.ts).
 */
import Papa from 'papaparse';
import type { KpiReport, Kpis } from '@/utils/shared/kpis';
import { percent } from '@/utils/shared/kpis';
import { neutraliseCell } from './csv-cells';

export const KPI_COLUMNS = [
  'account',
  'period_first',
  'period_last',
  'key_players',
  'key_players_in_cadence',
  'key_players_in_cadence_pct',
  'next_actions_counted',
  'next_actions_on_time',
  'next_actions_on_time_pct',
  'next_actions_without_due_day',
  'stage_moves_up',
  'stage_moves_down',
  'objectives_met',
  'whitespace_won',
] as const;

const pct = (part: number, whole: number) => String(percent(part, whole) ?? '');

function cells(name: string, report: KpiReport, k: Kpis): string[] {
  return [
    name,
    report.period.first,
    report.period.last,
    String(k.keyPlayers),
    String(k.keptInCadence),
    pct(k.keptInCadence, k.keyPlayers),
    String(k.doneCounted),
    String(k.doneOnTime),
    pct(k.doneOnTime, k.doneCounted),
    String(k.doneUndated),
    String(k.stageUp),
    String(k.stageDown),
    String(k.objectivesMet),
    String(k.whitespaceWon),
  ].map(neutraliseCell);
}

/** The CSV text, with a byte-order mark so spreadsheets read it as UTF-8. */
export function kpisToCsv(
  report: KpiReport,
  rows: KpiReport['rows'],
  portfolioName: string,
): string {
  const data = [
    ...rows.map((r) => cells(r.name, report, r.kpis)),
    cells(portfolioName, report, report.total),
  ];
  return (
    '\uFEFF' +
    Papa.unparse(
      { fields: [...KPI_COLUMNS], data },
      { newline: '\r\n', quotes: false, escapeFormulae: false },
    ) +
    '\r\n'
  );
}

/** "rapport-kpis-2026-10-01-2026-12-31.csv". */
export function kpiCsvFileName(report: KpiReport): string {
  return `rapport-kpis-${report.period.first}-${report.period.last}.csv`;
}
