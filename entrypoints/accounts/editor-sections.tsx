/**
 * The account page's panels besides the details form: stage with its reason and history, next
 * action, people, decision log and follow-ups. Each writes through one message and re-reads.
 */
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AccountView } from '@/utils/messages';
import type { ActivityKind, Decision, Person, Stage } from '@/utils/model';
import { ACTIVITY_KINDS, ATTITUDES, ROLES, STAGES } from '@/utils/model';
import { send } from '@/utils/send';
import { t } from '@/utils/i18n';
import { today } from '@/utils/dates';
import { safeHref } from '@/utils/links';
import type { Problem } from '@/utils/problem';
import {
  LONG_MAX,
  instantOf,
  personDraftOf,
  personRequest,
  type FieldProblems,
  type PersonDraft,
} from '@/utils/account-form';
import {
  ACTIVITY_LABEL,
  ATTITUDE_LABEL,
  ROLE_LABEL,
  STAGE_LABEL,
  STAGE_MEANING,
} from '@/components/labels';
import { dueInfo, formatDay, formatInstant } from '@/components/format';
import { Field, Panel, SelectField, WriteError, useWrite } from './form-bits';

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
}: {
  person: Person;
  accountId: string;
  reload: () => void;
}) {
  const edit = useToggle();
  if (edit.open)
    return (
      <li class="person editing">
        <PersonForm person={person} accountId={accountId} onDone={edit.hide} reload={reload} />
      </li>
    );
  return (
    <li class="person">
      <div class="person-head">
        <strong>{person.name}</strong>
        {person.title && <span class="muted"> · {person.title}</span>}
        <button
          type="button"
          class="btn small"
          ref={edit.opener}
          aria-label={t('accountsEditPersonNamed', person.name)}
          onClick={edit.show}
        >
          {t('accountsEdit')}
        </button>
      </div>
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

export function PeoplePanel({ view, reload }: SectionProps) {
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
          <button type="button" class="btn small" ref={add.opener} onClick={add.show}>
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
          <PersonCard key={p.id} person={p} accountId={view.account.id} reload={reload} />
        ))}
      </ul>
    </Panel>
  );
}

// ---------------------------------------------------------------------------------------------

type DecisionDraft = Pick<Decision, 'date' | 'what' | 'why' | 'decidedBy' | 'alternatives'> & {
  sourceUrl: string;
};

export function DecisionsPanel({ view, reload }: SectionProps) {
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
          <button type="button" class="btn small" ref={add.opener} onClick={add.show}>
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
      {view.decisions.length === 0 && !add.open && <p class="muted">{t('accountsNoDecisions')}</p>}
      <ol class="decisions">
        {view.decisions.map((d) => {
          const href = safeHref(d.sourceUrl);
          return (
            <li key={d.id}>
              <p class="decision-what">
                <time dateTime={d.date}>{formatDay(d.date)}</time> <strong>{d.what}</strong>
              </p>
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

export function ActivitiesPanel({ view, reload }: SectionProps) {
  const add = useToggle();
  const [kind, setKind] = useState<ActivityKind>('call');
  const [day, setDay] = useState(today());
  const [summary, setSummary] = useState('');
  const [outcome, setOutcome] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const { busy, error, run } = useWrite(reload);
  const names = new Map(view.people.map((p) => [p.id, p.name]));

  const submit = () => {
    if (!summary.trim()) return setProblem({ key: 'accountsSummaryRequired' });
    setProblem(undefined);
    void run(() =>
      send('logActivity', {
        activity: {
          accountId: view.account.id,
          personIds: [],
          kind,
          at: instantOf(day),
          summary: summary.trim(),
          outcome,
        },
      }),
    ).then((r) => {
      if (!r.ok) return;
      setSummary('');
      setOutcome('');
      add.hide();
    });
  };

  return (
    <Panel
      id="activities"
      title={t('accountsActivitiesHeading')}
      actions={
        !add.open && (
          <button type="button" class="btn small" ref={add.opener} onClick={add.show}>
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
      {view.activities.length === 0 ? (
        !add.open && <p class="muted">{t('accountsNoActivities')}</p>
      ) : (
        <ol class="activities">
          {view.activities.map((a) => {
            const href = safeHref(a.source?.url);
            const who = a.personIds.map((id) => names.get(id)).filter(Boolean);
            return (
              <li key={a.id}>
                <p>
                  <span class="tag">{t(ACTIVITY_LABEL[a.kind])}</span>{' '}
                  <time dateTime={new Date(a.at).toISOString()}>{formatInstant(a.at)}</time>{' '}
                  <strong>{a.summary}</strong>
                  {who.length > 0 && <span class="muted"> · {who.join(', ')}</span>}
                </p>
                {a.outcome && <p class="outcome">{a.outcome}</p>}
                {href && (
                  <p>
                    <a href={href} target="_blank" rel="noopener noreferrer">
                      {a.source?.subject || t('accountsOpenThread')}
                    </a>
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {view.activities.length >= 10 && (
        <p class="hint">{t('accountsRecentOnly', view.activities.length)}</p>
      )}
    </Panel>
  );
}
