/**
 * The account plan in the sidebar, compactly: the plan's progress, then one line per objective
 * in the plan with its status. Read only here; the account page edits the plan. Nothing is shown
 * while the account has no objective in its plan, so the card stays as short as before.
 */
import type { Objective } from '@/utils/contract/model';
import { t } from '@/utils/shared/i18n';
import { planProgress } from '@/utils/shared/objectives';
import { OBJECTIVE_STATUS_LABEL } from './labels';
import { Section } from './ui';

export function ObjectivesSummary({ objectives }: { objectives: readonly Objective[] }) {
  const inPlan = objectives.filter((o) => o.status !== 'dropped');
  if (inPlan.length === 0) return null;
  const p = planProgress(inPlan);
  return (
    <Section title={t('sidebarObjectives')} count={p.total}>
      <p class="rp-muted" data-testid="objectives-progress">
        {p.atRisk > 0
          ? t('objectivesProgress', [p.done, p.total, p.atRisk])
          : t('objectivesProgressNoRisk', [p.done, p.total])}
      </p>
      <ul class="rp-objectives" data-testid="objectives">
        {inPlan.map((o) => (
          <li key={o.id} class="rp-objective" title={o.outcome}>
            <span class="rp-objective-outcome rp-ellipsis">{o.outcome}</span>
            <span class={`rp-objective-status rp-status-${o.status}`}>
              {t(OBJECTIVE_STATUS_LABEL[o.status])}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
