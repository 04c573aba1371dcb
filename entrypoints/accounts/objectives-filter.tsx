/** The table's objectives filter: any account, or only those with an objective at risk. */
import { t } from '@/utils/shared/i18n';

export function ObjectivesFilter({
  value,
  onChange,
}: {
  value: 'at_risk' | '';
  onChange: (value: 'at_risk' | '') => void;
}) {
  return (
    <div class="filter">
      <label for="filter-objectives">{t('objectivesFilter')}</label>
      <select
        id="filter-objectives"
        value={value}
        onChange={(e) => onChange(e.currentTarget.value === 'at_risk' ? 'at_risk' : '')}
      >
        <option value="">{t('objectivesFilterAny')}</option>
        <option value="at_risk">{t('objectivesFilterAtRisk')}</option>
      </select>
    </div>
  );
}
