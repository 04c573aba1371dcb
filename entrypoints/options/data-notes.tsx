/**
 * What the Data section's features share: the line that reports an outcome, an import's summary
 * in words, and the backup kept after an erase or a replace so that one click puts the data back.
 */
import type { Backup, ImportSummary } from '@/utils/contract/messages';
import { t, uiLocale } from '@/utils/shared/i18n';
import { today } from '@/utils/shared/dates';
import { downloadText } from '@/utils/page/download';
import { MAX_KEPT_BACKUP_CHARS, backupFileName } from '@/utils/page/backup-file';
import { dropKept, putKept, type KeptBackup } from '@/utils/page/kept-backup';

export { readKept, type KeptBackup } from '@/utils/page/kept-backup';

export type Note = { tone: 'ok' | 'error'; text: string } | null;

export function NoteLine({ note }: { note: Note }) {
  if (!note) return null;
  return (
    <p
      class={note.tone === 'ok' ? 'note ok' : 'note error'}
      role={note.tone === 'ok' ? 'status' : 'alert'}
    >
      {note.text}
    </p>
  );
}

export function summaryText(summary: ImportSummary): string {
  return t('optionsImported', [
    summary.counts.accounts,
    summary.counts.people,
    summary.counts.activities + summary.counts.decisions + summary.counts.stageChanges,
  ]);
}

/**
 * Downloads `backup` and keeps it (utils/page/kept-backup.ts) when it is small enough (a huge one is only
 * downloaded: storage is not the place for tens of megabytes). Returns whether it was kept.
 */
export async function keepBackup(backup: Backup, label: string): Promise<boolean> {
  const text = JSON.stringify(backup);
  downloadText(backupFileName(`${today()}-${label}`), text, 'application/json');
  if (text.length > MAX_KEPT_BACKUP_CHARS) {
    // An older kept backup would now be misleading: it is not the data just erased.
    await dropKept();
    return false;
  }
  const kept: KeptBackup = { savedAt: Date.now(), backup };
  await putKept(kept);
  return true;
}

export function formatWhen(at: number): string {
  return new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(at),
  );
}

// ---------------------------------------------------------------------------------------------
