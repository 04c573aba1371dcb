/**
 * The KPIs' period: this quarter, last quarter, this year, or two days of one's own. The days are
 * the user's own (utils/shared/kpi-period.ts); a custom period that cannot be used says why.
 */
import { t, type MessageKey } from '@/utils/shared/i18n';
import {
  KPI_PERIOD_KINDS,
  presetPeriod,
  type KpiPeriod,
  type KpiPeriodKind,
  type PeriodProblem,
} from '@/utils/shared/kpi-period';

export interface PeriodChoice {
  kind: KpiPeriodKind;
  /** The custom period's days, kept while a preset is shown so that going back finds them. */
  custom: KpiPeriod;
}

const KIND_TEXT: Record<KpiPeriodKind, MessageKey> = {
  thisQuarter: 'kpisPeriodThisQuarter',
  lastQuarter: 'kpisPeriodLastQuarter',
  thisYear: 'kpisPeriodThisYear',
  custom: 'kpisPeriodCustom',
};

export const PERIOD_PROBLEM_TEXT: Record<PeriodProblem, MessageKey> = {
  invalidDay: 'kpisPeriodInvalid',
  reversed: 'kpisPeriodReversed',
  tooLong: 'kpisPeriodTooLong',
};

export function KpiPeriodPicker(props: {
  choice: PeriodChoice;
  onChange: (c: PeriodChoice) => void;
}) {
  const { choice, onChange } = props;
  const pick = (kind: KpiPeriodKind) =>
    // Custom starts from the period shown, to be adjusted rather than typed whole.
    onChange({
      kind,
      custom: kind === 'custom' ? (presetPeriod(choice.kind) ?? choice.custom) : choice.custom,
    });
  const setDay = (edge: 'first' | 'last', value: string) =>
    onChange({ ...choice, custom: { ...choice.custom, [edge]: value } });
  return (
    <div class="filters kpi-period">
      <div class="filter">
        <label for="kpi-period">{t('kpisPeriod')}</label>
        <select
          id="kpi-period"
          value={choice.kind}
          onChange={(e) => pick(e.currentTarget.value as KpiPeriodKind)}
        >
          {KPI_PERIOD_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(KIND_TEXT[k])}
            </option>
          ))}
        </select>
      </div>
      {choice.kind === 'custom' && (
        <>
          <div class="filter">
            <label for="kpi-first">{t('kpisFrom')}</label>
            <input
              id="kpi-first"
              type="date"
              value={choice.custom.first}
              onChange={(e) => setDay('first', e.currentTarget.value)}
            />
          </div>
          <div class="filter">
            <label for="kpi-last">{t('kpisTo')}</label>
            <input
              id="kpi-last"
              type="date"
              value={choice.custom.last}
              onChange={(e) => setDay('last', e.currentTarget.value)}
            />
          </div>
        </>
      )}
    </div>
  );
}
