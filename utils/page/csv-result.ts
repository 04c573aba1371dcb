/**
 * What a CSV import yields before anything is written: the records, the rows refused or skipped
 * by line, and the one merge-mode backup that writes them.
 */
import type { LineProblem, Problem } from '@/utils/shared/problem';
import type { Account, Person } from '@/utils/contract/model';
import type { Backup } from '@/utils/contract/messages';
import type { DateReading, SlashRule } from './csv-dates';
import type { CsvFormat, CsvTable } from './csv-table';

export interface ImportContext {
  /** Every account in the store now. */
  accounts: readonly Account[];
  /** Every person in the store now. */
  people: readonly Person[];
  now: number;
  newId: () => string;
}

export interface PeopleContext extends ImportContext {
  /** Accounts created by the same import (from accounts.csv), which people may name too. */
  newAccounts: readonly Account[];
}

export interface CsvResult<T> {
  /** Rows that became records, with their lines. */
  records: { line: number; record: T }[];
  /** Rows that cannot be imported, with why. */
  invalid: LineProblem[];
  /** Rows left out because what they describe already exists. */
  skipped: LineProblem[];
  warnings: Problem[];
  /** Refused as a whole (empty file, missing column ...): nothing else is meaningful. */
  fatal: Problem | null;
  /** The encoding and separator the file was read with; null when it could not be read. */
  format: CsvFormat | null;
}

export interface AccountImport extends CsvResult<Account> {
  /** How dates with slashes were read (null: the file has none), and each imported one that
   * could have been read the other way round. */
  dates: { slash: SlashRule | null; ambiguous: DateReading[] };
}

/** A result with no records yet: what the table itself refused or warned of. */
export function resultOf<T>(table: CsvTable): CsvResult<T> {
  return {
    records: [],
    invalid: [...table.broken],
    skipped: [],
    warnings: table.warnings,
    fatal: table.fatal,
    format: table.format,
  };
}

/** The one merge-mode backup a CSV import writes: only new records, so nothing is overwritten. */
export function csvBackup(
  accounts: AccountImport | null,
  people: CsvResult<Person> | null,
  now: number,
  schemaVersion: number,
): Backup {
  return {
    format: 'rapport-backup',
    schemaVersion,
    exportedAt: now,
    accounts: accounts?.records.map((r) => r.record) ?? [],
    people: people?.records.map((r) => r.record) ?? [],
    activities: [],
    decisions: [],
    stageChanges: [],
    objectives: [],
    buyingUnits: [],
    whitespace: [],
  };
}

/**
 * Whether a result blocks a plain import (the user may still choose to skip invalid rows). People
 * whose account row was skipped as invalid find no account, so they are invalid too: nobody is
 * silently attached to another company.
 */
export function hasProblems(result: CsvResult<unknown> | null): boolean {
  return !!result && (result.fatal !== null || result.invalid.length > 0);
}
