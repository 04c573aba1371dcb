/**
 * How each KPI is counted, in the user's words: the same rules as utils/shared/kpis.ts's comment.
 * Folded away until asked for.
 */
import { t } from '@/utils/shared/i18n';

export function KpiHelp() {
  return (
    <details class="kpi-help" data-testid="kpi-help">
      <summary>{t('kpisHelpTitle')}</summary>
      <dl>
        <dt>{t('kpisKeyPlayers')}</dt>
        <dd>{t('kpisHelpKeyPlayers')}</dd>
        <dt>{t('kpisOnTime')}</dt>
        <dd>{t('kpisHelpOnTime')}</dd>
        <dt>{t('kpisStageMoves')}</dt>
        <dd>{t('kpisHelpMoves')}</dd>
        <dt>{t('kpisObjectivesMet')}</dt>
        <dd>{t('kpisHelpObjectives')}</dd>
        <dt>{t('kpisWhitespaceWon')}</dt>
        <dd>{t('kpisHelpWhitespace')}</dd>
      </dl>
      <p class="muted">{t('kpisHelpZone')}</p>
    </details>
  );
}
