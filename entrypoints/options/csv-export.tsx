/**
 * CSV export of the accounts, in the columns that CSV import reads.
 */
import { useState } from 'preact/hooks';
import type { Account } from '@/utils/contract/model';
import { t } from '@/utils/shared/i18n';
import { today } from '@/utils/shared/dates';
import { downloadText } from '@/utils/page/download';
import { accountsToCsv, csvFileName } from '@/utils/page/csv';
import { readAllRecords } from '@/utils/page/paged-records';
import { readRecordsPage } from './backup-transfer';
import { type Note, NoteLine } from './data-notes';

export function CsvExport() {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const run = async () => {
    setBusy(true);
    setNote(null);
    let accounts: Account[];
    try {
      // A page at a time: a big store does not fit in one message.
      accounts = await readAllRecords<Account>('accounts', readRecordsPage);
    } catch (e) {
      return setNote({
        tone: 'error',
        text: t('optionsFailed', e instanceof Error ? e.message : ''),
      });
    } finally {
      setBusy(false);
    }
    const name = csvFileName('accounts', today());
    accounts.sort((a, b) => a.name.localeCompare(b.name));
    downloadText(name, accountsToCsv(accounts), 'text/csv;charset=utf-8');
    setNote({ tone: 'ok', text: t('optionsExported', [accounts.length, name]) });
  };
  return (
    <div class="subsection">
      <h3>{t('optionsCsvExportHeading')}</h3>
      <p class="hint">{t('optionsCsvExportHint')}</p>
      <button type="button" class="btn" disabled={busy} onClick={() => void run()}>
        {t('optionsCsvExportButton')}
      </button>
      <NoteLine note={note} />
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
