/**
 * A key player's freshness in their person row: flagged when their role's cadence has run out
 * since they were last seen on a thread or contacted (utils/shared/freshness.ts). seenFact says
 * "seen today" in the row's facts, in place of the last contact, when a sighting is newer.
 */
import type { Person } from '@/utils/contract/model';
import { daysAgo } from '@/utils/shared/dates';
import { DEFAULT_ROLE_CADENCE, freshnessOf, type RoleCadence } from '@/utils/shared/freshness';
import { t } from '@/utils/shared/i18n';

export function FreshnessFlag({
  person,
  roleCadence = DEFAULT_ROLE_CADENCE,
  now = Date.now(),
}: {
  person: Person;
  roleCadence?: RoleCadence;
  now?: number;
}) {
  const f = freshnessOf(person, roleCadence, now);
  if (f.overdue && f.cadence !== null) {
    return (
      <span class="rp-fresh-due" data-testid="freshness-due">
        {f.days === null ? t('freshnessNever', f.cadence) : t('freshnessDue', [f.days, f.cadence])}
      </span>
    );
  }
  return null;
}

/** "seen 3 d ago" when the person was seen on a thread after their last logged contact. */
export function seenFact(person: Person, now = Date.now()): string | null {
  const seen = person.lastSeenAt;
  if (seen === undefined || (person.lastContactAt ?? 0) >= seen) return null;
  const days = daysAgo(seen, now);
  return days <= 0 ? t('freshnessSeenToday') : t('freshnessSeen', days);
}
