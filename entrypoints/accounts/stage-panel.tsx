/**
 * The account page's stage panel: the stage with its reason, and the history of changes.
 */
import { useEffect, useState } from 'preact/hooks';
import { type Stage, STAGES } from '@/utils/contract/enums';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import { STAGE_LABEL, STAGE_MEANING } from '@/components/labels';
import { formatInstant } from '@/components/format';
import { Panel, SelectField, TextField } from '@/components/form-fields';
import { useWrite } from '@/components/ui';
import { useMergedWrite, WriteNotes } from '@/components/conflict-notice';
import type { Account } from '@/utils/contract/model';
import type { SectionProps } from './section';

export function StagePanel({ view, reload }: SectionProps) {
  const { account, stageChanges } = view;
  const [stage, setStage] = useState<Stage>(account.stage);
  const [reason, setReason] = useState('');
  const writer = useWrite(reload);
  const { busy, error } = writer;
  const merged = useMergedWrite<Account>(writer, reload);
  useEffect(() => setStage(account.stage), [account.stage]);

  return (
    <Panel id="stage" title={t('accountsStageHeading')}>
      <p class="stage-now">
        <strong>{t(STAGE_LABEL[account.stage])}</strong> — {t(STAGE_MEANING[account.stage])}
      </p>
      <form
        noValidate
        class="row-form"
        onSubmit={(e) => {
          e.preventDefault();
          const why = reason.trim();
          // Based on the stage shown above the form: moved elsewhere since, the notice asks.
          void merged
            .write({ changes: { stage }, base: { stage: account.stage } }, (c) =>
              send('setStage', {
                id: account.id,
                stage: c.changes.stage as Stage,
                reason: why,
                base: c.base.stage as Stage,
              }),
            )
            .then((r) => r?.ok && setReason(''));
        }}
      >
        <SelectField
          id="stage-new"
          label={t('accountsMoveTo')}
          value={stage}
          options={STAGES.map((s) => ({ value: s, label: t(STAGE_LABEL[s]) }))}
          onChange={setStage}
        />
        <TextField
          id="stage-reason"
          label={t('accountsStageReason')}
          value={reason}
          onInput={setReason}
          maxLength={1000}
          placeholder={t('accountsStageReasonPlaceholder')}
        />
        <div class="form-actions">
          <button type="submit" class="btn primary" disabled={busy || stage === account.stage}>
            {t('accountsChangeStage')}
          </button>
        </div>
      </form>
      <WriteNotes
        conflicts={merged.conflicts}
        busy={busy}
        error={error}
        onChoose={(pick) => void merged.choose(pick)}
      />
      <h3>{t('accountsStageHistory')}</h3>
      {stageChanges.length === 0 ? (
        <p class="muted">{t('accountsNoStageHistory')}</p>
      ) : (
        <ol class="history">
          {stageChanges.map((c) => (
            <li key={c.id}>
              <time dateTime={new Date(c.at).toISOString()}>{formatInstant(c.at)}</time>{' '}
              {c.from
                ? t('accountsStageMoved', [t(STAGE_LABEL[c.from]), t(STAGE_LABEL[c.to])])
                : t('accountsStageStarted', t(STAGE_LABEL[c.to]))}
              {c.reason && <span class="reason"> — {c.reason}</span>}
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
