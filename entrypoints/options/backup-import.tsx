/**
 * Import of a JSON backup: the file is checked whole and its effect previewed, kind by kind,
 * before the user merges it or replaces everything with it (keeping a backup of what it replaces).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Backup } from '@/utils/contract/messages';
import { send } from '@/utils/contract/send';
import { t, type MessageKey } from '@/utils/shared/i18n';
import { RECORD_KINDS, type RecordKind } from '@/utils/contract/records';
import { say, type Problem } from '@/utils/shared/problem';
import {
  MAX_BACKUP_BYTES,
  checkRecords,
  parseBackup,
  previewImport,
  recordCount,
  type ImportPreview,
} from '@/utils/page/backup-file';
import { type Note, NoteLine, formatWhen, keepBackup, summaryText } from './data-notes';

const STORE_LABEL: Record<RecordKind, MessageKey> = {
  accounts: 'optionsKindAccounts',
  people: 'optionsKindPeople',
  activities: 'optionsKindActivities',
  decisions: 'optionsKindDecisions',
  stageChanges: 'optionsKindStageChanges',
};

type Checked = {
  fileName: string;
  backup: Backup;
  preview: ImportPreview;
  /** Why a replace cannot work with this file (records whose account only the store has). */
  replaceProblem: Problem | null;
};

function PreviewTable({ preview }: { preview: ImportPreview }) {
  return (
    <table class="preview" aria-labelledby="import-preview-caption">
      <caption id="import-preview-caption">{t('optionsPreviewCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('optionsPreviewKind')}</th>
          <th scope="col">{t('optionsPreviewNew')}</th>
          <th scope="col">{t('optionsPreviewUpdated')}</th>
          <th scope="col">{t('optionsPreviewUnchanged')}</th>
          <th scope="col">{t('optionsPreviewOnlyHere')}</th>
        </tr>
      </thead>
      <tbody>
        {RECORD_KINDS.map((s) => (
          <tr key={s}>
            <th scope="row">{t(STORE_LABEL[s])}</th>
            <td>{preview[s].added}</td>
            <td>{preview[s].updated}</td>
            <td>{preview[s].unchanged}</td>
            <td>{preview[s].removed}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ImportBackup({ onKept }: { onKept: () => void }) {
  const [checked, setChecked] = useState<Checked | null>(null);
  const [note, setNote] = useState<Note>(null);
  const [busy, setBusy] = useState(false);
  const [confirmReplace, setConfirmReplace] = useState(false);
  const [inputKey, setInputKey] = useState(0);
  const replaceYes = useRef<HTMLButtonElement>(null);
  // The confirming button takes focus when it appears: keyboard users land on the decision.
  useEffect(() => {
    if (confirmReplace) replaceYes.current?.focus();
  }, [confirmReplace]);

  const reset = () => {
    setChecked(null);
    setConfirmReplace(false);
    setInputKey((k) => k + 1);
  };

  const choose = async (file: File | undefined) => {
    setNote(null);
    setChecked(null);
    setConfirmReplace(false);
    if (!file) return;
    if (file.size > MAX_BACKUP_BYTES) {
      return setNote({ tone: 'error', text: t('optionsFileTooBig', file.name) });
    }
    setBusy(true);
    try {
      const [text, current] = await Promise.all([file.text(), send('exportData', {})]);
      if (!current.ok) return setNote({ tone: 'error', text: t('optionsFailed', current.error) });
      const storeIds = new Set(current.data.accounts.map((a) => a.id));
      const r = parseBackup(text, storeIds);
      if (!r.ok)
        return setNote({ tone: 'error', text: t('optionsRefused', [file.name, say(r.problem)]) });
      setChecked({
        fileName: file.name,
        backup: r.backup,
        preview: previewImport(r.backup, current.data),
        replaceProblem: checkRecords(r.backup, new Set()),
      });
    } finally {
      setBusy(false);
    }
  };

  const run = async (mode: 'merge' | 'replace') => {
    if (!checked) return;
    setBusy(true);
    setNote(null);
    try {
      if (mode === 'replace') {
        // What a replace deletes is downloaded and kept first, like an erase.
        const current = await send('exportData', {});
        if (!current.ok) return setNote({ tone: 'error', text: t('optionsFailed', current.error) });
        if (recordCount(current.data) > 0) {
          await keepBackup(current.data, 'before-replace');
          onKept();
        }
      }
      const r = await send('importData', { backup: checked.backup, mode });
      if (!r.ok) return setNote({ tone: 'error', text: t('optionsFailed', r.error) });
      setNote({ tone: 'ok', text: summaryText(r.data) });
      reset();
    } finally {
      setBusy(false);
    }
  };

  const removed = checked?.preview.accounts.removed ?? 0;
  return (
    <div class="subsection">
      <h3>{t('optionsImportHeading')}</h3>
      <p class="hint">{t('optionsImportHint')}</p>
      <div class="field file">
        <label for="backup-file">{t('optionsImportFile')}</label>
        <input
          key={inputKey}
          id="backup-file"
          type="file"
          accept=".json,application/json"
          disabled={busy}
          onChange={(e) => void choose(e.currentTarget.files?.[0])}
        />
      </div>
      {busy && !checked && <p class="muted">{t('optionsChecking')}</p>}
      <NoteLine note={note} />
      {checked && (
        <div class="preview-box">
          <p>
            {t('optionsPreviewOf', [
              checked.fileName,
              formatWhen(checked.backup.exportedAt),
              checked.backup.accounts.length,
            ])}
          </p>
          <PreviewTable preview={checked.preview} />
          <p class="hint">{t('optionsMergeExplained')}</p>
          {checked.replaceProblem && (
            <p class="hint">{t('optionsReplaceImpossible', say(checked.replaceProblem))}</p>
          )}
          {!confirmReplace ? (
            <div class="actions">
              <button
                type="button"
                class="btn primary"
                disabled={busy}
                onClick={() => void run('merge')}
              >
                {t('optionsMerge')}
              </button>
              <button
                type="button"
                class="btn danger"
                disabled={busy || checked.replaceProblem !== null}
                onClick={() => setConfirmReplace(true)}
              >
                {t('optionsReplace')}
              </button>
              <button type="button" class="btn" disabled={busy} onClick={reset}>
                {t('optionsCancel')}
              </button>
            </div>
          ) : (
            <div class="confirm" role="group" aria-labelledby="replace-confirm-text">
              <p id="replace-confirm-text">
                <strong>{t('optionsReplaceConfirm', removed)}</strong>
              </p>
              <div class="actions">
                <button
                  type="button"
                  class="btn danger"
                  disabled={busy}
                  ref={replaceYes}
                  onClick={() => void run('replace')}
                >
                  {t('optionsReplaceYes')}
                </button>
                <button
                  type="button"
                  class="btn"
                  disabled={busy}
                  onClick={() => setConfirmReplace(false)}
                >
                  {t('optionsCancel')}
                </button>
              </div>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
