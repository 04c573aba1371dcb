/**
 * How fresh the relationship with each key player is: the expected contact cadence per role (as
 * Dynamics 365 sets a contact frequency per contact), the last time they were seen on a thread
 * the user opened or contacted through a logged follow-up, and whether that is longer ago than
 * the cadence. Pure, for every view: the sidebar's flag, the popup's due list, the calendar.
 */
import type { Role } from '@/utils/contract/enums';
import type { Person } from '@/utils/contract/model';
import { addDays, daysAgo, toIsoDate, today, type IsoDate } from './dates';
import { isKeyPlayer } from './coverage';

/** Days between contacts per role; null: not followed. */
export type RoleCadence = Record<Role, number | null>;

export const DEFAULT_ROLE_CADENCE: Readonly<RoleCadence> = {
  decision_maker: 30,
  executive_sponsor: 45,
  champion: 14,
  influencer: 30,
  blocker: 30,
  gatekeeper: 60,
  user: 60,
  unknown: null,
};

/** The store notes a sighting at most this often per person: each read must stay cheap. */
export const SEEN_EVERY_MS = 24 * 60 * 60 * 1000;

/** Whether a sighting at `now` is worth writing, given the one stored. */
export function sightingDue(lastSeenAt: number | undefined, now: number): boolean {
  return lastSeenAt === undefined || now - lastSeenAt >= SEEN_EVERY_MS || now < lastSeenAt;
}

type Followed = Pick<Person, 'role' | 'influence' | 'attitude' | 'lastContactAt' | 'lastSeenAt'>;

export interface Freshness {
  /** Days between contacts expected for this person's role; null when not followed. */
  cadence: number | null;
  /** The latest of last seen and last contacted; null when neither happened. */
  lastAt: number | null;
  /** Whole days since lastAt; null when never. */
  days: number | null;
  /**
   * A key player due for contact: their cadence has run out (today is its last day or later), or
   * they were never seen nor contacted.
   */
  overdue: boolean;
  /** The day the cadence runs out (today when never in touch); null when not followed. */
  dueDay: IsoDate | null;
}

/** The latest sign of contact: seen on an opened thread, or a logged follow-up. */
export function lastInTouch(p: Pick<Person, 'lastContactAt' | 'lastSeenAt'>): number | null {
  const times = [p.lastContactAt, p.lastSeenAt].filter((t): t is number => typeof t === 'number');
  return times.length ? Math.max(...times) : null;
}

export function freshnessOf(p: Followed, cadences: Readonly<RoleCadence>, now: number): Freshness {
  const lastAt = lastInTouch(p);
  const days = lastAt === null ? null : daysAgo(lastAt, now);
  const cadence = isKeyPlayer(p) ? (cadences[p.role] ?? null) : null;
  if (cadence === null) return { cadence, lastAt, days, overdue: false, dueDay: null };
  const dueDay = lastAt === null ? today(now) : addDays(toIsoDate(new Date(lastAt)), cadence);
  return { cadence, lastAt, days, overdue: days === null || days >= cadence, dueDay };
}
