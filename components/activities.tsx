/** The latest follow-ups, newest first, each linking back to its thread when it has one. */
import type { Activity } from '@/utils/contract/model';
import { safeHref } from '@/utils/shared/links';
import { t } from '@/utils/shared/i18n';
import { formatInstant } from './format';
import { ACTIVITY_LABEL } from './labels';
import { Section } from './ui';

export function Activities({ activities }: { activities: Activity[] }) {
  const sorted = [...activities].sort((a, b) => b.at - a.at);
  return (
    <Section title={t('sidebarActivities')}>
      {sorted.length === 0 ? (
        <p class="rp-muted">{t('sidebarNoActivities')}</p>
      ) : (
        <ol class="rp-list rp-timeline">
          {sorted.map((a) => {
            const href = safeHref(a.source?.url);
            return (
              <li key={a.id} class="rp-activity" data-testid="activity">
                <div class="rp-meta">
                  <span class="rp-kind">{t(ACTIVITY_LABEL[a.kind])}</span>
                  <span>{formatInstant(a.at)}</span>
                </div>
                <div class="rp-activity-text">
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer" class="rp-link">
                      {a.summary}
                    </a>
                  ) : (
                    a.summary
                  )}
                </div>
                {a.outcome && <div class="rp-muted">{a.outcome}</div>}
                {a.completed && (
                  <div class="rp-muted" data-testid="activity-completed">
                    {t('activityCompleted', a.completed)}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </Section>
  );
}
