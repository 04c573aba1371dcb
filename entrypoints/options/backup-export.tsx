/**
 * Export: the whole store as one JSON backup file, at any size. The background copies the store
 * into a snapshot in one transaction (so the file is one moment's data), the page reads it out a
 * page at a time into the file, and the snapshot is dropped.
 */
import { useState } from 'preact/hooks';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import { type Note, NoteLine, ProgressLine } from './data-notes';
import { downloadBackup } from './backup-transfer';

export function ExportBackup() {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const run = async () => {
    setBusy(true);
    setNote(null);
    try {
      const snapshot = await send('snapshotBackup', {});
      if (!snapshot.ok) return setNote({ tone: 'error', text: t('optionsFailed', snapshot.error) });
      try {
        const name = await downloadBackup(snapshot.data, '', setProgress);
        setNote({ tone: 'ok', text: t('optionsExported', [snapshot.data.counts.accounts, name]) });
      } catch (e) {
        setNote({ tone: 'error', text: t('optionsFailed', e instanceof Error ? e.message : '') });
      } finally {
        // The snapshot held every record only for this file; should this fail, the background
        // drops it within the hour.
        await send('deleteBackup', { backupId: snapshot.data.id });
      }
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };
  return (
    <div class="subsection">
      <h3>{t('optionsExportHeading')}</h3>
      <p class="hint">{t('optionsExportHint')}</p>
      <button type="button" class="btn" disabled={busy} onClick={() => void run()}>
        {t('optionsExportButton')}
      </button>
      <ProgressLine progress={progress} />
      <NoteLine note={note} />
    </div>
  );
}
