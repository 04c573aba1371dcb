/**
 * The account's whitespace grid: buying units as rows, the settings' offerings as columns, each
 * cell coloured by who supplies it and showing its yearly spend. The grid is one tab stop; the
 * arrow keys move between cells, Enter opens the cell's editor below the grid, Escape closes it
 * and focus goes back to the cell.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { WhitespaceGrid } from '@/utils/contract/whitespace';
import type { WhitespaceCell } from '@/utils/contract/model';
import type { Settings } from '@/utils/contract/settings';
import { watchChanges } from '@/utils/contract/events';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import { isOpportunity } from '@/utils/shared/whitespace';
import { MAX_BUYING_UNITS } from '@/utils/contract/limits';
import { formatDay } from '@/components/format';
import { OpenFormButton, Panel } from '@/components/form-fields';
import { useInline } from '@/components/ui';
import { formatMoney, supplierText } from '@/components/whitespace-labels';
import { CellEditor } from './whitespace-cell-editor';
import { WhitespaceCsv } from './whitespace-csv';
import { UnitForm, UnitHead } from './whitespace-units';
import { focusWhenReady, type OfferUndo } from './undo';
import { LoadingLine } from './loading-line';
import './whitespace.css';

interface Props {
  accountId: string;
  settings: Settings | null;
  offerUndo: OfferUndo;
}

type Spot = { row: number; col: number };

/** The account's grid, read again whenever the background says this account changed. */
function useGrid(accountId: string) {
  const [grid, setGrid] = useState<WhitespaceGrid | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    const r = await send('listWhitespace', { accountId });
    if (r.ok) setGrid(r.data);
    else setError(r.error);
  };
  useEffect(() => {
    const controller = new AbortController();
    void load();
    watchChanges((n) => {
      if (n.accountIds.includes(accountId)) void load();
    }, controller.signal);
    return () => controller.abort();
  }, [accountId]);
  return { grid, error, reload: () => void load() };
}

function CellFace({ cell }: { cell: WhitespaceCell | undefined }) {
  if (!cell) return <span class="ws-empty">{t('wsCellEmpty')}</span>;
  return (
    <>
      <span class="ws-who">{supplierText(cell)}</span>
      {cell.spend !== null && (
        <span class="ws-spend">{formatMoney(cell.spend, cell.currency)}</span>
      )}
      {cell.contractEnd && <span class="ws-end">{t('wsEnds', formatDay(cell.contractEnd))}</span>}
    </>
  );
}

export function WhitespacePanel({ accountId, settings, offerUndo }: Props) {
  const { grid, error, reload } = useGrid(accountId);
  const addUnit = useInline();
  const [spot, setSpot] = useState<Spot>({ row: 0, col: 0 });
  const [editing, setEditing] = useState<Spot | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const offerings = settings?.offerings ?? [];
  const units = grid?.units ?? [];
  const cellAt = (row: number, col: number) =>
    grid?.cells.find((c) => c.unitId === units[row]?.id && c.offeringId === offerings[col]?.id);
  const cellButton = (s: Spot) =>
    table.current?.querySelector<HTMLButtonElement>(`[data-row="${s.row}"][data-col="${s.col}"]`);
  const moveTo = (s: Spot) => {
    const next = {
      row: Math.max(0, Math.min(units.length - 1, s.row)),
      col: Math.max(0, Math.min(offerings.length - 1, s.col)),
    };
    setSpot(next);
    cellButton(next)?.focus();
  };
  const onKey = (e: KeyboardEvent, s: Spot) => {
    const to: Record<string, Spot> = {
      ArrowUp: { ...s, row: s.row - 1 },
      ArrowDown: { ...s, row: s.row + 1 },
      ArrowLeft: { ...s, col: s.col - 1 },
      ArrowRight: { ...s, col: s.col + 1 },
      Home: { ...s, col: 0 },
      End: { ...s, col: offerings.length - 1 },
    };
    const target = to[e.key];
    if (!target) return;
    e.preventDefault();
    moveTo(target);
  };
  const closeEditor = () => {
    const was = editing;
    setEditing(null);
    if (was) focusWhenReady(`.ws-grid [data-row="${was.row}"][data-col="${was.col}"]`);
  };
  const currency =
    grid?.cells.find((c) => c.spend !== null)?.currency ?? grid?.cells[0]?.currency ?? 'EUR';
  const opportunities = (grid?.cells ?? []).filter(
    (c) =>
      isOpportunity(c) &&
      units.some((u) => u.id === c.unitId) &&
      offerings.some((o) => o.id === c.offeringId),
  ).length;

  return (
    <Panel
      id="whitespace"
      title={t('wsHeading')}
      count={opportunities}
      actions={
        units.length < MAX_BUYING_UNITS && (
          <OpenFormButton id="ws-add-unit" label={t('wsAddUnit')} form={addUnit} />
        )
      }
    >
      <p class="hint">{t('wsHint')}</p>
      {addUnit.open && <UnitForm accountId={accountId} reload={reload} onClose={addUnit.close} />}
      {error && (
        <p class="rp-error" role="alert">
          {t('sidebarSaveFailed', error)}
        </p>
      )}
      {grid === null && !error && <LoadingLine />}
      {grid && offerings.length === 0 && (
        <p class="muted ws-no-offerings">
          {t('wsNoOfferings')} <a href="/options.html#offerings-heading">{t('wsOpenOptions')}</a>
        </p>
      )}
      {grid && units.length === 0 && !addUnit.open && (
        <p class="muted ws-no-units">{t('wsNoUnits')}</p>
      )}
      {grid && units.length > 0 && offerings.length > 0 && (
        <div class="ws-scroll">
          <table class="ws-grid" ref={table} aria-describedby="ws-keys">
            <thead>
              <tr>
                <th scope="col">{t('wsUnitColumn')}</th>
                {offerings.map((o) => (
                  <th key={o.id} scope="col">
                    {o.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {units.map((unit, row) => (
                <tr key={unit.id} data-unit-id={unit.id}>
                  <th scope="row">
                    <UnitHead unit={unit} units={units} reload={reload} offerUndo={offerUndo} />
                  </th>
                  {offerings.map((offering, col) => {
                    const cell = cellAt(row, col);
                    const here = spot.row === row && spot.col === col;
                    return (
                      <td key={offering.id} class={`ws-cell ws-${cell?.supplier ?? 'none'}`}>
                        <button
                          type="button"
                          data-row={row}
                          data-col={col}
                          data-offering-id={offering.id}
                          tabIndex={here ? 0 : -1}
                          aria-label={t('wsCellLabel', [offering.name, unit.name])}
                          aria-expanded={editing?.row === row && editing.col === col}
                          onFocus={() => setSpot({ row, col })}
                          onKeyDown={(e) => onKey(e, { row, col })}
                          onClick={() => setEditing({ row, col })}
                        >
                          <CellFace cell={cell} />
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <p id="ws-keys" class="hint">
            {t('wsKeysHint')}
          </p>
        </div>
      )}
      {editing && units[editing.row] && offerings[editing.col] && (
        <CellEditor
          key={`${units[editing.row]!.id}-${offerings[editing.col]!.id}`}
          accountId={accountId}
          unitId={units[editing.row]!.id}
          offeringId={offerings[editing.col]!.id}
          title={t('wsEditorTitle', [offerings[editing.col]!.name, units[editing.row]!.name])}
          cell={cellAt(editing.row, editing.col)}
          currency={currency}
          reload={reload}
          onClose={closeEditor}
        />
      )}
      {grid && units.length > 0 && offerings.length > 0 && (
        <WhitespaceCsv
          accountId={accountId}
          units={units}
          offerings={offerings}
          cells={grid.cells}
          reload={reload}
          offerUndo={offerUndo}
        />
      )}
    </Panel>
  );
}
