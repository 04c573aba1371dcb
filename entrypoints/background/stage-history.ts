/**
 * An account's stage history as the views show it, with the account's start in it.
 *
 * A new account's first stage is not stored as a stage change: creating an account (or importing
 * 10,000 from a CSV file) writes the account alone, not a second record per account, and the
 * start can always be told from what is stored. It is the stage the oldest move left (or, never
 * moved, the stage the account is in) since the account was created. Stores and backups from
 * before keep their stored start (`from: null`), and then nothing is added.
 */
import type { Account, StageChange } from '@/utils/contract/model';

/** `newestFirst` with the account's start at its end, when no stored change is the start. */
export function withStart(account: Account, newestFirst: StageChange[]): StageChange[] {
  if (newestFirst.some((c) => c.from === null)) return newestFirst;
  const oldest = newestFirst.at(-1);
  const start: StageChange = {
    // The account's own id: no stored stage change has it, and it stays the same on every read.
    id: account.id,
    accountId: account.id,
    from: null,
    to: oldest?.from ?? account.stage,
    at: Math.min(account.createdAt, oldest?.at ?? account.createdAt),
    reason: '',
  };
  return [...newestFirst, start];
}
