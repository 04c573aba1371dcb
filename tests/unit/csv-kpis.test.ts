/** The KPIs' CSV file: one row per account then the portfolio's, formulas neutralised. */
import { describe, expect, it } from 'vitest';
import { kpiCsvFileName, kpisToCsv } from '@/utils/page/csv-kpis';
import { NO_KPIS, type KpiReport } from '@/utils/shared/kpis';
import { parseHash } from '@/utils/page/account-list';

const report: KpiReport = {
  period: { first: '2026-10-01', last: '2026-12-31' },
  rows: [
    {
      accountId: 'a',
      name: '=HYPERLINK("x")',
      kpis: { ...NO_KPIS, keyPlayers: 3, keptInCadence: 2 },
    },
    {
      accountId: 'b',
      name: 'Globex, Inc',
      kpis: { ...NO_KPIS, doneCounted: 1, doneOnTime: 1, stageDown: 1 },
    },
  ],
  total: {
    ...NO_KPIS,
    keyPlayers: 3,
    keptInCadence: 2,
    doneCounted: 1,
    doneOnTime: 1,
    stageDown: 1,
  },
};

describe('kpisToCsv', () => {
  it('writes every account, then the portfolio, with empty percentages where nothing was counted', () => {
    const lines = kpisToCsv(report, report.rows, '+Total').split('\r\n');
    expect(lines[0]!.startsWith('\uFEFFaccount,period_first,period_last,key_players,')).toBe(true);
    expect(lines.slice(1)).toEqual([
      `"'=HYPERLINK(""x"")",2026-10-01,2026-12-31,3,2,67,0,0,,0,0,0,0,0`,
      '"Globex, Inc",2026-10-01,2026-12-31,0,0,,1,1,100,0,0,1,0,0',
      "'+Total,2026-10-01,2026-12-31,3,2,67,1,1,100,0,0,1,0,0",
      '',
    ]);
    expect(kpiCsvFileName(report)).toBe('rapport-kpis-2026-10-01-2026-12-31.csv');
  });

  it('the accounts page opens the KPIs view from its address', () => {
    expect(parseHash('#view=kpis')).toEqual({ kind: 'list', view: 'kpis' });
    expect(parseHash('#view=kpi')).toEqual({ kind: 'list', view: 'table' });
  });
});
