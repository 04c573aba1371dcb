/**
 * Dates as the UI words them, in the UI language: the formatting itself is utils/shared/dates.ts;
 * this binds it to the language and adds the words ("Today", "Due tomorrow").
 */
import {
  daysAgo,
  daysBetween,
  datePattern,
  formatDayIn,
  formatInstantIn,
  nearDay,
  parseTypedDay,
  today,
  type DayStyle,
  type IsoDate,
  type NearDay,
  type ParsedDay,
} from '@/utils/shared/dates';
import { t, uiLocale, type MessageKey } from '@/utils/shared/i18n';

function locale(): string {
  try {
    return uiLocale();
  } catch {
    return 'en';
  }
}

/** "3 Mar" for a YYYY-MM-DD day (with the year when it is not this year). */
export function formatDay(day: IsoDate, now: number = Date.now(), style: DayStyle = 'short') {
  return formatDayIn(locale(), day, style, now);
}

/** "Fri 11 Dec": a day with its weekday, as presets and weekday choices show it. */
export const formatWeekday = (day: IsoDate, now: number = Date.now()) =>
  formatDay(day, now, 'weekday');

/** "11.12.2026" in Russian, "12/11/2026" in English: how a date is typed in the UI language. */
export const formatTyped = (day: IsoDate) => formatDay(day, Date.now(), 'numeric');

/** What to type, as a placeholder: "dd.mm.yyyy" (Russian "дд.мм.гггг"). */
export function typedPattern(): string {
  const [d = 'd', m = 'm', y = 'y'] = [...t('dateLetters')];
  return datePattern(locale(), [d, m, y]);
}

/** A typed date in the UI language's order (see parseTypedDay). */
export const parseTyped = (text: string, now: number = Date.now()): ParsedDay =>
  parseTypedDay(text, locale(), today(now));

export function formatInstant(at: number, now: number = Date.now()): string {
  return formatInstantIn(locale(), at, now);
}

const NEAR_DAY: Record<NearDay, MessageKey> = {
  yesterday: 'dayYesterday',
  today: 'dayToday',
  tomorrow: 'dayTomorrow',
};

/** "Today", "Tomorrow", "Yesterday", else the day as formatDay writes it. */
export function dayName(day: IsoDate, now: number = Date.now()): string {
  const near = nearDay(day, today(now));
  return near ? t(NEAR_DAY[near]) : formatDay(day, now);
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
  if (days === -1) return { tone: 'overdue', label: t('sidebarDueYesterday') };
  if (days < 0) return { tone: 'overdue', label: t('sidebarDueOverdue', formatDay(due, now)) };
  if (days === 0) return { tone: 'today', label: t('sidebarDueToday') };
  if (days === 1) return { tone: 'later', label: t('sidebarDueTomorrow') };
  return { tone: 'later', label: t('sidebarDueOn', formatDay(due, now)) };
}

/** A long text cut for a label or a toast: the first 60 characters. */
export function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
