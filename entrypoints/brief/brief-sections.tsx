/**
 * The brief's sections, worded in the UI language. Every section is always there, with a plain
 * sentence when it is empty, so that a printout says "nothing" rather than leaving it unsaid.
 */
import { isolate, isolatedList } from '@/utils/shared/bidi-text';
import type { ComponentChildren } from 'preact';
import type { ObjectiveStatus } from '@/utils/contract/enums';
import { formatDayIn, today as dayOfInstant } from '@/utils/shared/dates';
import { t, uiLocale, type MessageKey } from '@/utils/shared/i18n';
import {
  DECISION_DAYS,
  type BriefAttendee,
  type BriefLastMeeting,
  type BriefOpportunity,
  type MeetingBrief,
} from '@/utils/shared/meeting-brief';
import { ATTITUDE_LABEL, ROLE_LABEL } from '@/components/labels';

const STATUS_LABEL: Record<Exclude<ObjectiveStatus, 'dropped'>, MessageKey> = {
  on_track: 'briefStatusOnTrack',
  at_risk: 'briefStatusAtRisk',
  done: 'briefStatusDone',
};

/** A day as the brief writes it; "this year" is the brief's own day, so a reprint reads the same. */
/**
 * The page's title, which the browser also prints at the top of each page: the account's name is
 * someone's words (a CSV cell, a teammate's edit), and an isolate keeps a bidi control in it from
 * reordering the words around it, as an element's own span does in the page.
 */
export const briefTitle = (accountName: string): string =>
  t('briefPageTitle', isolate(accountName));

export function dayOf(day: string, briefDay: string): string {
  return formatDayIn(uiLocale(), day, 'short', Date.parse(`${briefDay}T12:00:00`));
}

const instantOf = (at: number, briefDay: string) => dayOf(dayOfInstant(at), briefDay);

/** Marks where the words go in a sentence, before they are put in an element of their own. */
const SLOT = '\uE000';

/**
 * A sentence with someone's words (`text`, its first substitution) in an element of their own:
 * components/bidi.css makes that element an isolate, so a bidi control in the words (a backup or
 * a teammate's browser may hold one) reorders only them, never the due day and state after them.
 */
function sentenceWith(key: MessageKey, text: string, rest: string[]): ComponentChildren {
  const [before, after] = t(key, [SLOT, ...rest]).split(SLOT);
  return (
    <>
      {before}
      <span>{text}</span>
      {after}
    </>
  );
}

/** The next action the last meeting set, as recorded with it, and what became of it. */
export function nextText(next: BriefLastMeeting['next'], briefDay: string): ComponentChildren {
  if (next === null) return t('briefNextNone');
  const due = dayOf(next.due, briefDay);
  if (next.state === 'done')
    return sentenceWith('briefNextDone', next.text, [due, instantOf(next.doneAt!, briefDay)]);
  const key = next.state === 'open' ? 'briefNextOpen' : 'briefNextChanged';
  return sentenceWith(key, next.text, [due]);
}

function Section(props: {
  id: string;
  title: string;
  empty: string | null;
  children?: ComponentChildren;
}) {
  return (
    <section class="brief-section" aria-labelledby={`brief-${props.id}`} data-testid={props.id}>
      <h2 id={`brief-${props.id}`}>{props.title}</h2>
      {props.empty !== null ? <p class="empty">{props.empty}</p> : props.children}
    </section>
  );
}

export function BriefSections({ brief }: { brief: MeetingBrief }) {
  const day = (d: string) => dayOf(d, brief.today);
  const meeting = brief.lastMeeting;
  return (
    <>
      <Section
        id="brief-attendees"
        title={t('briefAttendees')}
        empty={
          brief.attendees.length > 0
            ? null
            : brief.forThread
              ? t('briefAttendeesNoneThread')
              : t('briefAttendeesNone')
        }
      >
        <ul class="people">
          {brief.attendees.map((p) => (
            <Attendee key={p.id} person={p} briefDay={brief.today} />
          ))}
        </ul>
      </Section>
      {brief.guests.length > 0 && (
        <p class="guests" data-testid="brief-guests">
          {t('briefGuests', isolatedList(brief.guests))}
        </p>
      )}

      <Section
        id="brief-last-meeting"
        title={t('briefLastMeeting')}
        empty={meeting ? null : t('briefLastMeetingNone')}
      >
        {meeting && (
          <div class="item">
            <p class="item-head">
              <strong>{meeting.summary}</strong> — {instantOf(meeting.at, brief.today)}
              {meeting.people.length > 0 && <> · {t('briefWith', isolatedList(meeting.people))}</>}
            </p>
            {meeting.outcome && <Field label={t('briefOutcome')} text={meeting.outcome} />}
            <p data-testid="brief-meeting-next">{nextText(meeting.next, brief.today)}</p>
            {meeting.doneSince.length > (meeting.next?.state === 'done' ? 1 : 0) && (
              <>
                <p class="label">{t('briefDoneSince')}</p>
                <ul class="plain">
                  {meeting.doneSince.map((d) => (
                    <li key={d.at}>
                      <span>{d.text}</span> — {instantOf(d.at, brief.today)}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </Section>

      <Section
        id="brief-next-actions"
        title={t('briefNextActions')}
        empty={brief.nextActions.length > 0 ? null : t('briefNextActionsNone')}
      >
        <ul class="plain">
          {brief.nextActions.map((a) => (
            <li key={a.text} class="item">
              <strong>{a.text}</strong> —{' '}
              <span class={a.overdue ? 'overdue' : undefined}>
                {a.overdue ? t('briefOverdue', day(a.due)) : t('briefDue', day(a.due))}
              </span>
              {a.person && <> · {t('briefWith', isolate(a.person))}</>}
              {a.objective && <> · {t('briefServes', a.objective)}</>}
            </li>
          ))}
        </ul>
      </Section>

      <Section
        id="brief-decisions"
        title={t('briefDecisions', DECISION_DAYS)}
        empty={
          brief.decisions.length > 0 ? null : t('briefDecisionsNone', day(brief.decisionsSince))
        }
      >
        <ul class="plain">
          {brief.decisions.map((d) => (
            <li key={d.id} class="item">
              <p class="item-head">
                <strong>{d.what}</strong> — {day(d.date)}
                {d.decidedBy && <> · {t('briefDecidedBy', d.decidedBy)}</>}
              </p>
              <Field label={t('briefWhy')} text={d.why || t('briefWhyUnknown')} />
              {d.alternatives && <Field label={t('briefRejected')} text={d.alternatives} />}
            </li>
          ))}
        </ul>
      </Section>

      <Section
        id="brief-objectives"
        title={t('briefObjectives')}
        empty={brief.objectives.length > 0 ? null : t('briefObjectivesNone')}
      >
        <ul class="plain">
          {brief.objectives.map((o) => (
            <li key={o.id} class="item">
              <p class="item-head">
                <span class={`status status-${o.status}`}>
                  {t(STATUS_LABEL[o.status as keyof typeof STATUS_LABEL])}
                </span>{' '}
                <strong>{o.outcome}</strong>
                {o.due && <> — {t('briefBy', day(o.due))}</>}
              </p>
              {(o.measure || o.target) && (
                <p>
                  {o.measure && <>{t('briefMeasure', o.measure)} </>}
                  {o.target && t('briefTarget', o.target)}
                </p>
              )}
            </li>
          ))}
        </ul>
      </Section>

      <Section
        id="brief-opportunities"
        title={t('briefOpportunities')}
        empty={brief.opportunities.length > 0 ? null : t('briefOpportunitiesNone')}
      >
        <ul class="plain">
          {brief.opportunities.map((o) => (
            <Opportunity key={o.id} cell={o} briefDay={brief.today} />
          ))}
        </ul>
      </Section>
    </>
  );
}

function Field({ label, text }: { label: string; text: string }) {
  return (
    <p class="field">
      <span class="label">{label}:</span> <span class="text">{text}</span>
    </p>
  );
}

function Attendee({ person: p, briefDay }: { person: BriefAttendee; briefDay: string }) {
  return (
    <li class="person" data-testid="brief-person">
      <p class="item-head">
        <strong>{p.name}</strong>
        {p.title && <> — {p.title}</>}
      </p>
      <p>
        {t(ROLE_LABEL[p.role])} · {t(ATTITUDE_LABEL[p.attitude])} ·{' '}
        {t('briefInfluence', p.influence)} ·{' '}
        {p.lastContactAt === null
          ? t('briefLastContactNever')
          : t('briefLastContact', instantOf(p.lastContactAt, briefDay))}
      </p>
      {p.emails.length > 0 && <p class="muted">{p.emails.join(', ')}</p>}
      {p.notes ? (
        <Field label={p.notesPrivate ? t('briefNotesPrivate') : t('briefNotes')} text={p.notes} />
      ) : (
        <p class="muted">{t('briefNoNotes')}</p>
      )}
    </li>
  );
}

function Opportunity({ cell: o, briefDay }: { cell: BriefOpportunity; briefDay: string }) {
  const supplier =
    o.supplier === 'unknown'
      ? t('briefSupplierUnknown')
      : o.competitor
        ? t('briefSupplierCompetitor', o.competitor)
        : t('briefSupplierCompetitorUnnamed');
  const money =
    o.spend === null
      ? t('briefSpendUnknown')
      : t(
          'briefSpend',
          new Intl.NumberFormat(uiLocale(), {
            style: 'currency',
            currency: o.currency,
            maximumFractionDigits: 0,
          }).format(o.spend),
        );
  return (
    <li class="item">
      <p class="item-head">
        <strong>{o.offering ?? t('briefGone')}</strong> · {o.unit ?? t('briefGone')}
      </p>
      <p>
        {supplier} · {money}
        {o.contractEnd && <> · {t('briefContractEnd', dayOf(o.contractEnd, briefDay))}</>}
      </p>
      {o.note && <p class="muted">{o.note}</p>}
    </li>
  );
}
