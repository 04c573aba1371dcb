/** Dates as the sidebar words them: calendar days in the user's own time zone, via Intl. */
import { daysAgo, daysBetween, today, type IsoDate } from '@/utils/shared/dates';
import { t, uiLocale } from '@/utils/shared/i18n';

function locale(): string {
  try {
    return uiLocale();
  } catch {
    return 'en';
  }
}

/**
 * Making an Intl.DateTimeFormat costs far more than using one, and an account's panel shows a
 * dozen dates: one formatter per language and form, made once (the bench found about 4 ms of each
 * account's render in making them).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function format(date: Date, now: number): string {
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  const lang = locale();
  const key = `${lang}|${sameYear}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(lang, {
      day: 'numeric',
      month: 'short',
      ...(sameYear ? {} : { year: 'numeric' }),
    });
    formatters.set(key, formatter);
  }
  return formatter.format(date);
}

/** "3 Mar" for a YYYY-MM-DD day (with the year when it is not this year). */
export function formatDay(day: IsoDate, now: number = Date.now()): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return format(new Date(y, m - 1, d), now);
}

export function formatInstant(at: number, now: number = Date.now()): string {
  return format(new Date(at), now);
}

export function lastTouched(at: number | null, now: number = Date.now()): string {
  if (at === null) return t('sidebarLastTouchedNever');
  const days = daysAgo(at, now);
  if (days <= 0) return t('sidebarLastTouchedToday');
  if (days === 1) return t('sidebarLastTouchedYesterday');
  return t('sidebarLastTouchedDaysAgo', days);
}

export type DueTone = 'overdue' | 'today' | 'later';

/** How a next action's due day reads, and how urgent it looks. */
export function dueInfo(due: IsoDate, now: number = Date.now()): { tone: DueTone; label: string } {
  const days = daysBetween(today(now), due);
  if (days < 0) return { tone: 'overdue', label: t('sidebarDueOverdue', formatDay(due, now)) };
  if (days === 0) return { tone: 'today', label: t('sidebarDueToday') };
  if (days === 1) return { tone: 'later', label: t('sidebarDueTomorrow') };
  return { tone: 'later', label: t('sidebarDueOn', formatDay(due, now)) };
}
