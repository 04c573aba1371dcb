/**
 * The bounds the background's schemas enforce and the forms and host adapters keep to, so that a
 * form can word a problem before it sends, and an adapter can stop at a limit instead of having
 * its whole report refused.
 */

/** Days between follow-ups, an account's own or a stage's default: a whole number in this range. */
export const CADENCE_MIN = 1;
export const CADENCE_MAX = 365;

export function isCadence(days: unknown): days is number {
  return (
    Number.isInteger(days) && (days as number) >= CADENCE_MIN && (days as number) <= CADENCE_MAX
  );
}

/** A reminder time of day, "HH:MM" in 24 hours. */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isTimeOfDay(text: string): boolean {
  return TIME_OF_DAY.test(text);
}

/** The user's own email domains, in the settings. */
export const MAX_OWN_DOMAINS = 20;
/** An account's web domains. */
export const MAX_ACCOUNT_DOMAINS = 50;
/** The most people a new account takes at once (createAccount). */
export const MAX_NEW_ACCOUNT_PEOPLE = 50;

/** What a host adapter may report of one page (HostContext). */
export const MAX_PARTICIPANTS = 200;
export const MAX_DOMAINS = 50;
export const MAX_NAMES = 10;

/** The most records of one kind a backup may hold: a bound, so a hostile file cannot exhaust memory. */
export const BACKUP_MAX_RECORDS = 200_000;

/** The account plan: objectives per account, offerings in the settings, buying units per account. */
export const MAX_OBJECTIVES = 5;
export const MAX_OFFERINGS = 20;
/** An offering's name: short enough for a grid's column head. */
export const OFFERING_NAME_MAX = 80;
export const MAX_BUYING_UNITS = 30;

/** The most lines one person may start (utils/shared/relationships.ts): a map stays readable. */
export const MAX_LINES = 30;
