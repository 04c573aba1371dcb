/**
 * "Erase all data": asked twice, done only once a complete backup of what it erases exists. The
 * background copies every record into a backup kept in the store and erases, in one transaction;
 * the page then downloads that backup and says exactly what happened. The kept backup is restored,
 * downloaded again or deleted from the list below (kept-backups.tsx).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import { type Note, NoteLine, ProgressLine } from './data-notes';
import { downloadBackup } from './backup-transfer';

export function Wipe({
  accountCount,
  onKept,
  children,
}: {
  accountCount: number | null;
  onKept: () => void;
  /** The kept backups, listed under the erase that makes them. */
  children?: ComponentChildren;
}) {
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const count = accountCount ?? 0;
  const confirmInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (confirming) confirmInput.current?.focus();
  }, [confirming]);

  const wipe = async () => {
    setBusy(true);
    setNote(null);
    try {
      const r = await send('wipeData', {});
      if (!r.ok) return setNote({ tone: 'error', text: t('optionsFailed', r.error) });
      // The erase is done and its backup is in the store: from here on, every outcome says so.
      onKept();
      setConfirming(false);
      setTyped('');
      const erased = r.data.counts.accounts;
      try {
        setProgress(0);
        await downloadBackup(r.data, 'erased', setProgress);
        setNote({ tone: 'ok', text: t('optionsWiped', erased) });
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        setNote({ tone: 'error', text: t('optionsWipedNotDownloaded', [erased, why]) });
      }
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <div class="subsection">
      <h3>{t('optionsWipeHeading')}</h3>
      <p class="hint">{t('optionsWipeHint')}</p>
      {!confirming ? (
        <button
          type="button"
          class="btn danger"
          disabled={busy || accountCount === null || count === 0}
          onClick={() => setConfirming(true)}
        >
          {t('optionsWipeButton')}
        </button>
      ) : (
        <form
          noValidate
          class="confirm"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed.trim() === String(count)) void wipe();
          }}
        >
          <label for="wipe-confirm">{t('optionsWipeConfirm', count)}</label>
          <div class="inline-form">
            <input
              id="wipe-confirm"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={typed}
              ref={confirmInput}
              onInput={(e) => setTyped(e.currentTarget.value)}
            />
            <button
              type="submit"
              class="btn danger"
              disabled={busy || typed.trim() !== String(count)}
            >
              {t('optionsWipeYes')}
            </button>
            <button
              type="button"
              class="btn"
              onClick={() => {
                setConfirming(false);
                setTyped('');
              }}
            >
              {t('optionsCancel')}
            </button>
          </div>
        </form>
      )}
      <ProgressLine progress={progress} />
      <NoteLine note={note} />
      {children}
    </div>
  );
}
