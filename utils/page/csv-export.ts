/**
 * CSV export of accounts: the accounts.csv columns (csv-accounts.ts), so an exported file imports
 * cleanly, with would-be formulas neutralised (csv-cells.ts).
 */
import Papa from 'papaparse';
import type { Account } from '@/utils/contract/model';
import { ACCOUNT_COLUMNS } from './csv-accounts';
import { neutraliseCell } from './csv-cells';

/** accounts.csv for these accounts, with a byte-order mark so spreadsheets read it as UTF-8. */
export function accountsToCsv(accounts: readonly Account[]): string {
  const rows = accounts.map((a) =>
    [
      a.name,
      a.domains.join('; '),
      a.stage,
      a.potential,
      a.nextAction?.text ?? '',
      a.nextAction?.due ?? '',
      a.profile.goals,
    ].map(neutraliseCell),
  );
  return (
    '\uFEFF' +
    Papa.unparse(
      { fields: [...ACCOUNT_COLUMNS], data: rows },
      { newline: '\r\n', quotes: false, escapeFormulae: false },
    ) +
    '\r\n'
  );
}

/** "rapport-accounts-2026-11-28.csv": the local calendar day of `now`. */
export function csvFileName(kind: 'accounts' | 'relationships', day: string): string {
  return `rapport-${kind}-${day}.csv`;
}
