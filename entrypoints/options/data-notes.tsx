/**
 * What the Data section's features share: the line that reports an outcome, an import's summary
 * in words, and a backup an earlier Rapport kept in extension storage.
 */
import { browser } from 'wxt/browser';
import type { Backup, ImportSummary } from '@/utils/contract/messages';
import { t, uiLocale } from '@/utils/shared/i18n';
import { RECORD_KINDS } from '@/utils/contract/records';
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

/** How far a backup's pages have come, while they are read or written. */
export function ProgressLine({ progress }: { progress: number | null }) {
  if (progress === null) return null;
  return (
    <p class="muted" role="status">
      {t('optionsBackupProgress', progress)}
    </p>
  );
}

/** "Imported. Accounts: 3 · people: 2", with the other records counted when there are any. */
export function summaryText({ counts }: ImportSummary): string {
  const other = RECORD_KINDS.filter((k) => k !== 'accounts' && k !== 'people').reduce(
    (n, k) => n + counts[k],
    0,
  );
  return other === 0
    ? t('optionsImportedAccountsPeople', [counts.accounts, counts.people])
    : t('optionsImported', [counts.accounts, counts.people, other]);
}

/**
 * A backup an earlier Rapport kept in extension storage after an erase or a replace (now they are
 * kept in the store: kept-backups.tsx); still shown, so one click puts that data back.
 */
export interface KeptBackup {
  savedAt: number;
  backup: Backup;
}

export async function readKept(): Promise<KeptBackup | null> {
  const got = await browser.storage.local.get(WIPE_BACKUP_KEY);
  const kept = got[WIPE_BACKUP_KEY] as KeptBackup | undefined;
  return kept && typeof kept.savedAt === 'number' && kept.backup ? kept : null;
}

export function formatWhen(at: number): string {
  return new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(at),
  );
}

// ---------------------------------------------------------------------------------------------
