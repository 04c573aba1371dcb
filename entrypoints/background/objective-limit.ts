/**
 * An import must not leave an account plan with more than MAX_OBJECTIVES objectives that are not
 * dropped, the limit the objective handlers keep. An import can break it in two ways: a file that
 * holds too many for one account, or a merge that adds a file's objectives to those the store
 * already has. So the check runs after the import's puts, in the same transaction, on what the
 * store then holds for each account the file named; the caller throws and the transaction is
 * aborted, so the store is left exactly as it was (like the orphan and duplicate-id checks).
 */
import { MAX_OBJECTIVES } from '@/utils/contract/limits';
import type { Tx } from './handlers/common';
import { countsAgainstLimit } from './handlers/objectives';

/** The words of the refusal: the account by name, how many, and that nothing changed. */
export function objectiveLimitText(account: string, active: number): string {
  return (
    `"${account}" would have ${active} objectives that are not dropped; an account plan holds ` +
    `at most ${MAX_OBJECTIVES}. Drop or remove some in the file, then import it again. Nothing was changed.`
  );
}

/**
 * The first account (of `accountIds`, in order) that now holds more than MAX_OBJECTIVES
 * objectives that are not dropped, worded for the user; null when every one is within the limit.
 * `tx` must cover the accounts and objectives stores and see the import's puts.
 */
export async function findOverfullPlan(
  tx: Tx,
  accountIds: Iterable<string>,
): Promise<string | null> {
  for (const id of new Set(accountIds)) {
    const objectives = await tx.objectStore('objectives').index('byAccount').getAll(id);
    const active = objectives.filter((o) => countsAgainstLimit(o.status)).length;
    if (active <= MAX_OBJECTIVES) continue;
    const account = await tx.objectStore('accounts').get(id);
    return objectiveLimitText(account?.name ?? id, active);
  }
  return null;
}
