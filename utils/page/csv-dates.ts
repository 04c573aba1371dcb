/**
 * Dates in a CSV column, as spreadsheets write them:
 *
 * | written      | read as                                                              |
 * |--------------|----------------------------------------------------------------------|
 * | `2026-03-04` | ISO: 4 March 2026                                                    |
 * | `04.03.2026` | day.month.year, the Russian and German way (one or two digits each)  |
 * | `03/04/2026` | month/day/year, unless the file says otherwise (below)               |
 *
 * A date with slashes is month first in the US and day first in most other places, and nothing
 * in `03/04/2026` says which. One rule holds for the whole file, so that two rows of one file are
 * never read two ways: if any slash date in the column has a first number above 12 (`25/03/2026`),
 * every slash date is day/month/year; otherwise every one is month/day/year. A slash date that
 * does not fit the file's rule (`03/25/2026` in a day-first file) is refused on its line. Each
 * date whose numbers could be swapped (both 12 or less, and different) is listed with its reading,
 * so the user sees "03/04/2026 read as 4 March 2026" before anything is written.
 *
 * Two-digit years are refused: "26" could be any century to a spreadsheet.
 */
import { isRealDate, type IsoDate } from '@/utils/shared/dates';
import type { Problem } from '@/utils/shared/problem';

export type SlashOrder = 'month-first' | 'day-first';

export interface DateCell {
  line: number;
  raw: string;
}

export interface DateReading extends DateCell {
  iso: IsoDate;
}

export interface SlashRule {
  order: SlashOrder;
  /** The date that made the file day-first; null when month-first, the default. */
  decidedBy: DateCell | null;
}

export interface DateColumn {
  /** How dates with slashes are read in this file; null when it has none. */
  slash: SlashRule | null;
  /** Each date whose day and month could be swapped, with how it was read. */
  ambiguous: DateReading[];
  /** The date of each line as YYYY-MM-DD, or why it cannot be read. */
  read(cell: DateCell): { iso: IsoDate } | { problem: Problem };
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function iso(year: string, month: number, day: number): IsoDate {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Reads every date of one column together, so the slash rule is the file's, not the row's. */
export function readDateColumn(cells: readonly DateCell[]): DateColumn {
  const slashed = cells
    .map((c) => ({ cell: c, m: SLASHED.exec(c.raw.trim()) }))
    .filter((x): x is { cell: DateCell; m: RegExpExecArray } => x.m !== null);
  const dayFirst = slashed.find((x) => Number(x.m[1]) > 12);
  const slash: SlashRule | null =
    slashed.length === 0
      ? null
      : dayFirst
        ? { order: 'day-first', decidedBy: dayFirst.cell }
        : { order: 'month-first', decidedBy: null };

  const bad = (raw: string): { problem: Problem } => ({
    problem: { key: 'csvBadDate', subs: [raw] },
  });
  const read = (cell: DateCell): { iso: IsoDate } | { problem: Problem } => {
    const raw = cell.raw.trim();
    if (ISO.test(raw)) return isRealDate(raw) ? { iso: raw } : bad(raw);
    const dotted = DOTTED.exec(raw);
    if (dotted) {
      const day = iso(dotted[3] as string, Number(dotted[2]), Number(dotted[1]));
      return isRealDate(day) ? { iso: day } : bad(raw);
    }
    const m = SLASHED.exec(raw);
    if (!m || !slash) return bad(raw);
    const [first, second] = [Number(m[1]), Number(m[2])];
    if (slash.order === 'day-first' && second > 12 && slash.decidedBy)
      return {
        problem: {
          key: 'csvSlashDateOrder',
          subs: [raw, slash.decidedBy.line, slash.decidedBy.raw.trim()],
        },
      };
    const day =
      slash.order === 'day-first'
        ? iso(m[3] as string, second, first)
        : iso(m[3] as string, first, second);
    return isRealDate(day) ? { iso: day } : bad(raw);
  };

  const ambiguous: DateReading[] = [];
  for (const { cell, m } of slashed) {
    const [first, second] = [Number(m[1]), Number(m[2])];
    if (first > 12 || second > 12 || first === second) continue;
    const r = read(cell);
    if ('iso' in r) ambiguous.push({ ...cell, raw: cell.raw.trim(), iso: r.iso });
  }
  return { slash, ambiguous, read };
}
