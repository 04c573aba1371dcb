/**
 * The meeting brief's request (utils/shared/meeting-brief.ts). Only Rapport's own pages send it:
 * the brief page, opened from the sidebar or the calendar. The addresses narrow the brief to a
 * thread's people of that one account; they never reach another account's records.
 */
import * as z from 'zod/mini';
import { MAX_PARTICIPANTS } from '@/utils/contract/limits';
import { Id, IsoDate, text } from './model';

export const GetBrief = z.object({
  accountId: Id,
  /** The user's calendar day, from the page: "the last 90 days" count from it. */
  today: IsoDate,
  /**
   * A thread's addresses: the attendees. Absent: the whole account. As the thread shows them (the
   * host page's participants, text of at most 320 like theirs), not checked as plain addresses: a
   * sender's quoted local part must not make the brief an error. They are only compared with the
   * account's people's addresses, and shown as text.
   */
  attendees: z.optional(z.array(text(320)).check(z.maxLength(MAX_PARTICIPANTS))),
});
export type GetBrief = z.infer<typeof GetBrief>;
