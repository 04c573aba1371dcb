/**
 * The meeting brief's address (entrypoints/brief/): `brief.html?account=ID` for an account, with
 * one `with=` per thread address for a thread's brief. The page only asks the worker for it
 * (getBrief, Rapport's own pages only): the address chooses which account's brief to show and
 * narrows its attendees to that account's people, never more. Host pages cannot open it at all:
 * it is not a web-accessible resource.
 */
export const BRIEF_PAGE = '/brief.html';

export interface BriefQuery {
  accountId: string;
  /** A thread's addresses; absent for the whole account. */
  attendees?: string[];
}

export function briefHref(accountId: string, attendees?: readonly string[]): string {
  const query = new URLSearchParams({ account: accountId });
  for (const email of attendees ?? []) query.append('with', email);
  return `${BRIEF_PAGE}?${query.toString()}`;
}

/** What the address asks for, or null when it names no account. The worker checks the rest. */
export function parseBriefQuery(search: string): BriefQuery | null {
  const query = new URLSearchParams(search);
  const accountId = query.get('account');
  if (!accountId) return null;
  const attendees = query.getAll('with');
  return attendees.length > 0 ? { accountId, attendees } : { accountId };
}
