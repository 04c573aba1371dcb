/**
 * The portfolio grid: relationship stage (rows, highest first) against potential (columns), with
 * how many accounts sit in each cell and what that combination implies (DOMAIN.md, "Potential").
 * A count opens the table filtered to that cell.
 */
import type { AccountRow } from '@/utils/contract/messages';
import type { Potential, Stage } from '@/utils/contract/enums';
import { t } from '@/utils/shared/i18n';
import { POTENTIAL_ORDER, STAGE_ORDER, guidanceFor } from '@/utils/shared/stages';
import { portfolioCounts } from '@/utils/page/account-list';
import { GUIDANCE_TEXT, POTENTIAL_LABEL, STAGE_LABEL } from '@/components/labels';
import { useMemo, useState } from 'preact/hooks';
import type { CoverageLevel } from '@/utils/shared/coverage';
import { coverageCounts } from '@/utils/page/portfolio-coverage';
import { CoverageSplit } from './portfolio-coverage';

interface Props {
  rows: readonly AccountRow[];
  /** Opens the table filtered to a cell, and to one coverage level when the layer's count is picked. */
  onCell: (stage: Stage, potential: Potential, coverage?: CoverageLevel) => void;
}

export function PortfolioView({ rows, onCell }: Props) {
  const counts = portfolioCounts(rows);
  const stages = [...STAGE_ORDER].reverse();
  const [layer, setLayer] = useState(false);
  const byCoverage = useMemo(() => (layer ? coverageCounts(rows) : null), [layer, rows]);
  return (
    <div class="portfolio">
      <p class="hint">{t('accountsPortfolioHint')}</p>
      <label class="layer-toggle">
        <input
          type="checkbox"
          data-testid="coverage-layer"
          checked={layer}
          onChange={(e) => setLayer(e.currentTarget.checked)}
        />{' '}
        {t('coverageLayer')}
      </label>
      <table class="grid">
        <caption class="sr-only">{t('accountsPortfolioCaption')}</caption>
        <thead>
          <tr>
            <td class="corner">
              <span>{t('accountsColStage')}</span> / <span>{t('accountsColPotential')}</span>
            </td>
            {POTENTIAL_ORDER.map((p) => (
              <th key={p} scope="col">
                {t('accountsPotentialHeading', t(POTENTIAL_LABEL[p]))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {stages.map((stage) => (
            <tr key={stage}>
              <th scope="row">{t(STAGE_LABEL[stage])}</th>
              {POTENTIAL_ORDER.map((potential) => {
                const n = counts[stage][potential];
                const guidance = guidanceFor(stage, potential);
                return (
                  <td key={potential} class={`cell g-${guidance}${n === 0 ? ' zero' : ''}`}>
                    <button
                      type="button"
                      class="cell-count"
                      disabled={n === 0}
                      data-cell={`${stage}-${potential}`}
                      aria-label={t('accountsCellLabel', [
                        n,
                        t(STAGE_LABEL[stage]),
                        t(POTENTIAL_LABEL[potential]),
                      ])}
                      onClick={() => onCell(stage, potential)}
                    >
                      <span class="n">{n}</span>
                    </button>
                    {byCoverage && (
                      <CoverageSplit
                        counts={byCoverage.get(`${stage}-${potential}`)}
                        cellName={t('coverageCellName', [
                          t(STAGE_LABEL[stage]),
                          t(POTENTIAL_LABEL[potential]),
                        ])}
                        onPick={(level) => onCell(stage, potential, level)}
                      />
                    )}
                    <p class="guidance">{t(GUIDANCE_TEXT[guidance])}</p>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
