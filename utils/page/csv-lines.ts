/**
 * CSV export of the relationship map (issue 18): one row per line between two people, with the
 * account, both ends (name and first email, so a reader can tell two people of one name apart),
 * the kind as stored and the note. Only the lines that the account page draws: both ends present
 * and in the same account (utils/shared/relationships.ts). Would-be formulas are neutralised.
 */
import Papa from 'papaparse';
import type { Account, Person } from '@/utils/contract/model';
import { accountLines } from '@/utils/shared/relationships';
import { neutraliseCell } from './csv-cells';

export const LINE_COLUMNS = [
  'account',
  'from',
  'from_email',
  'line',
  'to',
  'to_email',
  'note',
] as const;

/** relationships.csv for these accounts' people, sorted by account, then by who the line is from. */
export function linesToCsv(accounts: readonly Account[], people: readonly Person[]): string {
  const byName = [...accounts].sort(
    (a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1),
  );
  const rows = byName.flatMap((account) =>
    accountLines(people, account.id)
      .sort(
        (a, b) =>
          a.from.name.localeCompare(b.from.name) ||
          a.to.name.localeCompare(b.to.name) ||
          a.kind.localeCompare(b.kind),
      )
      .map((l) =>
        [
          account.name,
          l.from.name,
          l.from.emails[0] ?? '',
          l.kind,
          l.to.name,
          l.to.emails[0] ?? '',
          l.note,
        ].map(neutraliseCell),
      ),
  );
  // With no rows Papa ends the header with a newline of its own: one newline ends the file.
  const table = Papa.unparse(
    { fields: [...LINE_COLUMNS], data: rows },
    { newline: '\r\n', quotes: false, escapeFormulae: false },
  ).replace(/\r\n$/, '');
  return `\uFEFF${table}\r\n`;
}
