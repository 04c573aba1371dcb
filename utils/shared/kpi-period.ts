/**
 * The period the KPIs are read for: whole calendar days in the user's own time zone, first and
 * last included. A quarter is January-March, April-June, July-September or October-December.
 * Days, not instants, so a daylight-saving change inside the period moves neither edge.
 */
import { isRealDate, today, type IsoDate } from './dates';

export const KPI_PERIOD_KINDS = ['thisQuarter', 'lastQuarter', 'thisYear', 'custom'] as const;
export type KpiPeriodKind = (typeof KPI_PERIOD_KINDS)[number];

export interface KpiPeriod {
  /** The first day of the period, included. */
  first: IsoDate;
  /** The last day of the period, included. */
  last: IsoDate;
}

/** The longest period one may ask for: ten years of days is far more than any review needs. */
export const KPI_PERIOD_MAX_DAYS = 3700;

const pad = (n: number) => String(n).padStart(2, '0');
/** The last day of a month (1-12) of a year. */
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The quarter holding `day`, shifted by `shift` quarters (-1: the one before). */
export function quarterOf(day: IsoDate, shift = 0): KpiPeriod {
  const year = Number(day.slice(0, 4));
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3) + shift;
  const y = year + Math.floor(q / 4);
  const firstMonth = (((q % 4) + 4) % 4) * 3 + 1;
  const lastMonth = firstMonth + 2;
  return {
    first: `${y}-${pad(firstMonth)}-01`,
    last: `${y}-${pad(lastMonth)}-${pad(lastDayOf(y, lastMonth))}`,
  };
}

export function yearOf(day: IsoDate): KpiPeriod {
  const y = day.slice(0, 4);
  return { first: `${y}-01-01`, last: `${y}-12-31` };
}

/** The period of a preset, as of `now` in the local time zone; null for 'custom'. */
export function presetPeriod(kind: KpiPeriodKind, now: number = Date.now()): KpiPeriod | null {
  const day = today(now);
  if (kind === 'thisQuarter') return quarterOf(day);
  if (kind === 'lastQuarter') return quarterOf(day, -1);
  if (kind === 'thisYear') return yearOf(day);
  return null;
}

export type PeriodProblem = 'invalidDay' | 'reversed' | 'tooLong';

/** Why a custom period cannot be used, or null when it can. */
export function periodProblem(p: KpiPeriod): PeriodProblem | null {
  if (!isRealDate(p.first) || !isRealDate(p.last)) return 'invalidDay';
  if (p.first > p.last) return 'reversed';
  const days =
    (Date.parse(`${p.last}T00:00:00Z`) - Date.parse(`${p.first}T00:00:00Z`)) / 86_400_000;
  return days + 1 > KPI_PERIOD_MAX_DAYS ? 'tooLong' : null;
}
