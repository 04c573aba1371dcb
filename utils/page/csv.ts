/**
 * CSV import of accounts and people, and CSV export of accounts. Pure: text in, records and
 * problems out; the options page only shows the report and sends one importData. This module is
 * the one the pages import; the work is split by what it does:
 *
 * - csv-encoding.ts: bytes to text (UTF-8 with or without BOM, UTF-16, Windows-1251);
 * - csv-table.ts: text to a table of rows (separator, header, broken rows, line numbers);
 * - csv-values.ts: the values in cells (enums in any case, list cells, domains);
 * - csv-dates.ts: due dates as YYYY-MM-DD, DD.MM.YYYY or MM/DD/YYYY;
 * - csv-row-check.ts: the checks every row goes through;
 * - csv-accounts.ts, csv-people.ts: rows to accounts and people (their columns are listed there);
 * - csv-result.ts: the report, and the merge-mode backup that writes it;
 * - csv-cells.ts, csv-export.ts: accounts.csv out, with formula injection neutralised.
 */
export { neutraliseCell, restoreCell } from './csv-cells';
export {
  CSV_DELIMITERS,
  CSV_MAX_ROWS,
  canonicalHeader,
  detectDelimiter,
  readCsv,
  type CsvDelimiter,
  type CsvFormat,
  type CsvRow,
  type CsvTable,
} from './csv-table';
export { cleanDomain, parseAttitude, parsePotential, parseRole, parseStage } from './csv-values';
export {
  csvBackup,
  hasProblems,
  type AccountImport,
  type CsvResult,
  type ImportContext,
  type PeopleContext,
} from './csv-result';
export { ACCOUNT_COLUMNS, accountsFromCsv } from './csv-accounts';
export { PERSON_COLUMNS, peopleFromCsv } from './csv-people';
export { accountsToCsv, csvFileName } from './csv-export';
export { LINE_COLUMNS, linesToCsv } from './csv-lines';
