/**
 * The meeting brief's request (utils/shared/meeting-brief.ts). Only Rapport's own pages send it:
 * the brief page, opened from the sidebar or the calendar. The addresses narrow the brief to a
 * thread's people of that one account; they never reach another account's records.
 */
import * as z from 'zod/mini';
import { MAX_PARTICIPANTS } from '@/utils/contract/limits';
import { Email, Id, IsoDate } from './model';

export const GetBrief = z.object({
  accountId: Id,
  /** The user's calendar day, from the page: "the last 90 days" count from it. */
  today: IsoDate,
  /** A thread's addresses: the attendees. Absent: the whole account. */
  attendees: z.optional(z.array(Email).check(z.maxLength(MAX_PARTICIPANTS))),
});
export type GetBrief = z.infer<typeof GetBrief>;
