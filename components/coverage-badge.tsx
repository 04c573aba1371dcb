/**
 * An account's coverage as a badge: its level in words and colour, why, and what is missing
 * (utils/shared/coverage.ts has the rule). Shown in the sidebar's account card and on the account
 * page; CoverageMark is the short form for the table and the portfolio.
 */
import type { Person } from '@/utils/contract/model';
import {
  coverageOf,
  type Coverage,
  type CoverageGap,
  type CoverageLevel,
} from '@/utils/shared/coverage';
import { t, type MessageKey } from '@/utils/shared/i18n';

export const LEVEL_LABEL: Record<CoverageLevel, MessageKey> = {
  red: 'coverageRed',
  amber: 'coverageAmber',
  green: 'coverageGreen',
};

const LEVEL_WHY: Record<CoverageLevel, MessageKey> = {
  red: 'coverageWhyRed',
  amber: 'coverageWhyAmber',
  green: 'coverageWhyGreen',
};

export const GAP_LABEL: Record<CoverageGap, MessageKey> = {
  noDecisionMaker: 'coverageGapNoDecisionMaker',
  noSponsor: 'coverageGapNoSponsor',
  noChampion: 'coverageGapNoChampion',
  singleThreaded: 'coverageGapSingleThreaded',
};

/** The level and its reasons in one line of text: a tooltip, and what a screen reader hears. */
export function coverageText(coverage: Coverage): string {
  return [
    `${t('coverageTitle')}: ${t(LEVEL_LABEL[coverage.level])}`,
    t(LEVEL_WHY[coverage.level]),
    ...coverage.gaps.map((g) => t(GAP_LABEL[g])),
  ].join('. ');
}

export function CoverageBadge({ people }: { people: readonly Person[] }) {
  const coverage = coverageOf(people);
  // With nobody known, every gap is true at once and "single-threaded" is not: say what to do.
  const nobody = people.length === 0;
  return (
    <section
      class={`rp-coverage rp-coverage-${coverage.level}`}
      data-testid="coverage"
      data-level={coverage.level}
      aria-label={t('coverageTitle')}
    >
      <p class="rp-coverage-head">
        <span class="rp-coverage-title">{t('coverageTitle')}</span>
        <CoverageMark coverage={coverage} />
        <span class="rp-coverage-why">
          {t(nobody ? 'coverageWhyNobody' : LEVEL_WHY[coverage.level])}
        </span>
      </p>
      {!nobody && coverage.gaps.length > 0 && (
        <ul class="rp-coverage-gaps" data-testid="coverage-gaps">
          {coverage.gaps.map((g) => (
            <li key={g} data-gap={g}>
              {t(GAP_LABEL[g])}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The level alone, as a coloured chip with its name: colour is never the only sign. */
export function CoverageMark({ coverage, title }: { coverage: Coverage; title?: boolean }) {
  return (
    <span
      class={`rp-coverage-mark rp-coverage-${coverage.level}`}
      data-testid="coverage-mark"
      data-level={coverage.level}
      title={title ? coverageText(coverage) : undefined}
    >
      <span class="rp-coverage-dot" aria-hidden="true" />
      {t(LEVEL_LABEL[coverage.level])}
    </span>
  );
}
