/**
 * "Erase all data": asked twice, done only with a backup of what it erases, and undone from that
 * backup with one click.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import { dropKept } from '@/utils/page/kept-backup';
import { type KeptBackup, type Note, NoteLine, formatWhen, keepBackup } from './data-notes';

export function Wipe({
  accountCount,
  kept,
  onKept,
}: {
  accountCount: number | null;
  kept: KeptBackup | null;
  onKept: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
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
      const stored = await keepBackup(r.data.backup, 'erased');
      // The backup is downloaded (and kept here when it fits): the background's copy, held in
      // case this erase had to be sent again, can go. Should this fail, that copy expires in a day.
      await send('releaseEraseCopy', {});
      onKept();
      setConfirming(false);
      setTyped('');
      setNote({
        tone: 'ok',
        text: stored
          ? t('optionsWiped', r.data.backup.accounts.length)
          : t('optionsWipedDownloadOnly', r.data.backup.accounts.length),
      });
    } finally {
      setBusy(false);
    }
  };

  const restore = async () => {
    if (!kept) return;
    setBusy(true);
    setNote(null);
    try {
      // Replace as the wipe left the store empty; if new data arrived since, merge keeps it.
      const now = await send('countAccounts', {});
      const mode = now.ok && now.data === 0 ? 'replace' : 'merge';
      const r = await send('importData', { backup: kept.backup, mode });
      if (!r.ok) return setNote({ tone: 'error', text: t('optionsFailed', r.error) });
      await dropKept();
      onKept();
      setNote({ tone: 'ok', text: t('optionsRestored', r.data.counts.accounts) });
    } finally {
      setBusy(false);
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
      <NoteLine note={note} />
      {kept && (
        <div class="kept">
          <p>{t('optionsKeptBackup', [formatWhen(kept.savedAt), kept.backup.accounts.length])}</p>
          <button type="button" class="btn primary" disabled={busy} onClick={() => void restore()}>
            {t('optionsRestore')}
          </button>
        </div>
      )}
    </div>
  );
}
