/**
 * The four relationship stages as a ladder of segments, lowest to highest. Each stage explains
 * itself on hover and on keyboard focus; moving the account to another stage asks why first,
 * because the stage history is what later explains the account.
 */
import { useState } from 'preact/hooks';
import type { Account } from '@/utils/contract/model';
import type { Stage } from '@/utils/contract/enums';
import { STAGE_ORDER } from '@/utils/shared/stages';
import { t } from '@/utils/shared/i18n';
import { STAGE_LABEL, STAGE_MEANING } from './labels';
import type { Send } from './sidebar-types';
import { ErrorNote, Field, InlineForm, useWrite, valueOf } from './ui';

interface Props {
  account: Account;
  send: Send;
  reload: () => void;
}

export function StageLadder({ account, send, reload }: Props) {
  const [pending, setPending] = useState<Stage | null>(null);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useWrite(reload);
  const currentIndex = STAGE_ORDER.indexOf(account.stage);
  const tipId = (s: Stage) => `rp-stage-tip-${account.id}-${s}`;

  const close = () => {
    setPending(null);
    setReason('');
  };
  const submit = async () => {
    if (!pending) return;
    const ok = await run(() =>
      send('setStage', { id: account.id, stage: pending, reason: reason.trim() }),
    );
    if (ok) close();
  };

  return (
    <div class="rp-stage">
      <ol
        class={`rp-ladder${pending ? ' rp-ladder-asking' : ''}`}
        aria-label={t('sidebarStageLabel')}
      >
        {STAGE_ORDER.map((stage, i) => {
          const current = stage === account.stage;
          return (
            <li key={stage} class={`rp-rung${current ? ' rp-rung-current' : ''}`}>
              <button
                type="button"
                class={`rp-seg${i <= currentIndex ? ' rp-seg-on' : ''}${current ? ' rp-seg-current' : ''}`}
                aria-current={current ? 'step' : undefined}
                aria-describedby={tipId(stage)}
                data-testid={current ? 'stage-current' : undefined}
                data-stage={stage}
                onClick={() => {
                  if (current) return;
                  setPending(stage);
                }}
              >
                {t(STAGE_LABEL[stage])}
              </button>
              <span class="rp-tip" role="tooltip" id={tipId(stage)}>
                <strong>{t(STAGE_LABEL[stage])}.</strong> {t(STAGE_MEANING[stage])}
              </span>
            </li>
          );
        })}
      </ol>
      {pending && (
        <InlineForm
          label={t('sidebarStageMoveTo', t(STAGE_LABEL[pending]))}
          submitLabel={t('sidebarStageConfirm', t(STAGE_LABEL[pending]))}
          busy={busy}
          onSubmit={submit}
          onCancel={close}
        >
          <p class="rp-form-hint">{t(STAGE_MEANING[pending])}</p>
          <Field label={t('sidebarStageReason')}>
            <input
              class="rp-input"
              name="reason"
              required
              maxLength={1000}
              value={reason}
              placeholder={t('sidebarStageReasonPlaceholder')}
              onInput={(e) => setReason(valueOf(e))}
            />
          </Field>
        </InlineForm>
      )}
      <ErrorNote error={error} />
    </div>
  );
}
