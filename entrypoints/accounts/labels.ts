/** Words the accounts page shows for the list's states, from _locales through t(). */
import { type MessageKey, t } from '@/utils/shared/i18n';
import type { DueFilter, SortKey, Touch } from '@/utils/page/account-list';
import { dayName } from '@/components/format';

export const DUE_FILTER_LABEL: Record<DueFilter, MessageKey> = {
  all: 'accountsDueAll',
  overdue: 'accountsDueOverdue',
  today: 'accountsDueToday',
  week: 'accountsDueWeek',
  none: 'accountsDueNone',
};

export const SORT_LABEL: Record<SortKey, MessageKey> = {
  name: 'accountsColName',
  stage: 'accountsColStage',
  potential: 'accountsColPotential',
  coverage: 'coverageTitle',
  due: 'accountsColNextAction',
  lastTouch: 'accountsColLastTouch',
};

/** "Untouched for 45 days (cadence 21)", "Touched 3 days ago", "No follow-up yet". */
export function touchText(touch: Touch): string {
  if (touch.days === null) return t('accountsNeverTouched');
  if (touch.stale) return t('accountsUntouched', [touch.days, touch.cadence]);
  if (touch.days === 0) return t('accountsTouchedToday');
  if (touch.days === 1) return t('accountsTouchedYesterday');
  return t('accountsTouchedDaysAgo', touch.days);
}

/** A due day: "Today", "Tomorrow", "Yesterday", else "4 Dec". */
export function dayText(day: string): string {
  return dayName(day);
}
