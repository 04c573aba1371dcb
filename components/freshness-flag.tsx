/**
 * A key player's freshness in their person row: flagged when their role's cadence has run out
 * since they were last seen on a thread or contacted (utils/shared/freshness.ts); otherwise, a
 * quiet note of when they were last seen on a thread, if that is newer than the last contact.
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
  const seen = person.lastSeenAt;
  if (seen === undefined || (person.lastContactAt ?? 0) >= seen) return null;
  const days = daysAgo(seen, now);
  return (
    <span class="rp-fresh-seen" data-testid="freshness-seen">
      {days <= 0 ? t('freshnessSeenToday') : t('freshnessSeen', days)}
    </span>
  );
}
