/**
 * The Data section: JSON backup export and import, CSV import and export, and "erase all data".
 * Every file is checked whole here first (utils/page/backup-file.ts, utils/page/csv.ts) and the
 * user sees what would change before anything is written; the background checks again when it
 * writes. Nothing that erases data runs without a backup of what it erases.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Backup, ImportSummary } from '@/utils/contract/messages';
import { send } from '@/utils/contract/send';
import { t, uiLocale, type MessageKey } from '@/utils/shared/i18n';
import { today } from '@/utils/shared/dates';
import { SCHEMA_VERSION, RECORD_KINDS, type RecordKind } from '@/utils/contract/records';
import { downloadText } from '@/utils/page/download';
import { say, type LineProblem, type Problem } from '@/utils/shared/problem';
import {
  MAX_BACKUP_BYTES,
  MAX_KEPT_BACKUP_CHARS,
  backupFileName,
  checkRecords,
  parseBackup,
  previewImport,
  recordCount,
  type ImportPreview,
} from '@/utils/page/backup-file';
import { WIPE_BACKUP_KEY } from '@/utils/contract/storage-keys';
import {
  accountsFromCsv,
  accountsToCsv,
  csvBackup,
  csvFileName,
  hasProblems,
  peopleFromCsv,
  type AccountImport,
  type CsvResult,
} from '@/utils/page/csv';
import type { Person } from '@/utils/contract/model';
import { CsvFormatLine, DateReadings } from './csv-file-facts';

const STORE_LABEL: Record<RecordKind, MessageKey> = {
  accounts: 'optionsKindAccounts',
  people: 'optionsKindPeople',
  activities: 'optionsKindActivities',
  decisions: 'optionsKindDecisions',
  stageChanges: 'optionsKindStageChanges',
};

/** How many row problems a report lists before it says "and N more". */
const SHOWN_PROBLEMS = 100;

type Note = { tone: 'ok' | 'error'; text: string } | null;

function NoteLine({ note }: { note: Note }) {
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

function summaryText(summary: ImportSummary): string {
  return t('optionsImported', [
    summary.counts.accounts,
    summary.counts.people,
    summary.counts.activities + summary.counts.decisions + summary.counts.stageChanges,
  ]);
}

/** A backup kept after an erase or a replace, so one click puts the data back. */
interface KeptBackup {
  savedAt: number;
  backup: Backup;
}

async function readKept(): Promise<KeptBackup | null> {
  const got = await browser.storage.local.get(WIPE_BACKUP_KEY);
  const kept = got[WIPE_BACKUP_KEY] as KeptBackup | undefined;
  return kept && typeof kept.savedAt === 'number' && kept.backup ? kept : null;
}

/**
 * Downloads `backup` and keeps it in storage.local when it is small enough (a huge one is only
 * downloaded: storage is not the place for tens of megabytes). Returns whether it was kept.
 */
async function keepBackup(backup: Backup, label: string): Promise<boolean> {
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

function formatWhen(at: number): string {
  return new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(at),
  );
}

// ---------------------------------------------------------------------------------------------

function ExportBackup() {
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

function ImportBackup({ onKept }: { onKept: () => void }) {
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

interface CsvCheck {
  accounts: AccountImport | null;
  people: CsvResult<Person> | null;
}

function ProblemList({ title, problems }: { title: string; problems: LineProblem[] }) {
  if (problems.length === 0) return null;
  const shown = problems.slice(0, SHOWN_PROBLEMS);
  return (
    <details open={problems.length <= 20}>
      <summary>{title}</summary>
      <ul class="problems">
        {shown.map((p, i) => (
          <li key={i}>
            <span class="line">{t('optionsLine', p.line)}</span> {say(p)}
          </li>
        ))}
        {problems.length > shown.length && (
          <li class="muted">{t('optionsMoreProblems', problems.length - shown.length)}</li>
        )}
      </ul>
    </details>
  );
}

function CsvReport({
  file,
  result,
  counts,
}: {
  file: string;
  result: CsvResult<unknown> | AccountImport;
  counts: MessageKey;
}) {
  return (
    <div class="csv-report">
      <h4>{file}</h4>
      {result.fatal ? (
        <p class="note error">{t('optionsCsvRefused', say(result.fatal))}</p>
      ) : (
        <p>{t(counts, [result.records.length, result.skipped.length, result.invalid.length])}</p>
      )}
      <CsvFormatLine format={result.format} />
      {'dates' in result && !result.fatal && <DateReadings {...result.dates} />}
      {result.warnings.length > 0 && (
        <ul class="warnings">
          {result.warnings.map((w, i) => (
            <li key={i}>{say(w)}</li>
          ))}
        </ul>
      )}
      <ProblemList
        title={t('optionsInvalidRows', result.invalid.length)}
        problems={result.invalid}
      />
      <ProblemList
        title={t('optionsSkippedRows', result.skipped.length)}
        problems={result.skipped}
      />
    </div>
  );
}

function CsvImport() {
  const [files, setFiles] = useState<{ accounts: File | null; people: File | null }>({
    accounts: null,
    people: null,
  });
  const [check, setCheck] = useState<CsvCheck | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const [formKey, setFormKey] = useState(0);

  // Both files are read against the store as it is now; people may name accounts from the
  // accounts file of the same import.
  const analyse = async (next: typeof files) => {
    setFiles(next);
    setNote(null);
    setCheck(null);
    if (!next.accounts && !next.people) return;
    for (const f of [next.accounts, next.people]) {
      if (f && f.size > MAX_BACKUP_BYTES)
        return setNote({ tone: 'error', text: t('optionsFileTooBig', f.name) });
    }
    setBusy(true);
    try {
      const current = await send('exportData', {});
      if (!current.ok) return setNote({ tone: 'error', text: t('optionsFailed', current.error) });
      const ctx = {
        accounts: current.data.accounts,
        people: current.data.people,
        now: Date.now(),
        newId: () => crypto.randomUUID(),
      };
      // Bytes, not file.text(): the encoding is told from them (utils/page/csv-encoding.ts).
      const bytes = async (f: File) => new Uint8Array(await f.arrayBuffer());
      const accounts = next.accounts ? accountsFromCsv(await bytes(next.accounts), ctx) : null;
      const people = next.people
        ? peopleFromCsv(await bytes(next.people), {
            ...ctx,
            newAccounts: accounts?.records.map((r) => r.record) ?? [],
          })
        : null;
      setCheck({ accounts, people });
    } catch (error) {
      // A file the browser cannot read or hold as text (too large for one string): say so,
      // rather than leave the page as if nothing had been chosen.
      setNote({ tone: 'error', text: t('optionsFailed', String(error)) });
    } finally {
      setBusy(false);
    }
  };

  const ready = (check?.accounts?.records.length ?? 0) + (check?.people?.records.length ?? 0);
  const fatal = !!check?.accounts?.fatal || !!check?.people?.fatal;
  const invalid = hasProblems(check?.accounts ?? null) || hasProblems(check?.people ?? null);
  const canImport = !!check && ready > 0 && !fatal && (!invalid || skipInvalid);

  const run = async () => {
    if (!check) return;
    setBusy(true);
    try {
      const backup = csvBackup(check.accounts, check.people, Date.now(), SCHEMA_VERSION);
      const r = await send('importData', { backup, mode: 'merge' });
      if (!r.ok) return setNote({ tone: 'error', text: t('optionsFailed', r.error) });
      setNote({ tone: 'ok', text: summaryText(r.data) });
      setCheck(null);
      setFiles({ accounts: null, people: null });
      setSkipInvalid(false);
      setFormKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="subsection" key={formKey}>
      <h3>{t('optionsCsvImportHeading')}</h3>
      <p class="hint">{t('optionsCsvImportHint')}</p>
      <p class="hint format">
        {/* Column names are the file format itself: shown as code, never translated. */}
        <code>accounts.csv</code>:{' '}
        <code>name, domains, stage, potential, next_action, next_action_due, notes</code>
        <br />
        <code>people.csv</code>:{' '}
        <code>name, email, account, title, role, influence, attitude, notes</code>
      </p>
      <p class="hint">{t('optionsCsvFilesHint')}</p>
      <div class="field file">
        <label for="csv-accounts">{t('optionsCsvAccountsFile')}</label>
        <input
          id="csv-accounts"
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          onChange={(e) => void analyse({ ...files, accounts: e.currentTarget.files?.[0] ?? null })}
        />
      </div>
      <div class="field file">
        <label for="csv-people">{t('optionsCsvPeopleFile')}</label>
        <input
          id="csv-people"
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          onChange={(e) => void analyse({ ...files, people: e.currentTarget.files?.[0] ?? null })}
        />
      </div>
      {busy && <p class="muted">{t('optionsChecking')}</p>}
      {check && (
        <div class="preview-box" aria-live="polite">
          {check.accounts && files.accounts && (
            <CsvReport
              file={files.accounts.name}
              result={check.accounts}
              counts="optionsCsvAccountsCounts"
            />
          )}
          {check.people && files.people && (
            <CsvReport
              file={files.people.name}
              result={check.people}
              counts="optionsCsvPeopleCounts"
            />
          )}
          {invalid && !fatal && (
            <div class="field check">
              <input
                id="csv-skip-invalid"
                type="checkbox"
                checked={skipInvalid}
                onChange={(e) => setSkipInvalid(e.currentTarget.checked)}
              />
              <label for="csv-skip-invalid">{t('optionsSkipInvalid')}</label>
            </div>
          )}
          {invalid && !skipInvalid && !fatal && <p class="hint">{t('optionsFixOrSkip')}</p>}
          <div class="actions">
            <button
              type="button"
              class="btn primary"
              disabled={busy || !canImport}
              onClick={() => void run()}
            >
              {t('optionsCsvImportButton', ready)}
            </button>
          </div>
        </div>
      )}
      <NoteLine note={note} />
    </div>
  );
}

function CsvExport() {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const run = async () => {
    setBusy(true);
    setNote(null);
    const r = await send('exportData', {});
    setBusy(false);
    if (!r.ok) return setNote({ tone: 'error', text: t('optionsFailed', r.error) });
    const name = csvFileName('accounts', today());
    const accounts = [...r.data.accounts].sort((a, b) => a.name.localeCompare(b.name));
    downloadText(name, accountsToCsv(accounts), 'text/csv;charset=utf-8');
    setNote({ tone: 'ok', text: t('optionsExported', [accounts.length, name]) });
  };
  return (
    <div class="subsection">
      <h3>{t('optionsCsvExportHeading')}</h3>
      <p class="hint">{t('optionsCsvExportHint')}</p>
      <button type="button" class="btn" disabled={busy} onClick={() => void run()}>
        {t('optionsCsvExportButton')}
      </button>
      <NoteLine note={note} />
    </div>
  );
}

// ---------------------------------------------------------------------------------------------

function Wipe({
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
      await browser.storage.local.remove(WIPE_BACKUP_KEY);
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

export function DataSection({ accountCount }: { accountCount: number | null }) {
  const [kept, setKept] = useState<KeptBackup | null>(null);
  const reloadKept = () => void readKept().then(setKept);
  useEffect(reloadKept, []);
  return (
    <section class="card" aria-labelledby="data-heading">
      <div class="card-head">
        <h2 id="data-heading">{t('optionsDataHeading')}</h2>
      </div>
      <p class="hint">{t('optionsDataHint')}</p>
      <ExportBackup />
      <ImportBackup onKept={reloadKept} />
      <CsvImport />
      <CsvExport />
      <Wipe accountCount={accountCount} kept={kept} onKept={reloadKept} />
    </section>
  );
}
