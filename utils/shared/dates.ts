/**
 * Calendar days. Due dates are days in the user's own time zone ("YYYY-MM-DD"), never instants:
 * "due on the 30th" must not shift to the 29th when the user travels west.
 */
export type IsoDate = string;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isRealDate(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The local calendar day of an instant. */
export function toIsoDate(at: Date): IsoDate {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

export function today(now: number = Date.now()): IsoDate {
  return toIsoDate(new Date(now));
}

/** Adds whole calendar days; works on the date alone, so daylight-saving shifts cannot skip a day. */
export function addDays(day: IsoDate, days: number): IsoDate {
  const m = ISO_DAY.exec(day);
  if (!m) throw new RangeError(`not a date: ${day}`);
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

/** Whole days since an instant, counted in local calendar days. */
export function daysAgo(at: number, now: number = Date.now()): number {
  return daysBetween(today(at), today(now));
}

/** The local-midnight Date of a YYYY-MM-DD day, for Intl (null when it is not one). */
function toDate(day: IsoDate): Date | null {
  const m = ISO_DAY.exec(day);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

/** Monday 0 .. Sunday 6: weeks start on Monday here, as in Russia and most of Europe. */
export function weekdayIndex(day: IsoDate): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/**
 * Days one can pick by weekday: the working days (Monday to Friday) left in this week after
 * today, and those of next week. Weekends are left out: due days fall on working days, and a
 * Saturday can still be typed or picked from a preset.
 */
export function weekdayChoices(from: IsoDate): { thisWeek: IsoDate[]; nextWeek: IsoDate[] } {
  const monday = addDays(from, -weekdayIndex(from));
  const week = (start: IsoDate) => [0, 1, 2, 3, 4].map((i) => addDays(start, i));
  return {
    thisWeek: week(monday).filter((d) => d > from),
    nextWeek: week(addDays(monday, 7)),
  };
}

/** A day next to today, which reads better as a word than as a date; null for any other day. */
export type NearDay = 'yesterday' | 'today' | 'tomorrow';
export function nearDay(day: IsoDate, from: IsoDate): NearDay | null {
  if (!ISO_DAY.test(day)) return null;
  const days = daysBetween(from, day);
  return days === -1 ? 'yesterday' : days === 0 ? 'today' : days === 1 ? 'tomorrow' : null;
}

/**
 * Making an Intl.DateTimeFormat costs far more than using one, and an account's panel shows a
 * dozen dates: one formatter per language and form, made once (the bench found about 4 ms of each
 * account's render in making them).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, style: DayStyle, withYear: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${style}|${withYear}`;
  let found = formatters.get(key);
  if (!found) {
    const options: Intl.DateTimeFormatOptions =
      style === 'numeric'
        ? { day: '2-digit', month: '2-digit', year: 'numeric' }
        : {
            day: 'numeric',
            month: 'short',
            ...(style === 'weekday' ? { weekday: 'short' } : {}),
            ...(withYear ? { year: 'numeric' } : {}),
          };
    found = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, found);
  }
  return found;
}

/**
 * How a day is written: 'short' "11 Dec" / "Dec 11", 'weekday' "Fri 11 Dec" / "Fri, Dec 11",
 * both with the year when it is not this year; 'numeric' is how the language types a date:
 * "11.12.2026" in Russian, "12/11/2026" in US English, "11/12/2026" in British English.
 */
export type DayStyle = 'short' | 'weekday' | 'numeric';

/** A YYYY-MM-DD day in the given language and style; anything else comes back as it is. */
export function formatDayIn(
  locale: string,
  day: IsoDate,
  style: DayStyle = 'short',
  now: number = Date.now(),
): string {
  const date = toDate(day);
  if (!date) return day;
  const withYear = style !== 'numeric' && date.getFullYear() !== new Date(now).getFullYear();
  return formatter(locale, style, withYear).format(date);
}

/** An instant's local day, in the given language ('short' style). */
export function formatInstantIn(locale: string, at: number, now: number = Date.now()): string {
  return formatDayIn(locale, toIsoDate(new Date(at)), 'short', now);
}

/** The order of day, month and year in a typed date, and the mark between them, per language. */
export function numericOrder(locale: string): { order: ('d' | 'm' | 'y')[]; separator: string } {
  const parts = formatter(locale, 'numeric', false).formatToParts(new Date(2026, 11, 11));
  const order = parts
    .map((p) => ({ day: 'd', month: 'm', year: 'y' })[p.type as string] as 'd' | 'm' | 'y')
    .filter(Boolean);
  const separator = parts.find((p) => p.type === 'literal')?.value.trim() || '/';
  return order.length === 3 ? { order, separator } : { order: ['y', 'm', 'd'], separator: '-' };
}

/**
 * What to type, as the field's placeholder: "dd.mm.yyyy", "mm/dd/yyyy". `letters` gives the
 * language's own letters for day, month and year ("d", "m", "y"; "д", "м", "г" in Russian).
 */
export function datePattern(locale: string, letters: [string, string, string]): string {
  const { order, separator } = numericOrder(locale);
  const [d, m, y] = letters;
  const part = { d: d + d, m: m + m, y: y + y + y + y };
  return order.map((k) => part[k]).join(separator);
}

export type ParsedDay = { ok: true; day: IsoDate } | { ok: false; problem: 'empty' | 'invalid' };
const invalid: ParsedDay = { ok: false, problem: 'invalid' };
/**
 * A date as a person types it, in their language's order: "11.12.2026", "11.12.26", "11.12"
 * (this year) in Russian; "12/11/2026", "12/11" in US English. Any of . / - or a space may
 * separate the parts, and YYYY-MM-DD is always understood. Nothing is guessed: a day that does
 * not exist (31.11) or a part out of order is refused rather than read another way.
 */
export function parseTypedDay(text: string, locale: string, from: IsoDate): ParsedDay {
  const value = text.trim();
  if (!value) return { ok: false, problem: 'empty' };
  if (ISO_DAY.test(value)) return isRealDate(value) ? { ok: true, day: value } : invalid;
  const pieces = value.split(/\s*[./\-\s]\s*/).filter(Boolean);
  if (pieces.length < 2 || pieces.length > 3 || pieces.some((p) => !/^\d{1,4}$/.test(p))) {
    return invalid;
  }
  const { order } = numericOrder(locale);
  // Without a year the order is that of the day and month alone.
  const used = pieces.length === 3 ? order : order.filter((k) => k !== 'y');
  const got: Partial<Record<'d' | 'm' | 'y', string>> = {};
  used.forEach((k, i) => (got[k] = pieces[i]));
  const year = got.y === undefined ? from.slice(0, 4) : got.y;
  if (got.d!.length > 2 || got.m!.length > 2 || ![2, 4].includes(year.length)) return invalid;
  const pad = (s: string) => s.padStart(2, '0');
  const iso = `${year.length === 2 ? `20${year}` : year}-${pad(got.m!)}-${pad(got.d!)}`;
  return isRealDate(iso) ? { ok: true, day: iso } : invalid;
}
