/**
 * The meeting brief (utils/shared/meeting-brief.ts): every record it needs, read in one
 * transaction so that the page never mixes two moments of the store, then built by the pure
 * function. It only reads.
 */
import type { Activity } from '@/utils/contract/model';
import { buildBrief } from '@/utils/shared/meeting-brief';
import { activitiesOf } from '../account-reads';
import { type Handlers, HandlerError, type Tx } from './common';

/** How far back the brief looks for the last meeting, in follow-ups: enough for years of them. */
const MAX_FOLLOW_UPS = 1000;

const STORES = [
  'accounts',
  'people',
  'activities',
  'decisions',
  'objectives',
  'buyingUnits',
  'whitespace',
] as const;

export const briefHandlers = {
  async getBrief(req, ctx) {
    // Settings live outside IndexedDB: read before the transaction, which must not wait on them.
    const { offerings } = await ctx.settings();
    const tx = ctx.db.transaction([...STORES], 'readonly');
    const [account, people, decisions, objectives, units, cells, activities] = await Promise.all([
      tx.objectStore('accounts').get(req.accountId),
      tx.objectStore('people').index('byAccount').getAll(req.accountId),
      tx.objectStore('decisions').index('byAccount').getAll(req.accountId),
      tx.objectStore('objectives').index('byAccount').getAll(req.accountId),
      tx.objectStore('buyingUnits').index('byAccount').getAll(req.accountId),
      tx.objectStore('whitespace').index('byAccount').getAll(req.accountId),
      untilLastMeeting(tx as unknown as Tx, req.accountId),
    ]);
    await tx.done;
    if (!account) throw new HandlerError('not_found', 'That account no longer exists.');
    const brief = buildBrief(
      { account, people, activities, decisions, objectives, units, cells, offerings },
      { today: req.today, ...(req.attendees ? { attendees: req.attendees } : {}) },
    );
    return { data: brief, changed: [] };
  },
} satisfies Partial<Handlers>;

/** The account's follow-ups, newest first, down to its latest meeting (or MAX_FOLLOW_UPS). */
async function untilLastMeeting(tx: Tx, accountId: string): Promise<Activity[]> {
  const found: Activity[] = [];
  const index = tx.objectStore('activities').index('byAccountAt');
  let cursor = await index.openCursor(activitiesOf(accountId), 'prev');
  while (cursor && found.length < MAX_FOLLOW_UPS) {
    found.push(cursor.value);
    if (cursor.value.kind === 'meeting') break;
    cursor = await cursor.continue();
  }
  return found;
}
