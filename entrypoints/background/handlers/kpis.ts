/**
 * The KPIs of a period (utils/shared/kpis.ts): every record they need is read in one read-only
 * transaction, one getAll per store, grouped by account, then each account's figures and their
 * sum. At 10,000 accounts this is a few hundred thousand records, read once (tests/unit/kpis-read
 * says how long it takes there).
 */
import type { RecordKind } from '@/utils/contract/records';
import { accountKpis, sumKpis, type KpiRecords, type KpiRow } from '@/utils/shared/kpis';
import type { Handlers } from './common';

type Grouped = { [K in keyof KpiRecords]: KpiRecords[K][number][] };
const STORES = ['people', 'activities', 'stageChanges', 'objectives', 'whitespace'] as const;

export const kpiHandlers = {
  async readKpis(req, ctx) {
    const settings = await ctx.settings();
    const now = ctx.now();
    const tx = ctx.db.transaction(['accounts', ...STORES] satisfies RecordKind[]);
    const [accounts, ...lists] = await Promise.all([
      tx.objectStore('accounts').getAll(),
      ...STORES.map((s) => tx.objectStore(s).getAll()),
    ]);
    const byAccount = new Map<string, Grouped>();
    for (const a of accounts) {
      byAccount.set(a.id, {
        people: [],
        activities: [],
        stageChanges: [],
        objectives: [],
        whitespace: [],
      });
    }
    STORES.forEach((store, i) => {
      for (const record of lists[i] as { accountId: string }[]) {
        // A record of an account that is gone (it cannot be, but a KPI must not throw) is skipped.
        const group = byAccount.get(record.accountId);
        if (group) (group[store] as unknown[]).push(record);
      }
    });
    const period = { first: req.first, last: req.last };
    const rows: KpiRow[] = accounts.map((a) => ({
      accountId: a.id,
      name: a.name,
      kpis: accountKpis(byAccount.get(a.id)!, period, settings.roleCadenceDays, now),
    }));
    return { data: { period, rows, total: sumKpis(rows.map((r) => r.kpis)) }, changed: [] };
  },
} satisfies Partial<Handlers>;
