/**
 * Counts shown as badges stop at COUNT_CAP: "99+" says as much as "13,417", and counting every
 * index entry on each page load costs tens of milliseconds at 100,000 accounts.
 */
export const COUNT_CAP = 100;

/** "7", or "99+" from the cap on. */
export function formatCount(n: number): string {
  return n >= COUNT_CAP ? `${COUNT_CAP - 1}+` : String(n);
}
