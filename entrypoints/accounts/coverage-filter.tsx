/** The table's coverage filter: any, or one level (red, amber, green). */
import { t } from '@/utils/shared/i18n';
import { COVERAGE_LEVELS, type CoverageLevel } from '@/utils/shared/coverage';
import { LEVEL_LABEL } from '@/components/coverage-badge';

export function CoverageFilter({
  value,
  onChange,
}: {
  value: CoverageLevel | '';
  onChange: (level: CoverageLevel | '') => void;
}) {
  return (
    <div class="filter">
      <label for="filter-coverage">{t('coverageFilter')}</label>
      <select
        id="filter-coverage"
        value={value}
        onChange={(e) => onChange(e.currentTarget.value as CoverageLevel | '')}
      >
        <option value="">{t('coverageAll')}</option>
        {COVERAGE_LEVELS.map((level) => (
          <option key={level} value={level}>
            {t(LEVEL_LABEL[level])}
          </option>
        ))}
      </select>
    </div>
  );
}
