/**
 * CSV export of the accounts, in the columns that CSV import reads.
 */
import type { Account } from '@/utils/contract/model';
import { t } from '@/utils/shared/i18n';
import { today } from '@/utils/shared/dates';
import { accountsToCsv, csvFileName } from '@/utils/page/csv';
import { readAllRecords } from '@/utils/page/paged-records';
import { readRecordsPage } from './backup-transfer';
import { CsvDownload } from './csv-download';

async function accountsFile() {
  const accounts = await readAllRecords<Account>('accounts', readRecordsPage);
  const name = csvFileName('accounts', today());
  accounts.sort((a, b) => a.name.localeCompare(b.name));
  return {
    name,
    csv: accountsToCsv(accounts),
    done: t('optionsExported', [accounts.length, name]),
  };
}

export function CsvExport() {
  return (
    <CsvDownload
      heading={t('optionsCsvExportHeading')}
      hint={t('optionsCsvExportHint')}
      button={t('optionsCsvExportButton')}
      build={accountsFile}
    />
  );
}
