/**
 * Import of a JSON backup of any size: the file is read as a stream and staged in the store a page
 * at a time (nothing of the user's data changes), its effect previewed kind by kind, and only then
 * merged or swapped in whole by one transaction (a replace keeps a backup of what it replaces).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '@/utils/contract/send';
import { t, type MessageKey } from '@/utils/shared/i18n';
import { RECORD_KINDS, type RecordKind } from '@/utils/contract/records';
import { say, type Problem } from '@/utils/shared/problem';
import {
  MAX_BACKUP_FILE_BYTES,
  type ImportPreview,
  type RecordProblem,
  type StagedImport,
} from '@/utils/contract/backups';
import { stageBackupFile, textChunks } from '@/utils/page/backup-file-import';
import { type Note, NoteLine, formatWhen, summaryText } from './data-notes';
import { pageRecords, stagingApi } from './backup-transfer';

const STORE_LABEL: Record<RecordKind, MessageKey> = {
  accounts: 'optionsKindAccounts',
  people: 'optionsKindPeople',
  activities: 'optionsKindActivities',
  decisions: 'optionsKindDecisions',
  stageChanges: 'optionsKindStageChanges',
  objectives: 'optionsKindObjectives',
  buyingUnits: 'optionsKindBuyingUnits',
  whitespace: 'optionsKindWhitespace',
};

type Checked = {
  fileName: string;
  staged: StagedImport;
  /** Why a replace cannot work with this file (records whose account only the store has). */
  replaceProblem: Problem | null;
  /** Why a merge cannot work with it (records the store holds under another account). */
  movedProblem: Problem | null;
};

/** A cross-record rule the staged file breaks, worded as the page words any backup problem. */
function recordProblem(p: RecordProblem): Problem {
  const key = (
    {
      duplicateId: 'optionsBackupDuplicateId',
      orphan: 'optionsBackupOrphan',
      moved: 'optionsBackupMoved',
    } as const
  )[p.kind];
  return { key, subs: [p.store, p.id] };
}

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

  const [progress, setProgress] = useState<number | null>(null);

  const reset = () => {
    setChecked(null);
    setConfirmReplace(false);
    setInputKey((k) => k + 1);
  };
  /** Cancel: the staged records go; nothing else was touched. */
  const cancel = async () => {
    if (checked) await send('deleteBackup', { backupId: checked.staged.info.id });
    reset();
  };

  const choose = async (file: File | undefined) => {
    setNote(null);
    if (checked) void send('deleteBackup', { backupId: checked.staged.info.id });
    setChecked(null);
    setConfirmReplace(false);
    if (!file) return;
    if (file.size > MAX_BACKUP_FILE_BYTES) {
      return setNote({ tone: 'error', text: t('optionsFileTooBig', file.name) });
    }
    setBusy(true);
    setProgress(0);
    try {
      const r = await stageBackupFile(textChunks(file), stagingApi, {
        pageRecords: pageRecords(),
        onProgress: setProgress,
      });
      if (!r.ok) {
        const reason = 'problem' in r ? say(r.problem) : r.error;
        return setNote({ tone: 'error', text: t('optionsRefused', [file.name, reason]) });
      }
      if (r.staged.mergeProblem) {
        // Neither merge nor replace can take it: the staged records go at once.
        await send('deleteBackup', { backupId: r.staged.info.id });
        const reason = say(recordProblem(r.staged.mergeProblem));
        return setNote({ tone: 'error', text: t('optionsRefused', [file.name, reason]) });
      }
      setChecked({
        fileName: file.name,
        staged: r.staged,
        replaceProblem: r.staged.replaceProblem && recordProblem(r.staged.replaceProblem),
        movedProblem: r.staged.movedProblem && recordProblem(r.staged.movedProblem),
      });
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const run = async (mode: 'merge' | 'replace') => {
    if (!checked) return;
    setBusy(true);
    setNote(null);
    try {
      const r = await send('restoreBackup', { backupId: checked.staged.info.id, mode });
      if (!r.ok) return setNote({ tone: 'error', text: t('optionsFailed', r.error) });
      const text = summaryText(r.data);
      setNote({ tone: 'ok', text: r.data.kept ? `${text} ${t('optionsReplacedKept')}` : text });
      if (r.data.kept) onKept();
      reset();
    } finally {
      setBusy(false);
    }
  };

  const removed = checked?.staged.preview.accounts.removed ?? 0;
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
      {busy && !checked && (
        <p class="muted" role="status">
          {progress ? t('optionsBackupProgress', progress) : t('optionsChecking')}
        </p>
      )}
      <NoteLine note={note} />
      {checked && (
        <div class="preview-box">
          <p>
            {t('optionsPreviewOf', [
              checked.fileName,
              formatWhen(checked.staged.info.exportedAt),
              checked.staged.info.counts.accounts,
            ])}
          </p>
          <PreviewTable preview={checked.staged.preview} />
          <p class="hint">{t('optionsMergeExplained')}</p>
          {checked.movedProblem && (
            <p class="hint" data-testid="merge-impossible">
              {t('optionsMergeImpossible', say(checked.movedProblem))}
            </p>
          )}
          {checked.replaceProblem && (
            <p class="hint">{t('optionsReplaceImpossible', say(checked.replaceProblem))}</p>
          )}
          {!confirmReplace ? (
            <div class="actions">
              <button
                type="button"
                class="btn primary"
                disabled={busy || checked.movedProblem !== null}
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
              <button type="button" class="btn" disabled={busy} onClick={() => void cancel()}>
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
