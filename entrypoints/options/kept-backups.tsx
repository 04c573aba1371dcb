/**
 * The backups kept in the store (an erase's, a replace's): each can be restored with one click,
 * downloaded, or deleted for good (asked first). Also an older backup kept in extension storage
 * by an earlier Rapport, restorable the way it was made.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { BackupInfo } from '@/utils/contract/backups';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import { WIPE_BACKUP_KEY } from '@/utils/contract/storage-keys';
import { type KeptBackup, type Note, NoteLine, ProgressLine, formatWhen } from './data-notes';
import { downloadBackup } from './backup-transfer';

function KeptRow({
  text,
  busy,
  onRestore,
  onDownload,
  onDelete,
}: {
  text: string;
  busy: boolean;
  onRestore: () => void;
  onDownload?: () => void;
  onDelete: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) yes.current?.focus();
  }, [confirming]);
  return (
    <li class="kept">
      <p>{text}</p>
      {!confirming ? (
        <div class="actions">
          <button type="button" class="btn primary" disabled={busy} onClick={onRestore}>
            {t('optionsRestore')}
          </button>
          {onDownload && (
            <button type="button" class="btn" disabled={busy} onClick={onDownload}>
              {t('optionsKeptDownload')}
            </button>
          )}
          <button type="button" class="btn" disabled={busy} onClick={() => setConfirming(true)}>
            {t('optionsKeptDelete')}
          </button>
        </div>
      ) : (
        <div class="confirm" role="group">
          <p>
            <strong>{t('optionsKeptDeleteConfirm')}</strong>
          </p>
          <div class="actions">
            <button
              type="button"
              class="btn danger"
              ref={yes}
              disabled={busy}
              onClick={() => {
                setConfirming(false);
                onDelete();
              }}
            >
              {t('optionsKeptDeleteYes')}
            </button>
            <button type="button" class="btn" onClick={() => setConfirming(false)}>
              {t('optionsCancel')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

export function KeptBackups({
  backups,
  legacy,
  onChange,
}: {
  backups: BackupInfo[];
  legacy: KeptBackup | null;
  onChange: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const [progress, setProgress] = useState<number | null>(null);

  const act = async (work: () => Promise<Note>) => {
    setBusy(true);
    setNote(null);
    try {
      setNote(await work());
    } catch (e) {
      setNote({ tone: 'error', text: t('optionsFailed', e instanceof Error ? e.message : '') });
    } finally {
      setBusy(false);
      setProgress(null);
      onChange();
    }
  };
  // Replace when the store is empty (as an erase left it); merge keeps whatever arrived since.
  const modeNow = async () => {
    const now = await send('countAccounts', {});
    return now.ok && now.data === 0 ? 'replace' : 'merge';
  };
  const restore = (b: BackupInfo) =>
    act(async () => {
      const r = await send('restoreBackup', { backupId: b.id, mode: await modeNow() });
      if (!r.ok) return { tone: 'error', text: t('optionsFailed', r.error) };
      return { tone: 'ok', text: t('optionsRestored', r.data.counts.accounts) };
    });
  const download = (b: BackupInfo) =>
    act(async () => {
      setProgress(0);
      const name = await downloadBackup(b, b.reason, setProgress);
      return { tone: 'ok', text: t('optionsExported', [b.counts.accounts, name]) };
    });
  const remove = (b: BackupInfo) =>
    act(async () => {
      const r = await send('deleteBackup', { backupId: b.id });
      if (!r.ok) return { tone: 'error', text: t('optionsFailed', r.error) };
      return { tone: 'ok', text: t('optionsKeptDeleted') };
    });
  const restoreLegacy = (kept: KeptBackup) =>
    act(async () => {
      const r = await send('importData', { backup: kept.backup, mode: await modeNow() });
      if (!r.ok) return { tone: 'error', text: t('optionsFailed', r.error) };
      await browser.storage.local.remove(WIPE_BACKUP_KEY);
      return { tone: 'ok', text: t('optionsRestored', r.data.counts.accounts) };
    });
  const removeLegacy = () =>
    act(async () => {
      await browser.storage.local.remove(WIPE_BACKUP_KEY);
      return { tone: 'ok', text: t('optionsKeptDeleted') };
    });

  if (backups.length === 0 && !legacy && !note) return null;
  return (
    <div class="kept-list" aria-labelledby="kept-heading">
      <h4 id="kept-heading">{t('optionsKeptHeading')}</h4>
      <ul>
        {backups.map((b) => (
          <KeptRow
            key={b.id}
            busy={busy}
            text={t(b.reason === 'erased' ? 'optionsKeptBackup' : 'optionsKeptBeforeReplace', [
              formatWhen(b.createdAt),
              b.counts.accounts,
            ])}
            onRestore={() => void restore(b)}
            onDownload={() => void download(b)}
            onDelete={() => void remove(b)}
          />
        ))}
        {legacy && (
          <KeptRow
            busy={busy}
            text={t('optionsKeptBackup', [
              formatWhen(legacy.savedAt),
              legacy.backup.accounts.length,
            ])}
            onRestore={() => void restoreLegacy(legacy)}
            onDelete={() => void removeLegacy()}
          />
        )}
      </ul>
      <ProgressLine progress={progress} />
      <NoteLine note={note} />
    </div>
  );
}
