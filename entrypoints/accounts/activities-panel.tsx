/**
 * The account page's follow-ups: the latest ones, older ones a page at a time, and each taken back
 * with Undo.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Activity } from '@/utils/contract/model';
import { type ActivityKind, ACTIVITY_KINDS } from '@/utils/contract/enums';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import { today } from '@/utils/shared/dates';
import { safeHref } from '@/utils/shared/links';
import type { Problem } from '@/utils/shared/problem';
import { LONG_MAX, instantOf } from '@/utils/page/account-form';
import { ACTIVITY_LABEL } from '@/components/labels';
import { formatInstant, short } from '@/components/format';
import { OpenFormButton, Panel, PanelForm, SelectField, TextField } from '@/components/form-fields';
import { ErrorNote, FormActions, useInline, useWrite, escapeCloses } from '@/components/ui';
import type { SectionProps } from './section';
import { attr, focusWhenReady } from './undo';
import { OLDER_PAGE, loadActivities } from './activity-pages';

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
      <ErrorNote error={error} />
    </li>
  );
}

export function ActivitiesPanel({ view, reload }: SectionProps) {
  const add = useInline();
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
      add.close();
    });
  };

  return (
    <Panel
      id="activities"
      title={t('accountsActivitiesHeading')}
      actions={<OpenFormButton id="activities-log" label={t('accountsLogFollowUp')} form={add} />}
    >
      {add.open && (
        <PanelForm label={t('accountsLogFollowUp')} onClose={add.close} onSubmit={submit}>
          <div class="row-form">
            <SelectField
              id="activity-kind"
              label={t('accountsActivityKind')}
              value={kind}
              options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(ACTIVITY_LABEL[k]) }))}
              onChange={setKind}
            />
            <TextField
              id="activity-day"
              label={t('accountsActivityDay')}
              type="date"
              value={day}
              onInput={setDay}
              required
            />
          </div>
          <TextField
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
          <TextField
            id="activity-outcome"
            label={t('accountsActivityOutcome')}
            value={outcome}
            onInput={setOutcome}
            multiline
            rows={2}
            maxLength={LONG_MAX}
          />
          <FormActions busy={busy} submit={t('accountsSave')} onCancel={add.close} />
        </PanelForm>
      )}
      <ErrorNote error={error} />
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
