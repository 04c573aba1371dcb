/**
 * The four relationship stages as a ladder of segments, lowest to highest. Each stage explains
 * itself on hover and on keyboard focus; moving the account to another stage asks why first,
 * because the stage history is what later explains the account. The last move and its reason
 * show under the ladder.
 */
import { useRef, useState } from 'preact/hooks';
import type { Account, StageChange } from '@/utils/contract/model';
import type { Stage } from '@/utils/contract/enums';
import { STAGE_ORDER } from '@/utils/shared/stages';
import { t } from '@/utils/shared/i18n';
import { useFitColumns } from './fit-columns';
import { formatInstant } from './format';
import { STAGE_LABEL, STAGE_MEANING } from './labels';
import type { Send } from './sidebar-types';
import { useMergedWrite, WriteNotes } from './conflict-notice';
import { Field, InlineForm, useWrite, valueOf } from './ui';

interface Props {
  account: Account;
  /** Newest first (AccountView.stageChanges). */
  stageChanges: StageChange[];
  send: Send;
  reload: () => void;
}

/** Four in a row where the names fit; else two rows of two; else one stage a row. */
const COLUMNS = [4, 2, 1] as const;

export function StageLadder({ account, stageChanges, send, reload }: Props) {
  const [pending, setPending] = useState<Stage | null>(null);
  const [reason, setReason] = useState('');
  const writer = useWrite(reload);
  const { busy, error } = writer;
  const merged = useMergedWrite<Account>(writer, reload);
  // The stage as shown when a rung was clicked: the move is based on it (another tab's move
  // meanwhile is a conflict, never overwritten).
  const [readAt, setReadAt] = useState<Stage>(account.stage);
  const ladder = useRef<HTMLOListElement>(null);
  useFitColumns(ladder, COLUMNS);
  const currentIndex = STAGE_ORDER.indexOf(account.stage);
  const tipId = (s: Stage) => `rp-stage-tip-${account.id}-${s}`;

  /** Closes the form; focus goes to the stage it was about, never to the page's body. */
  const close = () => {
    const stage = pending;
    setPending(null);
    setReason('');
    if (stage) ladder.current?.querySelector<HTMLElement>(`[data-stage="${stage}"]`)?.focus();
  };
  const submit = async () => {
    if (!pending) return;
    const why = reason.trim();
    const r = await merged.write({ changes: { stage: pending }, base: { stage: readAt } }, (c) =>
      send('setStage', {
        id: account.id,
        stage: c.changes.stage as Stage,
        reason: why,
        base: c.base.stage as Stage,
      }),
    );
    // The button of the new stage becomes the current one when the account is read again.
    if (r?.ok || r?.code === 'conflict') close();
  };

  return (
    <div class="rp-stage">
      <ol
        ref={ladder}
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
                  setReadAt(account.stage);
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
      {pending ? (
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
      ) : (
        <LastMove account={account} change={stageChanges[0]} />
      )}
      <WriteNotes
        conflicts={merged.conflicts}
        busy={busy}
        error={error}
        onChoose={(pick) => void merged.choose(pick)}
      />
    </div>
  );
}

/** "Moved up to Cooperative on 12 Mar" and why; for an account never moved, since when. */
function LastMove({ account, change }: { account: Account; change: StageChange | undefined }) {
  // A stale read (the account moved, its history not yet re-read) says nothing rather than wrong.
  if (!change || change.to !== account.stage) return null;
  const stage = t(STAGE_LABEL[change.to]);
  const when = formatInstant(change.at);
  const up =
    change.from !== null && STAGE_ORDER.indexOf(change.to) > STAGE_ORDER.indexOf(change.from);
  const key =
    change.from === null
      ? 'sidebarStageSince'
      : up
        ? 'sidebarStageMovedUp'
        : 'sidebarStageMovedDown';
  return (
    <p class="rp-stage-last" data-testid="stage-last">
      <span class="rp-muted">{t(key, [stage, when])}</span>
      {change.reason && <span class="rp-stage-reason">{change.reason}</span>}
    </p>
  );
}
