/**
 * The follow-up form: what happened with the account (kind, summary, people, outcome) and what
 * becomes of its open next action: Done, Keep (the default) or Replace with a new one. It is
 * compact and valid as prefilled, so the log-follow-up shortcut and then Enter log the open email
 * in one go, and leave the next action exactly as it was. Mode "next" is the next-action editor
 * alone: the same due picker, checks and confirm step, written with setNextAction.
 *
 * Enter saves from any field but the outcome (a textarea: Ctrl/Cmd+Enter there); Escape closes.
 * Nothing is sent until every check in utils/shared/follow-up.ts passes; a past due day asks first.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type {
  Account,
  ActivitySource,
  NextAction,
  Objective,
  Person,
} from '@/utils/contract/model';
import type { ActivityKind } from '@/utils/contract/enums';
import type { NextChoice } from '@/utils/contract/messages';
import { today } from '@/utils/shared/dates';
import {
  checkFollowUp,
  checkNext,
  DUE_PRESETS,
  settleNextChoice,
  type Choice,
  type FollowUpErrors,
} from '@/utils/shared/follow-up';
import { t, type MessageKey } from '@/utils/shared/i18n';
import type { FieldConflict } from '@/utils/shared/field-merge';
import { ConflictNotice } from './conflict-notice';
import { DueField, dueError, Presets, presetsFor, WeekdayPick } from './due-picker';
import { formatDay, formatTyped, parseTyped } from './format';
import { ACTIVITY_LABEL } from './labels';
import { NextChoiceField } from './next-choice';
import { ObjectivePick } from './objective-pick';
import type { Cadence, Send, Undo } from './sidebar-types';
import { ErrorNote, Field, InlineForm, useWrite } from './ui';

const KINDS = Object.keys(ACTIVITY_LABEL) as ActivityKind[];

/** A write refused because the next action changed since the form read it, and its answer. */
interface Pending {
  conflicts: FieldConflict[];
  again: (pick: 'mine' | 'theirs') => Promise<void> | void;
}

const Problem = ({ k, text }: { k?: MessageKey; text?: string }) =>
  k ? (
    <p class="rp-error" role="alert">
      {text ?? t(k)}
    </p>
  ) : null;

export interface FollowUpFormProps {
  account: Account;
  /** 'log' (the default): a follow-up, and what becomes of the next action; 'next': the next action alone. */
  mode?: 'log' | 'next';
  people?: Person[];
  /** The account plan's objectives: the next-action editor offers to link one. */
  objectives?: Objective[];
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
  // The next-action editor offers who the action is with when it is given the account's people.
  const choosesWith = !log && people.length > 0;
  const objectives = log ? [] : (props.objectives ?? []);
  // The next action as the form read it when it opened: what the write is based on, even when
  // another tab changes it while the form is open (the write then answers a conflict). Fresh
  // (after Done) there is none, even if the account here was read before it was completed.
  const [prev] = useState(() => (props.fresh ? null : account.nextAction));
  const keep = props.fresh ? null : prev;
  const [conflict, setConflict] = useState<Pending | null>(null);
  const dueOf = presetsFor(account, props.cadence);
  const onThread = new Set(props.threadEmails?.map((e) => e.toLowerCase()));
  // Most fields are read when saving; the next action's text, its due day and the choice are
  // state, because they decide what the form shows.
  const [choice, setChoice] = useState<Choice>('keep');
  const [nextText, setNextText] = useState(() => (log ? '' : (keep?.text ?? '')));
  // A new next action is due one cadence from today; the editor starts from the current day.
  const [dueText, setDueText] = useState(() =>
    formatTyped(keep && !log ? keep.due : dueOf('cadence')),
  );
  // Replace chosen by typing (not by a click) goes back to Keep when the text is cleared.
  const typedReplace = useRef(false);
  const [errors, setErrors] = useState<FollowUpErrors>({});
  const [confirm, setConfirm] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const nextField = useRef<HTMLInputElement>(null);
  const anyway = useRef<HTMLButtonElement>(null);
  const { busy, error, run, clearError } = useWrite(props.reload);
  const parsed = parseTyped(dueText);
  const due = parsed.ok ? parsed.day : '';

  useEffect(() => {
    if (confirm) anyway.current?.focus();
  }, [confirm]);

  const pickDue = (day: string) => {
    setDueText(formatTyped(day));
    setConfirm(false);
  };
  const typeNext = (value: string) => {
    setNextText(value);
    if (!log || !prev) return;
    if (value.trim() && choice === 'keep') {
      setChoice('replace');
      typedReplace.current = true;
    } else if (!value.trim() && choice === 'replace' && typedReplace.current) {
      setChoice('keep');
    }
  };
  const choose = (value: Choice) => {
    setChoice(value);
    typedReplace.current = false;
    setErrors((e) => ({ ...e, next: undefined, due: undefined }));
    // Keep means nothing new: what was typed for a new action would be ignored, so it goes.
    if (value === 'keep') setNextText('');
    if (value === 'replace') nextField.current?.focus();
  };

  const save = async (sure = false) => {
    if (busy) return;
    const form = new FormData(box.current!.closest('form')!);
    const get = (name: string) => String(form.get(name) ?? '').trim();
    const day = today();
    const summary = get('summary');
    // With no next action there is nothing to keep or finish: words typed set a new one.
    const picked: Choice = prev ? choice : nextText.trim() ? 'replace' : 'keep';
    const c = log
      ? checkFollowUp({ summary, choice: picked, nextText, due }, day)
      : checkNext(nextText, due, day);
    setErrors(c.errors);
    if (Object.keys(c.errors).length) return setConfirm(false);
    if (c.pastDue && !sure) return setConfirm(true);

    // Same text: the same action moved, so who it is with stays; from a thread, it opens the thread.
    const next = c.next && {
      ...(prev?.text === c.next.text ? prev : {}),
      ...c.next,
      ...(source ? { sourceUrl: source.url } : {}),
      // The editor with a "With" choice (the accounts page) says who, or nobody.
      ...(choosesWith ? { personId: get('with') || undefined } : {}),
      // The objective it serves, when the form offered the choice (the select is then present).
      ...(form.has('objective') ? { objectiveId: get('objective') || undefined } : {}),
    };
    const nextChoice: NextChoice =
      picked === 'keep'
        ? { choice: 'keep' }
        : picked === 'done'
          ? { choice: 'done', seen: prev!, ...(next ? { then: next } : {}) }
          : { choice: 'replace', seen: prev, nextAction: next! };
    const activity = {
      accountId: account.id,
      personIds: form.getAll('person').map(String),
      kind: get('kind') as ActivityKind,
      // Logged as it happens: now.
      at: Date.now(),
      summary,
      ...(get('outcome') ? { outcome: get('outcome') } : {}),
      ...(source ? { source } : {}),
    };
    /**
     * Sends the write made against `base`, the next action as this form read it. Changed since
     * (another tab, the popup), the answer is a conflict: the form stays open with both values,
     * and the user's choice is sent again against what is there now.
     */
    const attempt = async (choiceNow: NextChoice, base: NextAction | null): Promise<void> => {
      let undo: Undo | undefined;
      const r = await run(async () => {
        if (!log) return send('setNextAction', { accountId: account.id, nextAction: next!, base });
        const r = await send('logActivity', { activity, next: choiceNow });
        if (r.ok) {
          undo = {
            message: picked === 'done' ? 'toastLoggedDone' : 'toastLogged',
            accountId: account.id,
            activityId: r.data.activity.id,
          };
          if (choiceNow.choice !== 'keep') {
            undo.previous = choiceNow.seen;
            undo.current = r.data.account.nextAction;
          }
        }
        return r;
      });
      if (r.ok) return props.onSaved(undo);
      if (r.code !== 'conflict' || !r.conflicts?.length) return;
      clearError();
      const theirs = (r.conflicts[0]!.theirs ?? null) as NextAction | null;
      setConflict({
        conflicts: r.conflicts,
        again: (pick) =>
          log
            ? attempt(settleNextChoice(choiceNow, theirs, pick), base)
            : pick === 'mine'
              ? attempt(choiceNow, theirs)
              : props.onClose(),
      });
    };
    setConflict(null);
    await attempt(nextChoice, prev);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const el = e.target as HTMLElement;
    if (e.key !== 'Enter' || e.isComposing || el.tagName === 'BUTTON') return;
    // A new line in the outcome; Ctrl/Cmd+Enter saves from there too.
    if (el.tagName === 'TEXTAREA' && !e.ctrlKey && !e.metaKey) return;
    e.preventDefault();
    void save();
  };

  // The due day matters only when there is a new next action to date.
  const dating = !log || choice === 'replace' || nextText.trim() !== '';
  const nextLabel: MessageKey =
    !log || !prev
      ? 'sidebarNextAction'
      : choice === 'done'
        ? 'followUpThenNext'
        : 'followUpNewNext';

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
            {prev && <NextChoiceField current={prev} choice={choice} onChoose={choose} />}
          </>
        )}
        <Field label={t(nextLabel)}>
          <input
            ref={nextField}
            class="rp-input"
            name="next"
            maxLength={200}
            value={nextText}
            placeholder={t(log && !prev ? 'followUpNextHint' : 'sidebarNextActionPlaceholder')}
            aria-invalid={!!errors.next}
            onInput={(e) => typeNext(e.currentTarget.value)}
          />
        </Field>
        <Problem k={errors.next} />
        {choosesWith && (
          <Field label={t('nextActionWith')}>
            {/* `selected` on the option: a select ignores defaultValue, and would lose who. */}
            <select class="rp-select" name="with">
              <option value="">{t('nextActionNobody')}</option>
              {people.map((p) => (
                <option key={p.id} value={p.id} selected={p.id === keep?.personId}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <ObjectivePick objectives={objectives} current={keep?.objectiveId} />
        {dating && (
          <>
            <DueField
              label={t('sidebarNextActionDue')}
              text={dueText}
              invalid={!!errors.due}
              onText={(value) => {
                setDueText(value);
                setConfirm(false);
              }}
            />
            <Problem k={errors.due} text={dueError()} />
            <Presets
              label={t('sidebarDuePresets')}
              presets={DUE_PRESETS}
              dueOf={dueOf}
              current={due}
              onPick={pickDue}
            />
            <WeekdayPick current={due} onPick={pickDue} />
          </>
        )}
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
        {conflict && (
          <ConflictNotice
            conflicts={conflict.conflicts}
            busy={busy}
            onChoose={(pick) => {
              setConflict(null);
              void conflict.again(pick);
            }}
          />
        )}
        <ErrorNote error={error} />
      </div>
    </InlineForm>
  );
}

/** The next-action editor alone, as the sidebar and the accounts page show it. */
export function NextActionEditor(
  props: Omit<FollowUpFormProps, 'mode' | 'onSaved' | 'onClose'> & { onDone: () => void },
) {
  const { onDone, ...rest } = props;
  return <FollowUpForm {...rest} mode="next" onSaved={onDone} onClose={onDone} />;
}
