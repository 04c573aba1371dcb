/**
 * The account's one next action, with its due day; overdue shows red, due today stands out.
 * Mark done asks what it was (a call, an email...: guessed from its words, changeable), logs it
 * as that and at once asks for the next one; Snooze moves it to a later day.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Account, NextAction, Objective } from '@/utils/contract/model';
import type { Change } from '@/utils/shared/field-merge';
import { useMergedWrite, WriteNotes } from './conflict-notice';
import type { ActivityKind } from '@/utils/contract/enums';
import { kindOf, SNOOZE_PRESETS } from '@/utils/shared/follow-up';
import { t } from '@/utils/shared/i18n';
import { Presets, presetsFor } from './due-picker';
import { NextActionEditor } from './follow-up-form';
import { dueInfo } from './format';
import { ACTIVITY_LABEL } from './labels';
import type { CardEnv } from './sidebar-types';
import { Section, useInline, useWrite } from './ui';

type Props = Pick<CardEnv, 'send' | 'reload' | 'cadence' | 'notify'> & {
  account: Account;
  /** The account plan's objectives: the editor offers to link one. */
  objectives?: Objective[];
};

export function NextActionSection({ account, objectives, send, reload, cadence, notify }: Props) {
  const next = account.nextAction;
  const form = useInline();
  // After Done the editor asks for a new action rather than editing the one just completed.
  const [fresh, setFresh] = useState(false);
  const [snoozing, setSnoozing] = useState(false);
  // Mark done first asks what kind of thing was done; null while not asking.
  const [doneAs, setDoneAs] = useState<ActivityKind | null>(null);
  const writer = useWrite(reload);
  const { busy, error, run } = writer;
  const merged = useMergedWrite<Account>(writer, reload);
  const sendNext = (c: Change) =>
    send('setNextAction', {
      accountId: account.id,
      nextAction: (c.changes.nextAction ?? null) as NextAction | null,
      base: (c.base.nextAction ?? null) as NextAction | null,
    });
  const dueOf = presetsFor(account, cadence);

  const edit = (asNew: boolean) => {
    setFresh(asNew);
    setSnoozing(false);
    setDoneAs(null);
    form.show();
  };
  const done = async (kind: ActivityKind) => {
    const { ok } = await run(async () => {
      const r = await send('completeNextAction', { accountId: account.id, at: Date.now(), kind });
      if (r.ok) {
        notify({
          message: 'toastDone',
          accountId: account.id,
          activityId: r.data.activity.id,
          previous: next,
          current: r.data.account.nextAction,
        });
      }
      return r;
    });
    if (ok) edit(true);
  };
  const snooze = async (due: string) => {
    if (!next) return;
    // Sent with the next action as shown: moved or replaced meanwhile, the notice asks.
    const r = await merged.write(
      { changes: { nextAction: { ...next, due } }, base: { nextAction: next } },
      sendNext,
    );
    if (r?.ok || r?.code === 'conflict') setSnoozing(false);
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
        <NextActionEditor
          {...{ account, objectives, fresh, cadence, send, reload }}
          onDone={form.close}
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
                aria-expanded={doneAs !== null}
                onClick={() => {
                  setSnoozing(false);
                  setDoneAs(doneAs === null ? kindOf(next.text) : null);
                }}
              >
                {t('sidebarMarkDone')}
              </button>
              <button
                type="button"
                class="rp-btn"
                data-testid="snooze"
                aria-expanded={snoozing}
                onClick={() => {
                  setDoneAs(null);
                  setSnoozing(!snoozing);
                }}
              >
                {t('sidebarSnooze')}
              </button>
            </>
          )}
        </div>
      )}
      {doneAs && next && !form.open && (
        <DoneAs
          kind={doneAs}
          busy={busy}
          onKind={setDoneAs}
          onDone={() => void done(doneAs)}
          onCancel={() => setDoneAs(null)}
        />
      )}
      {snoozing && next && !form.open && (
        <Presets
          label={t('sidebarSnoozeTo')}
          presets={SNOOZE_PRESETS}
          dueOf={dueOf}
          onPick={(due) => void snooze(due)}
        />
      )}
      <WriteNotes
        conflicts={merged.conflicts}
        busy={busy}
        error={error}
        onChoose={(pick) => void merged.choose(pick)}
      />
    </Section>
  );
}

const KINDS = Object.keys(ACTIVITY_LABEL) as ActivityKind[];

interface DoneAsProps {
  kind: ActivityKind;
  busy: boolean;
  onKind: (kind: ActivityKind) => void;
  onDone: () => void;
  onCancel: () => void;
}

/**
 * What the done next action was, as radio segments (arrows move, the guess is checked), then
 * the button that logs it; focus starts on that button, so Mark done then Enter logs the guess.
 */
function DoneAs({ kind, busy, onKind, onDone, onCancel }: DoneAsProps) {
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <div
      class="rp-done-as"
      data-testid="done-as"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <fieldset class="rp-choice">
        <legend class="rp-field-label">{t('doneAs')}</legend>
        <div class="rp-segments">
          {KINDS.map((k) => (
            <label key={k} class="rp-segment">
              <input
                type="radio"
                name="done-kind"
                value={k}
                checked={kind === k}
                onChange={() => onKind(k)}
              />
              <span>{t(ACTIVITY_LABEL[k])}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div class="rp-actions">
        <button
          ref={confirm}
          type="button"
          class="rp-btn rp-primary"
          data-testid="done-confirm"
          disabled={busy}
          onClick={onDone}
        >
          {t('doneConfirm')}
        </button>
        <button type="button" class="rp-btn" onClick={onCancel}>
          {t('sidebarCancel')}
        </button>
      </div>
    </div>
  );
}
