/**
 * The portfolio grid's coverage layer: in each stage x potential cell, how many accounts are red,
 * amber and green. Pure, for a test without a browser.
 */
import type { AccountRow } from '@/utils/contract/messages';
import type { Potential, Stage } from '@/utils/contract/enums';
import type { CoverageLevel } from '@/utils/shared/coverage';

export type LevelCounts = Record<CoverageLevel, number>;

/** Counts by `${stage}-${potential}`; a cell with no accounts is absent. */
export function coverageCounts(
  rows: readonly Pick<AccountRow, 'stage' | 'potential' | 'coverage'>[],
): Map<`${Stage}-${Potential}`, LevelCounts> {
  const out = new Map<`${Stage}-${Potential}`, LevelCounts>();
  for (const r of rows) {
    const key = `${r.stage}-${r.potential}` as const;
    const counts = out.get(key) ?? { red: 0, amber: 0, green: 0 };
    counts[r.coverage.level]++;
    out.set(key, counts);
  }
  return out;
}
