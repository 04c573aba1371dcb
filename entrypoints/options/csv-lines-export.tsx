/**
 * CSV export of the relationship map: relationships.csv, one row per line between two people
 * (utils/page/csv-lines.ts), from the accounts and people read a page at a time.
 */
import type { Account, Person } from '@/utils/contract/model';
import { t } from '@/utils/shared/i18n';
import { today } from '@/utils/shared/dates';
import { csvFileName, linesToCsv } from '@/utils/page/csv';
import { accountLines } from '@/utils/shared/relationships';
import { readAllRecords } from '@/utils/page/paged-records';
import { readRecordsPage } from './backup-transfer';
import { CsvDownload } from './csv-download';

async function linesFile() {
  const accounts = await readAllRecords<Account>('accounts', readRecordsPage);
  const people = await readAllRecords<Person>('people', readRecordsPage);
  const name = csvFileName('relationships', today());
  const count = accounts.reduce((n, a) => n + accountLines(people, a.id).length, 0);
  return {
    name,
    csv: linesToCsv(accounts, people),
    done: t('optionsLinesExported', [count, name]),
  };
}

export function CsvLinesExport() {
  return (
    <CsvDownload
      heading={t('optionsLinesExportHeading')}
      hint={t('optionsLinesExportHint')}
      button={t('optionsLinesExportButton')}
      testId="export-lines"
      build={linesFile}
    />
  );
}
