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
