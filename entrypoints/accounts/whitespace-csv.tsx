/**
 * The grid as CSV, one row per cell: Export downloads it; Import reads a file, checks every row,
 * lists each bad row by line and then imports nothing; a clean file sets its cells in one write,
 * and the page's Undo toast puts the grid back as it was.
 */
import { useRef, useState } from 'preact/hooks';
import type { BuyingUnit, WhitespaceCell } from '@/utils/contract/model';
import type { Offering } from '@/utils/contract/settings';
import { send } from '@/utils/contract/send';
import { today } from '@/utils/shared/dates';
import { t } from '@/utils/shared/i18n';
import { say, type LineProblem, type Problem } from '@/utils/shared/problem';
import { downloadText } from '@/utils/page/download';
import { whitespaceFromCsv, whitespaceToCsv } from '@/utils/page/csv-whitespace';
import { MAX_BACKUP_BYTES } from '@/utils/page/backup-file';
import { ErrorNote, useWrite } from '@/components/ui';
import type { OfferUndo } from './undo';

interface Props {
  accountId: string;
  units: readonly BuyingUnit[];
  offerings: readonly Offering[];
  cells: readonly WhitespaceCell[];
  reload: () => void;
  offerUndo: OfferUndo;
}

const SHOWN = 50;

export function WhitespaceCsv(props: Props) {
  const [problems, setProblems] = useState<(LineProblem | Problem)[]>([]);
  const [done, setDone] = useState<number | null>(null);
  const { busy, error, run } = useWrite(props.reload);
  const file = useRef<HTMLInputElement>(null);

  const exportCsv = () =>
    downloadText(
      `rapport-whitespace-${today()}.csv`,
      whitespaceToCsv(props.units, props.offerings, props.cells),
      'text/csv;charset=utf-8',
    );

  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    setDone(null);
    if (!file) return;
    if (file.size > MAX_BACKUP_BYTES) return setProblems([{ key: 'wsCsvTooBig' }]);
    const result = whitespaceFromCsv(new Uint8Array(await file.arrayBuffer()), {
      accountId: props.accountId,
      units: props.units,
      offerings: props.offerings,
    });
    const found = result.fatal ? [result.fatal] : result.invalid;
    if (found.length === 0 && result.records.length === 0)
      return setProblems([{ key: 'csvEmptyFile' }]);
    setProblems(found);
    if (found.length) return;
    const r = await run(() =>
      send('importWhitespace', {
        accountId: props.accountId,
        cells: result.records.map((x) => x.record),
      }),
    );
    if (!r.ok) return;
    setDone(r.data.cells.length);
    const imported = r.data;
    props.offerUndo({
      message: t('wsImported', imported.cells.length),
      accountId: props.accountId,
      undo: () =>
        send('restoreWhitespace', {
          accountId: props.accountId,
          units: [],
          cells: imported.replaced,
          removeCellIds: imported.createdIds,
        }),
      focusAfterUndo: '#ws-import',
    });
  };

  return (
    <div class="ws-csv">
      <button type="button" class="btn small" onClick={exportCsv}>
        {t('wsExportCsv')}
      </button>
      {/* A button opens the picker: a styled label is no keyboard stop, a bare input is ugly. */}
      <button
        type="button"
        id="ws-import"
        class="btn small"
        disabled={busy}
        onClick={() => file.current?.click()}
      >
        {t('wsImportCsv')}
      </button>
      <input
        ref={file}
        type="file"
        accept=".csv,text/csv"
        hidden
        data-testid="ws-import-file"
        onChange={(e) => void importFile(e.currentTarget)}
      />
      <span class="hint">{t('wsCsvHint')}</span>
      {done !== null && (
        <p role="status" class="ws-csv-done">
          {t('wsImported', done)}
        </p>
      )}
      {problems.length > 0 && (
        <div role="alert" class="ws-csv-problems">
          <p>{t('wsCsvNothingImported')}</p>
          <ul class="problems">
            {problems.slice(0, SHOWN).map((p, i) => (
              <li key={i}>
                {'line' in p && <span class="line">{t('optionsLine', p.line)}</span>} {say(p)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ErrorNote error={error} />
    </div>
  );
}
