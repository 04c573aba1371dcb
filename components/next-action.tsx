/**
 * The account's one next action, with its due day; overdue shows red, due today stands out.
 * Done logs it as an activity and at once asks for the next one; Snooze moves it to a later day.
 */
import { useState } from 'preact/hooks';
import type { Account } from '@/utils/contract/model';
import { SNOOZE_PRESETS } from '@/utils/page/follow-up';
import { t } from '@/utils/shared/i18n';
import { FollowUpForm, Presets, presetsFor } from './follow-up-form';
import { dueInfo } from './format';
import type { CardEnv } from './sidebar-types';
import { ErrorNote, Section, useInline, useWrite } from './ui';

type Props = Pick<CardEnv, 'send' | 'reload' | 'cadence' | 'notify'> & { account: Account };

export function NextActionSection({ account, send, reload, cadence, notify }: Props) {
  const next = account.nextAction;
  const form = useInline();
  // After Done the editor asks for a new action rather than editing the one just completed.
  const [fresh, setFresh] = useState(false);
  const [snoozing, setSnoozing] = useState(false);
  const { busy, error, run } = useWrite(reload);
  const dueOf = presetsFor(account, cadence);

  const edit = (asNew: boolean) => {
    setFresh(asNew);
    setSnoozing(false);
    form.show();
  };
  const done = async () => {
    const ok = await run(async () => {
      const r = await send('completeNextAction', { accountId: account.id, at: Date.now() });
      if (r.ok) {
        notify({
          message: 'toastDone',
          accountId: account.id,
          activityId: r.data.activity.id,
          previous: next,
        });
      }
      return r;
    });
    if (ok) edit(true);
  };
  const snooze = async (due: string) => {
    if (
      next &&
      (await run(() =>
        send('setNextAction', { accountId: account.id, nextAction: { ...next, due } }),
      ))
    ) {
      setSnoozing(false);
    }
  };
  const info = next ? dueInfo(next.due) : null;

  return (
    <Section title={t('sidebarNextAction')}>
      <div class="rp-next" data-testid="next-action" data-tone={info?.tone ?? 'none'}>
        {next && info ? (
          <>
            <p class="rp-next-text">{next.text}</p>
            <span class={`rp-due rp-due-${info.tone}`}>{info.label}</span>
          </>
        ) : (
          <p class="rp-muted">{t('sidebarNoNextAction')}</p>
        )}
      </div>
      {form.open ? (
        <FollowUpForm
          mode="next"
          account={account}
          fresh={fresh}
          cadence={cadence}
          send={send}
          reload={reload}
          onSaved={form.close}
          onClose={form.close}
        />
      ) : (
        <div class="rp-actions">
          <button type="button" class="rp-btn" ref={form.opener} onClick={() => edit(false)}>
            {next ? t('sidebarEdit') : t('sidebarSetNextAction')}
          </button>
          {next && (
            <>
              <button
                type="button"
                class="rp-btn"
                data-testid="done"
                disabled={busy}
                onClick={() => void done()}
              >
                {t('sidebarMarkDone')}
              </button>
              <button
                type="button"
                class="rp-btn"
                data-testid="snooze"
                aria-expanded={snoozing}
                onClick={() => setSnoozing(!snoozing)}
              >
                {t('sidebarSnooze')}
              </button>
            </>
          )}
        </div>
      )}
      {snoozing && next && !form.open && (
        <Presets
          label={t('sidebarSnoozeTo')}
          presets={SNOOZE_PRESETS}
          dueOf={dueOf}
          onPick={(due) => void snooze(due)}
        />
      )}
      <ErrorNote error={error} />
    </Section>
  );
}
