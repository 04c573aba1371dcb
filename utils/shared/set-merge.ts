/**
 * The merge rule for a setting that is a set of items (own domains, switched-off sites): a write
 * is what the page added and removed relative to the list it read, not a whole new list. Two pages
 * that each add an item both keep theirs; a removal in one and an addition in another both apply.
 * Only a merge whose result could not be kept (more items than allowed) is a conflict.
 */

export type SetMerge<T> = { ok: true; next: T[] } | { ok: false };

/**
 * `mine` (the page's new list) read at `base`, applied to `current` (the list stored now): the
 * items the page removed leave, those it added join at the end in the page's order; every other
 * item of `current`, including ones added elsewhere meanwhile, stays where it is. `max`: the most
 * items the setting may hold; a merge beyond it is refused rather than cut.
 */
export function mergeSet<T>(
  current: readonly T[],
  mine: readonly T[],
  base: readonly T[],
  max = Number.POSITIVE_INFINITY,
): SetMerge<T> {
  const read = new Set(base);
  const wanted = new Set(mine);
  const removed = new Set(base.filter((item) => !wanted.has(item)));
  const next = current.filter((item) => !removed.has(item));
  const kept = new Set(next);
  for (const item of mine) {
    if (read.has(item) || kept.has(item)) continue;
    next.push(item);
    kept.add(item);
  }
  return next.length > max ? { ok: false } : { ok: true, next };
}
