/**
 * What the Data section's features share: the line that reports an outcome, an import's summary
 * in words, and the backup kept after an erase or a replace so that one click puts the data back.
 */
import { browser } from 'wxt/browser';
import type { Backup, ImportSummary } from '@/utils/contract/messages';
import { t, uiLocale } from '@/utils/shared/i18n';
import { today } from '@/utils/shared/dates';
import { downloadText } from '@/utils/page/download';
import { MAX_KEPT_BACKUP_CHARS, backupFileName } from '@/utils/page/backup-file';
import { WIPE_BACKUP_KEY } from '@/utils/contract/storage-keys';

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

/** A backup kept after an erase or a replace, so one click puts the data back. */
export interface KeptBackup {
  savedAt: number;
  backup: Backup;
}

export async function readKept(): Promise<KeptBackup | null> {
  const got = await browser.storage.local.get(WIPE_BACKUP_KEY);
  const kept = got[WIPE_BACKUP_KEY] as KeptBackup | undefined;
  return kept && typeof kept.savedAt === 'number' && kept.backup ? kept : null;
}

/**
 * Downloads `backup` and keeps it in storage.local when it is small enough (a huge one is only
 * downloaded: storage is not the place for tens of megabytes). Returns whether it was kept.
 */
export async function keepBackup(backup: Backup, label: string): Promise<boolean> {
  const text = JSON.stringify(backup);
  downloadText(backupFileName(`${today()}-${label}`), text, 'application/json');
  if (text.length > MAX_KEPT_BACKUP_CHARS) {
    // An older kept backup would now be misleading: it is not the data just erased.
    await browser.storage.local.remove(WIPE_BACKUP_KEY);
    return false;
  }
  const kept: KeptBackup = { savedAt: Date.now(), backup };
  await browser.storage.local.set({ [WIPE_BACKUP_KEY]: kept });
  return true;
}

export function formatWhen(at: number): string {
  return new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(at),
  );
}

// ---------------------------------------------------------------------------------------------
