/**
 * Where the table's rows come from: the background, a page at a time (use-paged-rows.ts), or an
 * array in memory (unit tests, and any caller that has the rows already). The table asks only for
 * the rows it shows.
 */
import type { AccountRow } from '@/utils/contract/messages';
import { filterRows, sortRows, type ListQuery } from '@/utils/page/account-list';
import { today } from '@/utils/shared/dates';

export interface RowSource {
  /** Rows matching the query; null until the first answer. */
  total: number | null;
  /** Accounts in the store, whatever the query (0: none at all). */
  all: number | null;
  /** The row at a position of the result, or undefined while it loads. */
  rowAt(index: number): AccountRow | undefined;
  /** The table shows rows [from, to): load them if they are not here. */
  want(from: number, to: number): void;
  error: string | null;
}

/** Every row in memory, filtered and sorted here, as the background would page it. */
export function localRowSource(
  rows: readonly AccountRow[],
  query: ListQuery,
  now: number,
): RowSource {
  const shown = sortRows(filterRows(rows, query, today(now)), query.sort, query.dir);
  return {
    total: shown.length,
    all: rows.length,
    rowAt: (i) => shown[i],
    want: () => undefined,
    error: null,
  };
}
