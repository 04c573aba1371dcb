/**
 * The account-management KPIs of a period (DOMAIN.md, "Performance"), per account and summed for
 * the portfolio. Pure: the background reads the records, this does the arithmetic, the page shows
 * it. Every instant is placed on its calendar day in the user's own time zone (the local one), and
 * a period is whole days (kpi-period.ts), so an event belongs to the period when its day does.
 *
 * An event dated after `now` is left out everywhere: it has not happened, it is a wrong clock.
 *
 * - Key players kept within cadence. Key players and their cadence are those of coverage.ts and
 *   freshness.ts, as the people are now (the store keeps no history of roles); a key player whose
 *   role has no cadence is not followed and not counted. A contact is a logged follow-up naming the
 *   person, or the last time they were seen on a thread or contacted (lastSeenAt, lastContactAt).
 *   A key player is kept within cadence when on no day of the period so far (its first day to its
 *   last, or to today while it runs) more than `cadence` days had passed since the contact before:
 *   each contact in the period came at most `cadence` days after the one before it, and at most
 *   `cadence` days passed from the last one to the period's end. A contact on the very day the
 *   cadence runs out (freshness.ts's dueDay) is in time; the next day is late. The count starts
 *   from the last contact on or before the period's first day; a key player with none is given one
 *   cadence from that day (the store does not know when a person was added). A period that has
 *   not begun counts no one.
 * - Next actions done on time: follow-ups in the period that completed a next action whose due
 *   day was recorded (completedDue); on time when the follow-up's day is the due day or earlier.
 *   Older follow-ups that completed one without recording its due day are counted apart
 *   (doneUndated) and left out of the percentage.
 * - Stage movements: stage changes in the period, up or down by stages.ts's order; the first
 *   stage an account was given (from null) and a change to the same stage are no movement. Each
 *   change is judged by its own from and to, so the order records are stored in does not matter.
 * - Objectives met: objectives now done whose status was set in the period.
 * - Whitespace won: cells that turned to us from an opportunity in the period (wonAt) and are
 *   still ours. A cell lost again later (to a competitor, in-house, unknown...) is no longer counted
 *   in any period, so a past period's figure can go down: it counts whitespace won and kept. A cell
 *   lost and won back counts once, in the period of its latest win (the handler stamps wonAt anew).
 */
import type {
  Activity,
  Objective,
  Person,
  StageChange,
  WhitespaceCell,
} from '@/utils/contract/model';
import { isKeyPlayer } from './coverage';
import { daysBetween, toIsoDate, today, type IsoDate } from './dates';
import type { RoleCadence } from './freshness';
import type { KpiPeriod } from './kpi-period';
import { STAGE_ORDER } from './stages';

export interface KpiRecords {
  people: readonly Pick<
    Person,
    'id' | 'role' | 'influence' | 'attitude' | 'lastContactAt' | 'lastSeenAt'
  >[];
  activities: readonly Pick<Activity, 'at' | 'personIds' | 'completed' | 'completedDue'>[];
  stageChanges: readonly Pick<StageChange, 'from' | 'to' | 'at'>[];
  objectives: readonly Pick<Objective, 'status' | 'statusAt'>[];
  whitespace: readonly Pick<WhitespaceCell, 'wonAt' | 'supplier'>[];
}

export interface Kpis {
  /** Key players followed (a key player whose role has a cadence) during the period. */
  keyPlayers: number;
  /** Of them, those kept within their cadence on every day of the period so far. */
  keptInCadence: number;
  /** Next actions completed in the period whose due day is known. */
  doneCounted: number;
  /** Of them, those completed on or before their due day. */
  doneOnTime: number;
  /** Next actions completed in the period by older follow-ups that did not record the due day. */
  doneUndated: number;
  stageUp: number;
  stageDown: number;
  objectivesMet: number;
  whitespaceWon: number;
}

export const NO_KPIS: Readonly<Kpis> = {
  keyPlayers: 0,
  keptInCadence: 0,
  doneCounted: 0,
  doneOnTime: 0,
  doneUndated: 0,
  stageUp: 0,
  stageDown: 0,
  objectivesMet: 0,
  whitespaceWon: 0,
};

const dayOf = (at: number): IsoDate => toIsoDate(new Date(at));

/** Whether an instant happened (not after `now`) on a day of the period. */
function inPeriod(at: number | undefined | null, p: KpiPeriod, now: number): boolean {
  if (typeof at !== 'number' || at > now) return false;
  const day = dayOf(at);
  return day >= p.first && day <= p.last;
}

/**
 * Whether a key player was kept within `cadence` from `first` to `end` (both included), given the
 * days of every contact (in any order, any days).
 */
export function keptWithin(
  contactDays: readonly IsoDate[],
  cadence: number,
  first: IsoDate,
  end: IsoDate,
): boolean {
  const days = [...new Set(contactDays)].filter((d) => d <= end).sort();
  const before = days.filter((d) => d <= first);
  let since: IsoDate = before.at(-1) ?? first;
  for (const d of days) {
    if (d <= first) continue;
    if (daysBetween(since, d) > cadence) return false;
    since = d;
  }
  return daysBetween(since, end) <= cadence;
}

export function accountKpis(
  records: KpiRecords,
  period: KpiPeriod,
  cadences: Readonly<RoleCadence>,
  now: number,
): Kpis {
  const out: Kpis = { ...NO_KPIS };
  const todayDay = today(now);
  const end = period.last < todayDay ? period.last : todayDay;

  if (end >= period.first) {
    const contacts = new Map<string, IsoDate[]>();
    for (const a of records.activities) {
      if (a.at > now) continue;
      for (const id of a.personIds) {
        const list = contacts.get(id);
        if (list) list.push(dayOf(a.at));
        else contacts.set(id, [dayOf(a.at)]);
      }
    }
    for (const p of records.people) {
      const cadence = isKeyPlayer(p) ? (cadences[p.role] ?? null) : null;
      if (cadence === null) continue;
      const days = [...(contacts.get(p.id) ?? [])];
      for (const at of [p.lastContactAt, p.lastSeenAt]) {
        if (typeof at === 'number' && at <= now) days.push(dayOf(at));
      }
      out.keyPlayers += 1;
      if (keptWithin(days, cadence, period.first, end)) out.keptInCadence += 1;
    }
  }

  for (const a of records.activities) {
    if (!inPeriod(a.at, period, now)) continue;
    if (a.completedDue !== undefined) {
      out.doneCounted += 1;
      if (dayOf(a.at) <= a.completedDue) out.doneOnTime += 1;
    } else if (a.completed !== undefined) out.doneUndated += 1;
  }

  for (const c of records.stageChanges) {
    if (c.from === null || !inPeriod(c.at, period, now)) continue;
    const step = STAGE_ORDER.indexOf(c.to) - STAGE_ORDER.indexOf(c.from);
    if (step > 0) out.stageUp += 1;
    else if (step < 0) out.stageDown += 1;
  }

  for (const o of records.objectives) {
    if (o.status === 'done' && inPeriod(o.statusAt, period, now)) out.objectivesMet += 1;
  }
  for (const w of records.whitespace) {
    if (w.supplier === 'us' && inPeriod(w.wonAt, period, now)) out.whitespaceWon += 1;
  }
  return out;
}

/** One account's line of the KPIs view, as the background answers it. */
export interface KpiRow {
  accountId: string;
  name: string;
  kpis: Kpis;
}

export interface KpiReport {
  period: KpiPeriod;
  rows: KpiRow[];
  total: Kpis;
}

/** The portfolio's figures: every count summed, so its percentages weigh each key player and each next action alike. */
export function sumKpis(list: Iterable<Kpis>): Kpis {
  const out: Kpis = { ...NO_KPIS };
  for (const k of list) {
    for (const key of Object.keys(out) as (keyof Kpis)[]) out[key] += k[key];
  }
  return out;
}

/** A whole percentage, or null when nothing was counted. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) : null;
}
