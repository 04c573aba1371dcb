/**
 * The stored progress of the account key rewrite (key-rewrite.ts): the id of the last account
 * rewritten, so a worker stopped between two batches goes on from there. It lives in the meta
 * store beside the records; a batch moves it in the same transaction as its puts, so the marker
 * and the records never disagree.
 */

export const KEY_REWRITE = 'accountKeyRewrite';

export interface RewriteMarker {
  /** Every account with an id above this one may still have keys of an older shape. */
  after: string | null;
  done: boolean;
}

/** Inside an upgrade: every account needs its keys written again, from the first. */
export function startKeyRewrite(meta: IDBObjectStore): void {
  meta.put({ after: null, done: false } satisfies RewriteMarker, KEY_REWRITE);
}

/**
 * The accounts not rewritten yet, as a key range of the accounts store (`range: null` is every
 * account), or null when the rewrite is done (or was never needed).
 */
export function pendingAccounts(
  marker: RewriteMarker | undefined,
): { range: IDBKeyRange | null } | null {
  if (!marker || marker.done) return null;
  return { range: marker.after === null ? null : IDBKeyRange.lowerBound(marker.after, true) };
}
