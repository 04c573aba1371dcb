/**
 * Reads of the account plan's objectives for the accounts table: how many objectives each account
 * has at risk, through the objectives' byStatus index (db.ts, version 8). Only the objectives at
 * risk are read: a handful per account at most (MAX_OBJECTIVES), never every objective stored, so
 * the table's filter stays one index read at 10,000 accounts.
 */
import { answer } from './account-reads';
import type { Objective } from '@/utils/contract/model';

/** Account id -> objectives at risk; accounts with none are absent. */
export async function atRiskByAccount(tx: IDBTransaction): Promise<Map<string, number>> {
  const found = (await answer(
    tx.objectStore('objectives').index('byStatus').getAll('at_risk'),
  )) as Objective[];
  const counts = new Map<string, number>();
  for (const o of found) counts.set(o.accountId, (counts.get(o.accountId) ?? 0) + 1);
  return counts;
}
