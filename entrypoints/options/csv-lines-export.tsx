/**
 * CSV export of the relationship map: relationships.csv, one row per line between two people
 * (utils/page/csv-lines.ts), read from the same export the JSON backup uses.
 */
import { useState } from 'preact/hooks';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import { today } from '@/utils/shared/dates';
import { downloadText } from '@/utils/page/download';
import { csvFileName, linesToCsv } from '@/utils/page/csv';
import { accountLines } from '@/utils/shared/relationships';
import { type Note, NoteLine } from './data-notes';

export function CsvLinesExport() {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const run = async () => {
    setBusy(true);
    setNote(null);
    const r = await send('exportData', {});
    setBusy(false);
    if (!r.ok) return setNote({ tone: 'error', text: t('optionsFailed', r.error) });
    const { accounts, people } = r.data;
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
