/**
 * The account page's panels besides the details form: stage with its reason and history, next
 * action, people, decision log and follow-ups. Each writes through one message and re-reads.
 */
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AccountView } from '@/utils/contract/messages';
import type { Activity, Decision, Person } from '@/utils/contract/model';
import {
  type ActivityKind,
  type Stage,
  ACTIVITY_KINDS,
  ATTITUDES,
  ROLES,
  STAGES,
} from '@/utils/contract/enums';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import { today } from '@/utils/shared/dates';
import { safeHref } from '@/utils/shared/links';
import type { Problem } from '@/utils/shared/problem';
import {
  LONG_MAX,
  instantOf,
  personDraftOf,
  personRequest,
  type FieldProblems,
  type PersonDraft,
} from '@/utils/page/account-form';
import {
  ACTIVITY_LABEL,
  ATTITUDE_LABEL,
  ROLE_LABEL,
  STAGE_LABEL,
  STAGE_MEANING,
} from '@/components/labels';
import { dueInfo, formatDay, formatInstant } from '@/components/format';
import { Field, Panel, SelectField, WriteError, useWrite } from './form-bits';
import { attr, focusWhenReady, type OfferUndo } from './undo';
import { OLDER_PAGE, loadActivities } from './activity-pages';

interface SectionProps {
  view: AccountView;
  reload: () => void;
}

/** Focus moves into a form when it opens and back to its opener when it closes. */
function useToggle() {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const was = useRef(false);
  useEffect(() => {
    if (was.current && !open) opener.current?.focus();
    was.current = open;
  }, [open]);
  return { open, show: () => setOpen(true), hide: () => setOpen(false), opener };
}

function autofocus(el: HTMLFormElement | null) {
  el?.querySelector<HTMLElement>('input, textarea, select')?.focus();
}

function FormActions({
  busy,
  submit,
  onCancel,
}: {
  busy: boolean;
  submit: string;
  onCancel?: () => void;
}) {
  return (
    <div class="form-actions">
      <button type="submit" class="btn primary" disabled={busy}>
        {submit}
      </button>
      {onCancel && (
        <button type="button" class="btn" onClick={onCancel}>
          {t('accountsCancel')}
        </button>
      )}
    </div>
  );
}

const escapeCloses = (close: () => void) => (e: KeyboardEvent) => {
  if (e.key === 'Escape') {
    e.preventDefault();
    close();
  }
};

/** A long text cut for a label or a toast: the first 60 characters. */
function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

// ---------------------------------------------------------------------------------------------

export function StagePanel({ view, reload }: SectionProps) {
  const { account, stageChanges } = view;
  const [stage, setStage] = useState<Stage>(account.stage);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useWrite(reload);
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
          void run(() => send('setStage', { id: account.id, stage, reason: reason.trim() })).then(
            (r) => r.ok && setReason(''),
          );
        }}
      >
        <SelectField
          id="stage-new"
          label={t('accountsMoveTo')}
          value={stage}
          options={STAGES.map((s) => ({ value: s, label: t(STAGE_LABEL[s]) }))}
          onChange={setStage}
        />
        <Field
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
      <WriteError error={error} />
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

// ---------------------------------------------------------------------------------------------

export function NextActionPanel({ view, reload }: SectionProps) {
  const { account, people } = view;
  const next = account.nextAction;
  const form = useToggle();
  const [text, setText] = useState('');
  const [due, setDue] = useState('');
  const [personId, setPersonId] = useState('');
  const [problems, setProblems] = useState<FieldProblems<'text' | 'due'>>({});
  const { busy, error, run } = useWrite(reload);

  const open = () => {
    setText(next?.text ?? '');
    setDue(next?.due ?? today());
    setPersonId(next?.personId ?? '');
    setProblems({});
    form.show();
  };
  const save = async () => {
    const p: FieldProblems<'text' | 'due'> = {};
    if (!text.trim()) p.text = { key: 'accountsActionRequired' };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) p.due = { key: 'accountsDateRequired' };
    setProblems(p);
    if (Object.keys(p).length) return;
    const r = await run(() =>
      send('setNextAction', {
        accountId: account.id,
        // Fields this form does not show (such as the thread it came from) are kept.
        nextAction: { ...next, text: text.trim(), due, personId: personId || undefined },
      }),
    );
    if (r.ok) form.hide();
  };
  const who = next?.personId ? people.find((p) => p.id === next.personId) : undefined;
  const info = next ? dueInfo(next.due) : null;

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
        </div>
      ) : (
        <p class="muted">{t('accountsNoNextAction')}</p>
      )}
      {!form.open ? (
        <div class="form-actions">
          <button type="button" class="btn" ref={form.opener} onClick={open}>
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
                  void run(() => send('setNextAction', { accountId: account.id, nextAction: null }))
                }
              >
                {t('accountsClearNextAction')}
              </button>
            </>
          )}
        </div>
      ) : (
        <form
          noValidate
          ref={autofocus}
          class="stack-form"
          aria-label={t('accountsNextActionHeading')}
          onKeyDown={escapeCloses(form.hide)}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Field
            id="next-text"
            label={t('accountsNextActionWhat')}
            value={text}
            onInput={setText}
            maxLength={200}
            problem={problems.text}
            required
          />
          <div class="row-form">
            <Field
              id="next-due"
              label={t('accountsNextActionDue')}
              type="date"
              value={due}
              onInput={setDue}
              problem={problems.due}
              required
            />
            <SelectField
              id="next-person"
              label={t('accountsNextActionWith')}
              value={personId}
              options={[
                { value: '', label: t('accountsNobody') },
                ...people.map((p) => ({ value: p.id, label: p.name })),
              ]}
              onChange={setPersonId}
            />
          </div>
          <FormActions busy={busy} submit={t('accountsSave')} onCancel={form.hide} />
        </form>
      )}
      <WriteError error={error} />
    </Panel>
  );
}

// ---------------------------------------------------------------------------------------------

function PersonForm({
  person,
  accountId,
  onDone,
  reload,
}: {
  person: Person | null;
  accountId: string;
  onDone: () => void;
  reload: () => void;
}) {
  const [draft, setDraft] = useState<PersonDraft>(() => personDraftOf(person));
  const [problems, setProblems] = useState<FieldProblems<keyof PersonDraft>>({});
  const { busy, error, run } = useWrite(reload);
  const set = (patch: Partial<PersonDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const prefix = `person-${person?.id ?? 'new'}`;
  return (
    <form
      noValidate
      ref={autofocus}
      class="stack-form person-form"
      aria-label={person ? t('accountsEditPersonNamed', person.name) : t('accountsAddPerson')}
      onKeyDown={escapeCloses(onDone)}
      onSubmit={(e) => {
        e.preventDefault();
        const r = personRequest(draft, accountId, person?.id);
        if (!r.ok) return setProblems(r.problems);
        setProblems({});
        void run(() => send('upsertPerson', r.request)).then((res) => res.ok && onDone());
      }}
    >
      <div class="row-form">
        <Field
          id={`${prefix}-name`}
          label={t('accountsPersonName')}
          value={draft.name}
          onInput={(name) => set({ name })}
          problem={problems.name}
          maxLength={200}
          required
        />
        <Field
          id={`${prefix}-title`}
          label={t('accountsPersonTitle')}
          value={draft.title}
          onInput={(title) => set({ title })}
          problem={problems.title}
          maxLength={200}
        />
      </div>
      <Field
        id={`${prefix}-emails`}
        label={t('accountsPersonEmails')}
        hint={t('accountsPersonEmailsHint')}
        value={draft.emails}
        onInput={(emails) => set({ emails })}
        problem={problems.emails}
      />
      <div class="row-form">
        <SelectField
          id={`${prefix}-role`}
          label={t('accountsPersonRole')}
          value={draft.role}
          options={ROLES.map((r) => ({ value: r, label: t(ROLE_LABEL[r]) }))}
          onChange={(role) => set({ role })}
        />
        <SelectField
          id={`${prefix}-influence`}
          label={t('accountsPersonInfluence')}
          value={draft.influence}
          options={['1', '2', '3', '4', '5'].map((v) => ({
            value: v,
            label: t('accountsInfluenceOf', v),
          }))}
          onChange={(influence) => set({ influence })}
        />
        <SelectField
          id={`${prefix}-attitude`}
          label={t('accountsPersonAttitude')}
          value={draft.attitude}
          options={ATTITUDES.map((a) => ({ value: a, label: t(ATTITUDE_LABEL[a]) }))}
          onChange={(attitude) => set({ attitude })}
        />
      </div>
      <Field
        id={`${prefix}-notes`}
        label={t('accountsPersonNotes')}
        value={draft.notes}
        onInput={(notes) => set({ notes })}
        problem={problems.notes}
        multiline
        maxLength={LONG_MAX}
      />
      <FormActions busy={busy} submit={t('accountsSave')} onCancel={onDone} />
      <WriteError error={error} />
    </form>
  );
}

function PersonCard({
  person,
  accountId,
  reload,
  offerUndo,
}: {
  person: Person;
  accountId: string;
  reload: () => void;
  offerUndo: OfferUndo;
}) {
  const edit = useToggle();
  const { busy, error, run } = useWrite(reload);
  const remove = async () => {
    const r = await run(() => send('deletePerson', { id: person.id }));
    if (!r.ok) return;
    // The answer is the record as it was: Undo puts back exactly that, same id, so the next
    // action and follow-ups that name this person name them again.
    const removed = r.data;
    offerUndo({
      message: t('accountsPersonRemoved', removed.name),
      accountId: removed.accountId,
      undo: () => send('restorePerson', { person: removed }),
      focusAfterUndo: `${attr('data-person-id', removed.id)} .person-remove`,
      focusAfterClose: ['#people-add', '#people-heading'],
    });
  };
  if (edit.open)
    return (
      <li class="person editing" data-person-id={person.id}>
        <PersonForm person={person} accountId={accountId} onDone={edit.hide} reload={reload} />
      </li>
    );
  return (
    <li class="person" data-person-id={person.id}>
      <div class="person-head">
        <strong>{person.name}</strong>
        {person.title && <span class="muted"> · {person.title}</span>}
        <span class="item-actions">
          <button
            type="button"
            class="btn small"
            ref={edit.opener}
            aria-label={t('accountsEditPersonNamed', person.name)}
            onClick={edit.show}
          >
            {t('accountsEdit')}
          </button>
          <button
            type="button"
            class="btn small quiet-danger person-remove"
            disabled={busy}
            aria-label={t('accountsRemovePersonNamed', person.name)}
            onClick={() => void remove()}
          >
            {t('accountsRemove')}
          </button>
        </span>
      </div>
      <WriteError error={error} />
      <p class="person-meta">
        <span class={`tag role-${person.role}`}>{t(ROLE_LABEL[person.role])}</span>
        <span class="tag">{t('accountsInfluenceOf', person.influence)}</span>
        <span class={`tag attitude-${person.attitude}`}>{t(ATTITUDE_LABEL[person.attitude])}</span>
      </p>
      {person.emails.length > 0 && (
        <p class="person-emails">
          {person.emails.map((e, i) => (
            <Fragment key={e}>
              {i > 0 && ', '}
              <a href={safeHref(`mailto:${e}`)}>{e}</a>
            </Fragment>
          ))}
        </p>
      )}
      {person.notes && <p class="notes">{person.notes}</p>}
    </li>
  );
}

export function PeoplePanel({ view, reload, offerUndo }: SectionProps & { offerUndo: OfferUndo }) {
  const add = useToggle();
  const people = [...view.people].sort(
    (a, b) => b.influence - a.influence || a.name.localeCompare(b.name),
  );
  return (
    <Panel
      id="people"
      title={t('accountsPeopleHeading')}
      count={people.length}
      actions={
        !add.open && (
          <button
            type="button"
            id="people-add"
            class="btn small"
            ref={add.opener}
            onClick={add.show}
          >
            {t('accountsAddPerson')}
          </button>
        )
      }
    >
      {add.open && (
        <PersonForm person={null} accountId={view.account.id} onDone={add.hide} reload={reload} />
      )}
      {people.length === 0 && !add.open && <p class="muted">{t('accountsNoPeople')}</p>}
      {people.length === 1 && <p class="warn">{t('accountsSingleThreaded')}</p>}
      <ul class="people">
        {people.map((p) => (
          <PersonCard
            key={p.id}
            person={p}
            accountId={view.account.id}
            reload={reload}
            offerUndo={offerUndo}
          />
        ))}
      </ul>
    </Panel>
  );
}

// ---------------------------------------------------------------------------------------------

type DecisionDraft = Pick<Decision, 'date' | 'what' | 'why' | 'decidedBy' | 'alternatives'> & {
  sourceUrl: string;
};

export function DecisionsPanel({
  view,
  reload,
  offerUndo,
}: SectionProps & { offerUndo: OfferUndo }) {
  const add = useToggle();
  const blank = (): DecisionDraft => ({
    date: today(),
    what: '',
    why: '',
    decidedBy: '',
    alternatives: '',
    sourceUrl: '',
  });
  const [draft, setDraft] = useState<DecisionDraft>(blank);
  const [problems, setProblems] = useState<Partial<Record<keyof DecisionDraft, Problem>>>({});
  const { busy, error, run } = useWrite(reload);
  const set = (patch: Partial<DecisionDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const removing = useWrite(reload);
  const remove = async (decision: Decision) => {
    const r = await removing.run(() => send('deleteDecision', { id: decision.id }));
    if (!r.ok) return;
    const removed = r.data;
    offerUndo({
      message: t('accountsDecisionRemoved', short(removed.what)),
      accountId: removed.accountId,
      undo: () => send('restoreDecision', { decision: removed }),
      focusAfterUndo: `${attr('data-decision-id', removed.id)} .decision-remove`,
      focusAfterClose: ['#decisions-add', '#decisions-heading'],
    });
  };

  const submit = () => {
    const p: Partial<Record<keyof DecisionDraft, Problem>> = {};
    if (!draft.what.trim()) p.what = { key: 'accountsDecisionRequired' };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date)) p.date = { key: 'accountsDateRequired' };
    const url = draft.sourceUrl.trim();
    if (url && !safeHref(url)?.startsWith('https:')) p.sourceUrl = { key: 'accountsHttpsOnly' };
    setProblems(p);
    if (Object.keys(p).length) return;
    void run(() =>
      send('addDecision', {
        accountId: view.account.id,
        date: draft.date,
        what: draft.what.trim(),
        why: draft.why,
        decidedBy: draft.decidedBy.trim(),
        alternatives: draft.alternatives,
        ...(url ? { sourceUrl: url } : {}),
      }),
    ).then((r) => {
      if (!r.ok) return;
      setDraft(blank());
      add.hide();
    });
  };

  return (
    <Panel
      id="decisions"
      title={t('accountsDecisionsHeading')}
      count={view.decisions.length}
      actions={
        !add.open && (
          <button
            type="button"
            id="decisions-add"
            class="btn small"
            ref={add.opener}
            onClick={add.show}
          >
            {t('accountsAddDecision')}
          </button>
        )
      }
    >
      <p class="hint">{t('accountsDecisionsHint')}</p>
      {add.open && (
        <form
          noValidate
          ref={autofocus}
          class="stack-form"
          aria-label={t('accountsAddDecision')}
          onKeyDown={escapeCloses(add.hide)}
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Field
            id="decision-what"
            label={t('accountsDecisionWhat')}
            value={draft.what}
            onInput={(what) => set({ what })}
            problem={problems.what}
            maxLength={1000}
            required
          />
          <div class="row-form">
            <Field
              id="decision-date"
              label={t('accountsDecisionDate')}
              type="date"
              value={draft.date}
              onInput={(date) => set({ date })}
              problem={problems.date}
              required
            />
            <Field
              id="decision-who"
              label={t('accountsDecisionWho')}
              value={draft.decidedBy}
              onInput={(decidedBy) => set({ decidedBy })}
              maxLength={200}
            />
          </div>
          <Field
            id="decision-why"
            label={t('accountsDecisionWhy')}
            value={draft.why}
            onInput={(why) => set({ why })}
            multiline
            maxLength={LONG_MAX}
          />
          <Field
            id="decision-alternatives"
            label={t('accountsDecisionAlternatives')}
            value={draft.alternatives}
            onInput={(alternatives) => set({ alternatives })}
            multiline
            rows={2}
            maxLength={LONG_MAX}
          />
          <Field
            id="decision-source"
            label={t('accountsDecisionSource')}
            type="url"
            value={draft.sourceUrl}
            onInput={(sourceUrl) => set({ sourceUrl })}
            problem={problems.sourceUrl}
            placeholder="https://"
          />
          <FormActions busy={busy} submit={t('accountsSave')} onCancel={add.hide} />
        </form>
      )}
      <WriteError error={error} />
      <WriteError error={removing.error} />
      {view.decisions.length === 0 && !add.open && <p class="muted">{t('accountsNoDecisions')}</p>}
      <ol class="decisions">
        {view.decisions.map((d) => {
          const href = safeHref(d.sourceUrl);
          return (
            <li key={d.id} data-decision-id={d.id}>
              <div class="item-head">
                <p class="decision-what">
                  <time dateTime={d.date}>{formatDay(d.date)}</time> <strong>{d.what}</strong>
                </p>
                <button
                  type="button"
                  class="btn small quiet-danger decision-remove"
                  disabled={removing.busy}
                  aria-label={t('accountsRemoveDecisionNamed', short(d.what))}
                  onClick={() => void remove(d)}
                >
                  {t('accountsRemove')}
                </button>
              </div>
              {d.decidedBy && <p class="muted">{t('accountsDecidedBy', d.decidedBy)}</p>}
              {d.why && (
                <p>
                  <span class="label">{t('accountsDecisionWhy')}:</span> {d.why}
                </p>
              )}
              {d.alternatives && (
                <p>
                  <span class="label">{t('accountsDecisionAlternatives')}:</span> {d.alternatives}
                </p>
              )}
              {href && (
                <p>
                  <a href={href} target="_blank" rel="noopener noreferrer">
                    {t('accountsDecisionSourceLink')}
                  </a>
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </Panel>
  );
}

// ---------------------------------------------------------------------------------------------

/** RECENT_ACTIVITIES in the background: getAccount carries at most this many follow-ups. */
const RECENT = 10;

function ActivityItem({
  activity: a,
  names,
  reload,
  onDeleted,
}: {
  activity: Activity;
  names: Map<string, string>;
  reload: () => void;
  onDeleted: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useWrite(reload);
  const keep = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const was = useRef(false);
  // The question takes focus on its safe answer; cancelling returns to the Delete button.
  useEffect(() => {
    if (confirming) keep.current?.focus();
    else if (was.current) opener.current?.focus();
    was.current = confirming;
  }, [confirming]);
  const href = safeHref(a.source?.url);
  const who = a.personIds.map((id) => names.get(id)).filter(Boolean);
  const remove = async () => {
    const r = await run(() => send('deleteActivity', { id: a.id }));
    if (r.ok) onDeleted();
  };
  return (
    <li data-activity-id={a.id} tabIndex={-1}>
      <div class="item-head">
        <p>
          <span class="tag">{t(ACTIVITY_LABEL[a.kind])}</span>{' '}
          <time dateTime={new Date(a.at).toISOString()}>{formatInstant(a.at)}</time>{' '}
          <strong>{a.summary}</strong>
          {who.length > 0 && <span class="muted"> · {who.join(', ')}</span>}
        </p>
        {!confirming && (
          <button
            type="button"
            class="btn small quiet-danger"
            ref={opener}
            aria-label={t('accountsDeleteActivityNamed', short(a.summary))}
            onClick={() => setConfirming(true)}
          >
            {t('accountsDeleteActivity')}
          </button>
        )}
      </div>
      {a.outcome && <p class="outcome">{a.outcome}</p>}
      {href && (
        <p>
          <a href={href} target="_blank" rel="noopener noreferrer">
            {a.source?.subject || t('accountsOpenThread')}
          </a>
        </p>
      )}
      {confirming && (
        // A deleted follow-up cannot be brought back (deleteActivity is final), so it is asked
        // first rather than offered an Undo.
        <div
          class="confirm"
          role="group"
          aria-labelledby={`confirm-${a.id}`}
          onKeyDown={escapeCloses(() => setConfirming(false))}
        >
          <p id={`confirm-${a.id}`}>{t('accountsDeleteActivityConfirm')}</p>
          <div class="form-actions">
            <button type="button" class="btn danger" disabled={busy} onClick={() => void remove()}>
              {t('accountsDeleteActivityYes')}
            </button>
            <button type="button" class="btn" ref={keep} onClick={() => setConfirming(false)}>
              {t('accountsKeep')}
            </button>
          </div>
        </div>
      )}
      <WriteError error={error} />
    </li>
  );
}

export function ActivitiesPanel({ view, reload }: SectionProps) {
  const add = useToggle();
  const [kind, setKind] = useState<ActivityKind>('call');
  const [day, setDay] = useState(today());
  const [summary, setSummary] = useState('');
  const [outcome, setOutcome] = useState('');
  const [personIds, setPersonIds] = useState<string[]>([]);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const { busy, error, run } = useWrite(reload);
  const names = new Map(view.people.map((p) => [p.id, p.name]));
  const people = [...view.people].sort(
    (a, b) => b.influence - a.influence || a.name.localeCompare(b.name),
  );

  // Older follow-ups: `want` is how many the user asked to see (0: only what getAccount gave).
  const [want, setWant] = useState(0);
  const [older, setOlder] = useState<{ activities: Activity[]; end: boolean } | null>(null);
  const [paging, setPaging] = useState(false);
  const [pageError, setPageError] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const sequence = useRef(0);
  /** After "Show older": the index of the first new follow-up, which then takes focus. */
  const focusFrom = useRef<number | null>(null);
  const noOlder = useRef<HTMLParagraphElement>(null);
  const list = want > 0 && older ? older.activities : view.activities;
  const more = want > 0 && older ? !older.end : view.activities.length >= RECENT;

  const fetchUpTo = async (count: number, start: readonly Activity[]) => {
    const mine = ++sequence.current;
    setPaging(true);
    const r = await loadActivities(
      (req) => send('listActivities', req),
      view.account.id,
      count,
      start,
    );
    if (mine !== sequence.current) return;
    setPaging(false);
    if (!r.ok) return setPageError(r.error);
    setPageError(null);
    setOlder(r.data);
  };
  // The account was read again (a write here or elsewhere): read the longer list again too, so
  // it matches the newest follow-ups with none missed or left over between them.
  useEffect(() => {
    if (want > 0) void fetchUpTo(want, []);
  }, [view]);

  const showOlder = () => {
    focusFrom.current = list.length;
    setSaid('');
    const next = list.length + OLDER_PAGE;
    setWant(next);
    void fetchUpTo(next, list);
  };
  useEffect(() => {
    const from = focusFrom.current;
    if (from === null || paging) return;
    focusFrom.current = null;
    if (list.length > from) {
      document.querySelector<HTMLElement>(attr('data-activity-id', list[from]!.id))?.focus();
      setSaid(t('accountsActivitiesShown', list.length));
    } else {
      setSaid(t('accountsNoOlder'));
      noOlder.current?.focus();
    }
  }, [paging, list]);

  const submit = () => {
    if (!summary.trim()) return setProblem({ key: 'accountsSummaryRequired' });
    setProblem(undefined);
    void run(() =>
      send('logActivity', {
        activity: {
          accountId: view.account.id,
          // Only people still on the account: one may have been removed while the form was open.
          personIds: personIds.filter((id) => names.has(id)),
          kind,
          at: instantOf(day),
          summary: summary.trim(),
          outcome,
        },
        // This form records past follow-ups; the next action has its own section above.
        next: { choice: 'keep' },
      }),
    ).then((r) => {
      if (!r.ok) return;
      setSummary('');
      setOutcome('');
      setPersonIds([]);
      add.hide();
    });
  };

  return (
    <Panel
      id="activities"
      title={t('accountsActivitiesHeading')}
      actions={
        !add.open && (
          <button
            type="button"
            id="activities-log"
            class="btn small"
            ref={add.opener}
            onClick={add.show}
          >
            {t('accountsLogFollowUp')}
          </button>
        )
      }
    >
      {add.open && (
        <form
          noValidate
          ref={autofocus}
          class="stack-form"
          aria-label={t('accountsLogFollowUp')}
          onKeyDown={escapeCloses(add.hide)}
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <div class="row-form">
            <SelectField
              id="activity-kind"
              label={t('accountsActivityKind')}
              value={kind}
              options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(ACTIVITY_LABEL[k]) }))}
              onChange={setKind}
            />
            <Field
              id="activity-day"
              label={t('accountsActivityDay')}
              type="date"
              value={day}
              onInput={setDay}
              required
            />
          </div>
          <Field
            id="activity-summary"
            label={t('accountsActivitySummary')}
            value={summary}
            onInput={setSummary}
            problem={problem}
            maxLength={1000}
            required
          />
          {people.length > 0 && (
            <fieldset class="pick-people">
              <legend>{t('accountsActivityPeople')}</legend>
              {people.map((p) => (
                <label key={p.id} class="check">
                  <input
                    type="checkbox"
                    value={p.id}
                    checked={personIds.includes(p.id)}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setPersonIds((ids) =>
                        on ? [...ids, p.id] : ids.filter((id) => id !== p.id),
                      );
                    }}
                  />
                  {p.name}
                  {p.title && <span class="muted"> · {p.title}</span>}
                </label>
              ))}
            </fieldset>
          )}
          <Field
            id="activity-outcome"
            label={t('accountsActivityOutcome')}
            value={outcome}
            onInput={setOutcome}
            multiline
            rows={2}
            maxLength={LONG_MAX}
          />
          <FormActions busy={busy} submit={t('accountsSave')} onCancel={add.hide} />
        </form>
      )}
      <WriteError error={error} />
      {list.length === 0 ? (
        !add.open && <p class="muted">{t('accountsNoActivities')}</p>
      ) : (
        <ol class="activities">
          {list.map((a) => (
            <ActivityItem
              key={a.id}
              activity={a}
              names={names}
              reload={reload}
              onDeleted={() => {
                setSaid(t('accountsActivityDeleted'));
                focusWhenReady(['#activities-log', '#activities-heading']);
              }}
            />
          ))}
        </ol>
      )}
      {pageError && (
        <p class="write-error" role="alert">
          {t('accountsOlderFailed', pageError)}
        </p>
      )}
      {more && (
        <div class="form-actions">
          <button
            type="button"
            class="btn"
            data-testid="show-older"
            disabled={paging}
            onClick={showOlder}
          >
            {t('accountsShowOlder')}
          </button>
        </div>
      )}
      <p class="hint" role="status" ref={noOlder} tabIndex={-1}>
        {said}
      </p>
    </Panel>
  );
}
