/**
 * The portfolio's coverage layer, one cell's worth: how many of its accounts are red, amber and
 * green, each count a button that opens the table filtered to that cell and level.
 */
import { t } from '@/utils/shared/i18n';
import { COVERAGE_LEVELS, type CoverageLevel } from '@/utils/shared/coverage';
import type { LevelCounts } from '@/utils/page/portfolio-coverage';
import { LEVEL_LABEL } from '@/components/coverage-badge';

export function CoverageSplit({
  counts,
  cellName,
  onPick,
}: {
  counts: LevelCounts | undefined;
  /** The cell in words ("Strategic, high potential"), for each button's accessible name. */
  cellName: string;
  onPick: (level: CoverageLevel) => void;
}) {
  if (!counts) return null;
  return (
    <ul class="coverage-split" aria-label={t('coverageTitle')}>
      {COVERAGE_LEVELS.map((level) =>
        counts[level] === 0 ? null : (
          <li key={level}>
            <button
              type="button"
              class={`rp-coverage-mark rp-coverage-${level}`}
              data-level={level}
              aria-label={t('coverageCellCount', [counts[level], t(LEVEL_LABEL[level]), cellName])}
              onClick={() => onPick(level)}
            >
              <span class="rp-coverage-dot" aria-hidden="true" />
              {counts[level]}
            </button>
          </li>
        ),
      )}
    </ul>
  );
}
