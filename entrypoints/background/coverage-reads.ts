/**
 * Each account's coverage for the account list: every person read in one request and grouped by
 * account, then the one rule (utils/shared/coverage.ts) applied per account.
 */
import { answer } from './account-reads';
import type { Person } from '@/utils/contract/model';
import { coverageOf, type Coverage } from '@/utils/shared/coverage';

export async function coverageByAccount(tx: IDBTransaction): Promise<Map<string, Coverage>> {
  const people = (await answer(tx.objectStore('people').getAll())) as Person[];
  const byAccount = new Map<string, Person[]>();
  for (const p of people) {
    const list = byAccount.get(p.accountId);
    if (list) list.push(p);
    else byAccount.set(p.accountId, [p]);
  }
  const out = new Map<string, Coverage>();
  for (const [accountId, list] of byAccount) out.set(accountId, coverageOf(list));
  return out;
}
