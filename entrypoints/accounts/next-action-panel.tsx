/**
 * The account page's next-action panel: what is next and when, set, changed, done or cleared.
 * The editor is the sidebar's (components/follow-up-form.tsx in its "next" mode): the same due
 * picker, the same checks (checkNext) and the same confirm step for a past day; here it also
 * offers who the action is with.
 */
import { send } from '@/utils/contract/send';
import type { Cadence } from '@/components/sidebar-types';
import { t } from '@/utils/shared/i18n';
import { dueInfo } from '@/components/format';
import { NextActionEditor } from '@/components/follow-up-form';
import { objectiveOutcome } from '@/components/objective-pick';
import { Panel } from '@/components/form-fields';
import { ErrorNote, useInline, useWrite } from '@/components/ui';
import type { SectionProps } from './section';

export function NextActionPanel({ view, reload, cadence }: SectionProps & { cadence?: Cadence }) {
  const { account, people, objectives } = view;
  const next = account.nextAction;
  const form = useInline();
  const { busy, error, run } = useWrite(reload);
  const who = next?.personId ? people.find((p) => p.id === next.personId) : undefined;
  const info = next ? dueInfo(next.due) : null;
  const serves = objectiveOutcome(objectives, next?.objectiveId);

  return (
    <Panel id="next" title={t('accountsNextActionHeading')}>
      {next && info ? (
        <div class={`next-now ${info.tone}`}>
          <p class="next-text">{next.text}</p>
          <p class="next-meta">
            {info.tone === 'overdue' && <strong class="flag">{t('accountsOverdue')}</strong>}{' '}
            <time dateTime={next.due}>{info.label}</time>
            {who && <span> · {who.name}</span>}
          </p>
          {serves && (
            <p class="next-meta" data-testid="next-objective">
              {t('objectiveServes', serves)}
            </p>
          )}
        </div>
      ) : (
        <p class="muted">{t('accountsNoNextAction')}</p>
      )}
      {form.open ? (
        <NextActionEditor
          {...{ account, people, objectives, cadence, send, reload }}
          onDone={form.close}
        />
      ) : (
        <div class="form-actions">
          <button type="button" class="btn" ref={form.opener} onClick={form.show}>
            {next ? t('accountsEditNextAction') : t('accountsSetNextAction')}
          </button>
          {next && (
            <>
              <button
                type="button"
                class="btn"
                disabled={busy}
                onClick={() =>
                  void run(() =>
                    send('completeNextAction', { accountId: account.id, at: Date.now() }),
                  )
                }
              >
                {t('accountsMarkDone')}
              </button>
              <button
                type="button"
                class="btn"
                disabled={busy}
                onClick={() =>
                  void run(() =>
                    // Cleared only if it is still the one shown; changed since, the answer says so.
                    send('setNextAction', { accountId: account.id, nextAction: null, base: next }),
                  )
                }
              >
                {t('accountsClearNextAction')}
              </button>
            </>
          )}
        </div>
      )}
      <ErrorNote error={error} />
    </Panel>
  );
}
