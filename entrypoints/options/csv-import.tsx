/**
 * CSV import of accounts and people: each file is read and checked whole, its problems listed by
 * line, and only a clean file is merged into the store.
 */
import { useState } from 'preact/hooks';
import { t, type MessageKey } from '@/utils/shared/i18n';
import { SCHEMA_VERSION } from '@/utils/contract/records';
import { say, type LineProblem } from '@/utils/shared/problem';
import { MAX_BACKUP_BYTES } from '@/utils/page/backup-file';
import {
  accountsFromCsv,
  csvBackup,
  hasProblems,
  peopleFromCsv,
  type AccountImport,
  type CsvResult,
} from '@/utils/page/csv';
import type { Account, Person } from '@/utils/contract/model';
import { mergeInPages, readAllRecords } from '@/utils/page/paged-records';
import { mergeApi, pageLimits, readRecordsPage } from './backup-transfer';
import { type Note, NoteLine, summaryText } from './data-notes';
import { CsvFormatLine, DateReadings } from './csv-file-facts';

/** How many row problems a report lists before it says "and N more". */
const SHOWN_PROBLEMS = 100;

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

export function CsvImport() {
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
      // The store's accounts and people, a page at a time: a big store does not fit in one message.
      const ctx = {
        accounts: await readAllRecords<Account>('accounts', readRecordsPage),
        people: await readAllRecords<Person>('people', readRecordsPage),
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
      // One message, or staged a page at a time and merged by one transaction: all rows or none.
      const r = await mergeInPages(backup, mergeApi, pageLimits());
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
