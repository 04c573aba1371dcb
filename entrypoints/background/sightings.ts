/**
 * Notes when each person was last seen on a thread the user opened. It runs on every resolve, so
 * it must stay cheap and quiet: a person is written at most once a day (SEEN_EVERY_MS), only the
 * people store is locked, and no change is announced (a sighting changes nothing another view
 * must repaint at once; each view shows it on its next read).
 */
import type { RapportDb } from './db';
import type { HostContext } from '@/utils/contract/messages';
import type { HostName } from '@/utils/contract/enums';
import type { Person } from '@/utils/contract/model';
import { sightingDue } from '@/utils/shared/freshness';

/** Hosts whose open page is a conversation: someone on it was in touch. A CRM record is not. */
const MAIL_HOSTS: readonly HostName[] = ['gmail', 'outlook'];

/**
 * Sets lastSeenAt on the people of `views` who take part in the open thread and were not seen in
 * the last day, in the views (so the answer shows it) and in the store. Answers how many it wrote.
 */
export async function noteSightings(
  db: RapportDb,
  context: Pick<HostContext, 'host' | 'participants'>,
  views: readonly { people: Person[] }[],
  now: number,
): Promise<number> {
  if (!MAIL_HOSTS.includes(context.host) || context.participants.length === 0) return 0;
  const onThread = new Set(context.participants.map((p) => p.email.trim().toLowerCase()));
  const seen: string[] = [];
  for (const view of views) {
    view.people = view.people.map((p) => {
      if (!p.emails.some((e) => onThread.has(e)) || !sightingDue(p.lastSeenAt, now)) return p;
      seen.push(p.id);
      return { ...p, lastSeenAt: now };
    });
  }
  if (seen.length === 0) return 0;
  const tx = db.transaction('people', 'readwrite');
  await Promise.all(
    seen.map(async (id) => {
      // Read again inside the write: an edit made since the resolve's read is kept whole.
      const person = await tx.store.get(id);
      if (person && sightingDue(person.lastSeenAt, now))
        await tx.store.put({ ...person, lastSeenAt: now });
    }),
  );
  await tx.done;
  return seen.length;
}
