/**
 * Export: the whole store as one JSON backup file.
 */
import { useState } from 'preact/hooks';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import { today } from '@/utils/shared/dates';
import { downloadText } from '@/utils/page/download';
import { backupFileName } from '@/utils/page/backup-file';
import { type Note, NoteLine } from './data-notes';

export function ExportBackup() {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const run = async () => {
    setBusy(true);
    setNote(null);
    const r = await send('exportData', {});
    setBusy(false);
    if (!r.ok) return setNote({ tone: 'error', text: t('optionsFailed', r.error) });
    const name = backupFileName(today());
    downloadText(name, JSON.stringify(r.data), 'application/json');
    setNote({ tone: 'ok', text: t('optionsExported', [r.data.accounts.length, name]) });
  };
  return (
    <div class="subsection">
      <h3>{t('optionsExportHeading')}</h3>
      <p class="hint">{t('optionsExportHint')}</p>
      <button type="button" class="btn" disabled={busy} onClick={() => void run()}>
        {t('optionsExportButton')}
      </button>
      <NoteLine note={note} />
    </div>
  );
}
