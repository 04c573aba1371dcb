/**
 * Paging through all of an account's follow-ups with listActivities (newest first).
 *
 * listActivities pages by `before` (strictly earlier than), and several follow-ups may share one
 * instant: every follow-up logged for a past day from the account page is stamped at noon. Asking
 * for "before the oldest shown" would then skip the rest of that instant's follow-ups. So each
 * page asks for "up to and including the oldest instant shown", a limit large enough to get past
 * the ones already shown at that instant, and drops what it already has.
 */
import type { Activity } from '@/utils/contract/model';
import type { Result } from '@/utils/contract/messages';

/** Follow-ups added by one "Show older". */
export const OLDER_PAGE = 20;
/** listActivities' largest page. */
export const MAX_LIMIT = 200;

export type ListActivities = (request: {
  accountId: string;
  before?: number;
  limit?: number;
}) => Promise<Result<Activity[]>>;

/** The order the store's index gives: newest first, ties by id, highest first. */
export function byNewest(a: Activity, b: Activity): number {
  return b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** `list` and `more` together, each follow-up once, newest first. */
export function mergeActivities(list: readonly Activity[], more: readonly Activity[]): Activity[] {
  const byId = new Map(list.map((a) => [a.id, a]));
  for (const a of more) byId.set(a.id, a);
  return [...byId.values()].sort(byNewest);
}

export interface Loaded {
  activities: Activity[];
  /** The store has none older than the last one in `activities`. */
  end: boolean;
}

/**
 * Continues `start` (already newest first, from the newest) until it holds `want` follow-ups or
 * the account has no more. Returns the error of the first failed request.
 */
export async function loadActivities(
  list: ListActivities,
  accountId: string,
  want: number,
  start: readonly Activity[] = [],
): Promise<Result<Loaded>> {
  let activities = [...start];
  // More than MAX_LIMIT follow-ups at one instant cannot be told apart by `before`: past that,
  // the rest of the instant is stepped over rather than asked for forever.
  let strict = false;
  for (;;) {
    if (activities.length >= want) return { ok: true, data: { activities, end: false } };
    const oldest = activities.at(-1);
    const ties = oldest ? activities.filter((a) => a.at === oldest.at).length : 0;
    const limit = Math.min(MAX_LIMIT, want - activities.length + (strict ? 0 : ties));
    const before = oldest ? (strict ? oldest.at : oldest.at + 1) : undefined;
    const r = await list({ accountId, ...(before === undefined ? {} : { before }), limit });
    if (!r.ok) return r;
    const known = new Set(activities.map((a) => a.id));
    const fresh = r.data.filter((a) => !known.has(a.id));
    activities = mergeActivities(activities, fresh);
    if (r.data.length < limit) return { ok: true, data: { activities, end: true } };
    strict = fresh.length === 0;
  }
}
