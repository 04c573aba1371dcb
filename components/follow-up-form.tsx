/**
 * The follow-up form: what happened with the account (kind, summary, people, when, outcome) and
 * what comes next. It is compact and valid as prefilled, so the log-follow-up shortcut and then
 * Enter log the open email in one go. Mode "next" is the next-action editor alone: the same
 * fields, presets, checks and confirm step, written with setNextAction.
 *
 * Enter saves from any field but the outcome (a textarea: Ctrl/Cmd+Enter there); Escape closes.
 * Nothing is sent until every check in utils/page/follow-up.ts passes; a past due day asks first.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Account, ActivitySource, Person } from '@/utils/contract/model';
import type { ActivityKind, Stage } from '@/utils/contract/enums';
import { daysBetween, today, type IsoDate } from '@/utils/shared/dates';
import {
  checkFollowUp,
  checkNext,
  dueFromPreset,
  DUE_PRESETS,
  type DuePreset,
  type FollowUpErrors,
} from '@/utils/page/follow-up';
import { t, type MessageKey } from '@/utils/shared/i18n';
import { formatDay } from './format';
import { ACTIVITY_LABEL } from './labels';
import type { Cadence, Send, Undo } from './sidebar-types';
import { ErrorNote, Field, InlineForm, useWrite } from './ui';

const KINDS = Object.keys(ACTIVITY_LABEL) as ActivityKind[];

const PRESET_LABEL: Record<DuePreset, MessageKey> = {
  tomorrow: 'presetTomorrow',
  in3: 'presetIn3',
  week: 'presetWeek',
  cadence: 'presetCadence',
};

/** The due day of each preset for one account, counted from today. */
export const presetsFor =
  (account: { stage: Stage; cadenceDays?: number | null }, cadence?: Cadence) =>
  (preset: DuePreset) =>
    dueFromPreset(preset, today(), account.stage, account.cadenceDays ?? null, cadence);

interface PresetsProps {
  label: string;
  presets: readonly DuePreset[];
  dueOf: (preset: DuePreset) => IsoDate;
  /** The due day chosen now: its preset shows pressed. Absent for one-shot actions (snooze). */
  current?: string;
  onPick: (due: IsoDate) => void;
}

/** A row of quick due days; each says what it means, and its date shows on hover. */
export function Presets({ label, presets, dueOf, current, onPick }: PresetsProps) {
  return (
    <div class="rp-chips" role="group" aria-label={label}>
      {presets.map((p) => {
        const due = dueOf(p);
        return (
          <button
            key={p}
            type="button"
            class="rp-btn rp-small"
            data-preset={p}
            title={formatDay(due)}
            aria-pressed={current === undefined ? undefined : current === due}
            onClick={() => onPick(due)}
          >
            {t(PRESET_LABEL[p], daysBetween(today(), due))}
          </button>
        );
      })}
    </div>
  );
}

const Problem = ({ k }: { k?: MessageKey }) =>
  k ? (
    <p class="rp-error" role="alert">
      {t(k)}
    </p>
  ) : null;

export interface FollowUpFormProps {
  account: Account;
  /** 'log' (the default): a follow-up, and maybe a new next action; 'next': the next action alone. */
  mode?: 'log' | 'next';
  people?: Person[];
  /** Addresses on the open thread that belong to this account: those people are preselected. */
  threadEmails?: string[];
  /** The open thread: the follow-up links back to it, and the next action's reminder opens it. */
  source?: ActivitySource;
  /** What happened, when there is no thread subject to start from. */
  summary?: string;
  /** Ask for a new next action (after Done): empty text, due per cadence. */
  fresh?: boolean;
  cadence?: Cadence;
  send: Send;
  reload: () => void;
  /** Saved: the form may close. A logged follow-up comes with its undo. */
  onSaved: (undo?: Undo) => void;
  onClose: () => void;
}

export function FollowUpForm(props: FollowUpFormProps) {
  const { account, mode = 'log', people = [], source, send } = props;
  const log = mode === 'log';
  const prev = account.nextAction;
  const keep = props.fresh ? null : prev;
  const dueOf = presetsFor(account, props.cadence);
  const onThread = new Set(props.threadEmails?.map((e) => e.toLowerCase()));
  // Fields are read when saving (uncontrolled: less code in the content script); only the due
  // day is state, because the presets show which one is chosen.
  // Logging moves the rhythm on: the next touch is due one cadence from today.
  const [due, setDue] = useState(() => (keep && !log ? keep.due : dueOf('cadence')));
  const dueSet = useRef(!log);
  const [errors, setErrors] = useState<FollowUpErrors>({});
  const [confirm, setConfirm] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const anyway = useRef<HTMLButtonElement>(null);
  const { busy, error, run } = useWrite(props.reload);

  useEffect(() => {
    if (confirm) anyway.current?.focus();
  }, [confirm]);

  const pickDue = (value: string) => {
    setDue(value);
    dueSet.current = true;
    setConfirm(false);
  };

  const save = async (sure = false) => {
    if (busy) return;
    const form = new FormData(box.current!.closest('form')!);
    const get = (name: string) => String(form.get(name) ?? '').trim();
    const day = today();
    const summary = get('summary');
    const c = log
      ? checkFollowUp({ summary, nextText: get('next'), due, dueSet: dueSet.current }, day)
      : checkNext(get('next'), due, false, day);
    if (!log && !c.next) c.errors.next ??= 'followUpErrorNextRequired';
    setErrors(c.errors);
    if (Object.keys(c.errors).length) return setConfirm(false);
    if (c.pastDue && !sure) return setConfirm(true);

    // Same text: the same action moved, so who it is with stays; from a thread, it opens the thread.
    const next = c.next && {
      ...(prev?.text === c.next.text ? prev : {}),
      ...c.next,
      ...(source ? { sourceUrl: source.url } : {}),
    };
    let undo: Undo | undefined;
    const ok = await run(async () => {
      if (!log) return send('setNextAction', { accountId: account.id, nextAction: next! });
      const outcome = get('outcome');
      const r = await send('logActivity', {
        activity: {
          accountId: account.id,
          personIds: form.getAll('person').map(String),
          kind: get('kind') as ActivityKind,
          // Logged as it happens: now.
          at: Date.now(),
          summary,
          ...(outcome ? { outcome } : {}),
          ...(source ? { source } : {}),
        },
        ...(next ? { nextAction: next } : {}),
      });
      if (r.ok) {
        undo = { message: 'toastLogged', accountId: account.id, activityId: r.data.activity.id };
        if (next) undo.previous = prev;
      }
      return r;
    });
    if (ok) props.onSaved(undo);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const el = e.target as HTMLElement;
    if (e.key !== 'Enter' || e.isComposing || el.tagName === 'BUTTON') return;
    // A new line in the outcome; Ctrl/Cmd+Enter saves from there too.
    if (el.tagName === 'TEXTAREA' && !e.ctrlKey && !e.metaKey) return;
    e.preventDefault();
    void save();
  };

  return (
    <InlineForm
      label={t(log ? 'sidebarLogFollowUp' : 'sidebarNextAction')}
      submitLabel={t('sidebarSave')}
      busy={busy}
      onSubmit={() => void save()}
      onCancel={props.onClose}
    >
      <div
        ref={box}
        class="rp-fu"
        data-testid={log ? 'follow-up' : 'next-form'}
        onKeyDown={onKeyDown}
      >
        {log && (
          <>
            <Field label={t('followUpSummary')}>
              <input
                class="rp-input"
                name="summary"
                maxLength={1000}
                defaultValue={source?.subject ?? props.summary ?? ''}
                aria-invalid={!!errors.summary}
              />
            </Field>
            <Problem k={errors.summary} />
            <Field label={t('followUpKind')}>
              <select class="rp-select" name="kind">
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(ACTIVITY_LABEL[k])}
                  </option>
                ))}
              </select>
            </Field>
            {people.length > 0 && (
              <fieldset class="rp-with">
                <legend class="rp-field-label">{t('followUpWith')}</legend>
                {people.map((p) => (
                  <label key={p.id} class="rp-check">
                    <input
                      type="checkbox"
                      name="person"
                      value={p.id}
                      defaultChecked={p.emails.some((e) => onThread.has(e.toLowerCase()))}
                    />
                    {p.name}
                  </label>
                ))}
              </fieldset>
            )}
            {source && (
              <p class="rp-muted rp-ellipsis" title={source.subject}>
                {t('followUpThread', source.subject ?? '')}
              </p>
            )}
            <Field label={t('followUpOutcome')}>
              <textarea class="rp-input" name="outcome" rows={2} maxLength={20000} />
            </Field>
          </>
        )}
        <Field label={t('sidebarNextAction')}>
          <input
            class="rp-input"
            name="next"
            maxLength={200}
            defaultValue={keep?.text ?? ''}
            placeholder={t(log && !prev ? 'followUpNextHint' : 'sidebarNextActionPlaceholder')}
            aria-invalid={!!errors.next}
          />
        </Field>
        <Problem k={errors.next} />
        <Field label={t('sidebarNextActionDue')}>
          <input
            class="rp-input"
            type="date"
            name="due"
            value={due}
            aria-invalid={!!errors.due}
            onInput={(e) => {
              const field = e.currentTarget as HTMLInputElement;
              // A half-typed date reads as "" with badInput set: keep it as "not a date".
              pickDue(field.validity?.badInput ? '?' : field.value);
            }}
          />
        </Field>
        <Presets
          label={t('sidebarDuePresets')}
          presets={DUE_PRESETS}
          dueOf={dueOf}
          current={due}
          onPick={pickDue}
        />
        <Problem k={errors.due} />
        {confirm && (
          <div class="rp-warn" role="alert" data-testid="past-due">
            {t('followUpPastDue', formatDay(due))}{' '}
            <button
              ref={anyway}
              type="button"
              class="rp-btn rp-small"
              onClick={() => void save(true)}
            >
              {t('followUpSaveAnyway')}
            </button>
          </div>
        )}
        <ErrorNote error={error} />
      </div>
    </InlineForm>
  );
}
