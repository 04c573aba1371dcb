/**
 * The meeting brief: one page to read before a meeting with an account, built from its records
 * alone. Pure and deterministic (no clock, no locale, no randomness): the same records and the
 * same day give the same brief, so two printouts of one account never disagree. The page words
 * it in the user's language; this decides what is in it and in which order.
 */
import type {
  ActivityKind,
  ObjectiveStatus,
  Potential,
  Role,
  Stage,
  Attitude,
} from '../contract/enums';
import type {
  Account,
  Activity,
  BuyingUnit,
  Decision,
  Objective,
  Person,
  WhitespaceCell,
} from '../contract/model';
import { addDays, type IsoDate } from './dates';
import { isOpportunity } from './whitespace';

/** Decisions this many days old or newer are in the brief. */
export const DECISION_DAYS = 90;

/** What the worker reads for one brief, in one transaction. */
export interface BriefRecords {
  account: Account;
  people: readonly Person[];
  /** The account's latest follow-ups, newest first, back to its last meeting at least. */
  activities: readonly Activity[];
  decisions: readonly Decision[];
  objectives: readonly Objective[];
  units: readonly BuyingUnit[];
  cells: readonly WhitespaceCell[];
  /** The offerings of the settings (the grid's columns). */
  offerings: readonly { id: string; name: string }[];
}

export interface BriefOptions {
  /** The user's calendar day: decisions of the last DECISION_DAYS days count from it. */
  today: IsoDate;
  /**
   * The thread's addresses, for a brief about a thread; absent for the whole account. Only the
   * account's own people are looked up from them: an address of another account's person stays a
   * bare address, so a page that lists it learns nothing and shows nothing of that account.
   */
  attendees?: readonly string[];
}

export interface BriefAttendee {
  id: string;
  name: string;
  title: string;
  role: Role;
  attitude: Attitude;
  influence: number;
  emails: string[];
  lastContactAt: number | null;
  notes: string;
  /** The notes stay in this browser (never synced): the brief marks them. */
  notesPrivate: boolean;
}

export interface BriefNextAction {
  text: string;
  due: IsoDate;
  overdue: boolean;
  person: string | null;
  objective: string | null;
}

export interface BriefDecision {
  id: string;
  date: IsoDate;
  what: string;
  why: string;
  decidedBy: string;
  alternatives: string;
}

export interface BriefObjective {
  id: string;
  outcome: string;
  measure: string;
  target: string;
  due: IsoDate | null;
  status: ObjectiveStatus;
}

export interface BriefOpportunity {
  id: string;
  /** null when the buying unit or the offering is gone (a removed offering keeps its cells). */
  unit: string | null;
  offering: string | null;
  supplier: 'competitor' | 'unknown';
  competitor: string;
  spend: number | null;
  currency: string;
  contractEnd: IsoDate | null;
  note: string;
}

/** What became of the next action a meeting set: see BriefLastMeeting.next. */
export type BriefNextState = 'done' | 'open' | 'changed';

export interface BriefLastMeeting {
  kind: ActivityKind;
  at: number;
  summary: string;
  outcome: string;
  people: string[];
  /**
   * The next action the meeting's follow-up set, as recorded on it (Activity.nextSet), and what
   * became of it: done (a later follow-up completed that very text and due day; doneAt is its
   * time), still the account's open one, or changed (neither: edited, replaced or cleared since).
   * Null when the meeting's follow-up set none, or was logged before Rapport kept it: the brief
   * does not guess it from what came later.
   */
  next: { text: string; due: IsoDate; state: BriefNextState; doneAt: number | null } | null;
  /** Later follow-ups that completed a next action, oldest first. */
  doneSince: { text: string; at: number }[];
}

export interface MeetingBrief {
  account: { id: string; name: string; stage: Stage; potential: Potential; domains: string[] };
  today: IsoDate;
  /** True for a thread's brief: attendees are the thread's people of this account. */
  forThread: boolean;
  attendees: BriefAttendee[];
  /** A thread's addresses that are none of this account's people, sorted. */
  guests: string[];
  nextActions: BriefNextAction[];
  decisionsSince: IsoDate;
  decisions: BriefDecision[];
  objectives: BriefObjective[];
  opportunities: BriefOpportunity[];
  lastMeeting: BriefLastMeeting | null;
}

// One fixed collation, not the user's: the order must not depend on the browser's language.
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const byText = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

const STATUS_ORDER: Record<ObjectiveStatus, number> = {
  at_risk: 0,
  on_track: 1,
  done: 2,
  dropped: 3,
};

export function buildBrief(records: BriefRecords, options: BriefOptions): MeetingBrief {
  const { account, people } = records;
  const { today } = options;
  const mine = people.filter((p) => p.accountId === account.id);
  const names = new Map(mine.map((p) => [p.id, p.name]));

  const forThread = options.attendees !== undefined;
  const wanted = new Set((options.attendees ?? []).map((e) => e.trim().toLowerCase()));
  const present = forThread ? mine.filter((p) => p.emails.some((e) => wanted.has(e))) : mine;
  const known = new Set(mine.flatMap((p) => p.emails));
  const guests = forThread ? [...wanted].filter((e) => e && !known.has(e)).sort() : [];

  const attendees = present
    .map((p): BriefAttendee => ({
      id: p.id,
      name: p.name,
      title: p.title,
      role: p.role,
      attitude: p.attitude,
      influence: p.influence,
      emails: [...p.emails],
      lastContactAt: p.lastContactAt,
      notes: p.notes,
      notesPrivate: p.notesPrivate === true,
    }))
    .sort((a, b) => b.influence - a.influence || byText(a.name, b.name) || byText(a.id, b.id));

  const objectivesById = new Map(records.objectives.map((o) => [o.id, o]));
  const open = account.nextAction;
  const nextActions: BriefNextAction[] = open
    ? [
        {
          text: open.text,
          due: open.due,
          overdue: open.due < today,
          person: (open.personId && names.get(open.personId)) || null,
          objective: (open.objectiveId && objectivesById.get(open.objectiveId)?.outcome) || null,
        },
      ]
    : [];

  const decisionsSince = addDays(today, -DECISION_DAYS);
  const decisions = records.decisions
    .filter((d) => d.accountId === account.id && d.date >= decisionsSince)
    .sort((a, b) => byText(b.date, a.date) || byText(a.id, b.id))
    .map(({ id, date, what, why, decidedBy, alternatives }) => ({
      id,
      date,
      what,
      why,
      decidedBy,
      alternatives,
    }));

  const objectives = records.objectives
    .filter((o) => o.accountId === account.id && o.status !== 'dropped')
    .sort(
      (a, b) =>
        STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
        byText(a.due ?? '9999', b.due ?? '9999') ||
        a.createdAt - b.createdAt ||
        byText(a.id, b.id),
    )
    .map(({ id, outcome, measure, target, due, status }) => ({
      id,
      outcome,
      measure,
      target,
      due,
      status,
    }));

  return {
    account: {
      id: account.id,
      name: account.name,
      stage: account.stage,
      potential: account.potential,
      domains: [...account.domains],
    },
    today,
    forThread,
    attendees,
    guests,
    nextActions,
    decisionsSince,
    decisions,
    objectives,
    opportunities: opportunitiesOf(records),
    lastMeeting: lastMeetingOf(records, names),
  };
}

/** The grid's opportunities, biggest spend first (unknown spend last), then the soonest end. */
function opportunitiesOf(records: BriefRecords): BriefOpportunity[] {
  const units = new Map(records.units.map((u) => [u.id, u]));
  const offerings = new Map(records.offerings.map((o, i) => [o.id, { ...o, order: i }]));
  return records.cells
    .filter((c) => c.accountId === records.account.id && isOpportunity(c))
    .sort(
      (a, b) =>
        (b.spend ?? -1) - (a.spend ?? -1) ||
        byText(a.contractEnd ?? '9999', b.contractEnd ?? '9999') ||
        (units.get(a.unitId)?.order ?? Infinity) - (units.get(b.unitId)?.order ?? Infinity) ||
        (offerings.get(a.offeringId)?.order ?? Infinity) -
          (offerings.get(b.offeringId)?.order ?? Infinity) ||
        byText(a.id, b.id),
    )
    .map((c) => ({
      id: c.id,
      unit: units.get(c.unitId)?.name ?? null,
      offering: offerings.get(c.offeringId)?.name ?? null,
      supplier: c.supplier as 'competitor' | 'unknown',
      competitor: c.supplier === 'competitor' ? c.competitor : '',
      spend: c.spend,
      currency: c.currency,
      contractEnd: c.contractEnd,
      note: c.note,
    }));
}

/** The words of the next action a follow-up completed, if it completed one. */
function completedText(a: Activity): string | null {
  if (a.completed !== undefined) return a.completed;
  // "Done" on the next action itself logs its words as the summary, with its due day.
  return a.completedDue !== undefined ? a.summary : null;
}

/** The account's latest meeting, the next action it set, and what became of that. */
function lastMeetingOf(
  records: BriefRecords,
  names: ReadonlyMap<string, string>,
): BriefLastMeeting | null {
  const mine = records.activities
    .filter((a) => a.accountId === records.account.id)
    .sort((a, b) => b.at - a.at || byText(a.id, b.id));
  const meeting = mine.find((a) => a.kind === 'meeting');
  if (!meeting) return null;
  const doneSince = mine
    .filter((a) => a.at > meeting.at)
    .reverse()
    .flatMap((a) => {
      const text = completedText(a);
      return text === null ? [] : [{ text, at: a.at, due: a.completedDue }];
    });
  let next: BriefLastMeeting['next'] = null;
  const set = meeting.nextSet;
  if (set) {
    const done = doneSince.find((d) => d.text === set.text && d.due === set.due);
    const open = records.account.nextAction;
    const state: BriefNextState = done
      ? 'done'
      : open && open.text === set.text && open.due === set.due
        ? 'open'
        : 'changed';
    next = { text: set.text, due: set.due, state, doneAt: done ? done.at : null };
  }
  return {
    kind: meeting.kind,
    at: meeting.at,
    summary: meeting.summary,
    outcome: meeting.outcome,
    people: meeting.personIds.flatMap((id) => {
      const name = names.get(id);
      return name ? [name] : [];
    }),
    next,
    doneSince: doneSince.map(({ text, at }) => ({ text, at })),
  };
}
