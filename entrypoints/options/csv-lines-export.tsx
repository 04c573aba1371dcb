/**
 * CSV export of the relationship map: relationships.csv, one row per line between two people
 * (utils/page/csv-lines.ts), from the accounts and people read a page at a time.
 */
import { useState } from 'preact/hooks';
import type { Account, Person } from '@/utils/contract/model';
import { t } from '@/utils/shared/i18n';
import { today } from '@/utils/shared/dates';
import { downloadText } from '@/utils/page/download';
import { csvFileName, linesToCsv } from '@/utils/page/csv';
import { accountLines } from '@/utils/shared/relationships';
import { readAllRecords } from '@/utils/page/paged-records';
import { readRecordsPage } from './backup-transfer';
import { type Note, NoteLine } from './data-notes';

export function CsvLinesExport() {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const run = async () => {
    setBusy(true);
    setNote(null);
    let accounts: Account[];
    let people: Person[];
    try {
      accounts = await readAllRecords<Account>('accounts', readRecordsPage);
      people = await readAllRecords<Person>('people', readRecordsPage);
    } catch (e) {
      return setNote({
        tone: 'error',
        text: t('optionsFailed', e instanceof Error ? e.message : ''),
      });
    } finally {
      setBusy(false);
    }
    const name = csvFileName('relationships', today());
    const count = accounts.reduce((n, a) => n + accountLines(people, a.id).length, 0);
    downloadText(name, linesToCsv(accounts, people), 'text/csv;charset=utf-8');
    setNote({ tone: 'ok', text: t('optionsLinesExported', [count, name]) });
  };
  return (
    <div class="subsection">
      <h3>{t('optionsLinesExportHeading')}</h3>
      <p class="hint">{t('optionsLinesExportHint')}</p>
      <button
        type="button"
        class="btn"
        data-testid="export-lines"
        disabled={busy}
        onClick={() => void run()}
      >
        {t('optionsLinesExportButton')}
      </button>
      <NoteLine note={note} />
    </div>
  );
}
