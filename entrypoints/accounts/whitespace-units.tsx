/**
 * The whitespace grid's rows: an account's buying units, added, renamed, moved up or down, and
 * removed with their cells (the page's Undo toast puts both back).
 */
import { useState } from 'preact/hooks';
import type { BuyingUnit } from '@/utils/contract/model';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import { PanelForm, TextField } from '@/components/form-fields';
import { ErrorNote, FormActions, useWrite } from '@/components/ui';
import { attr, type OfferUndo } from './undo';

/** The form that adds a unit, or renames one (`unit` given). */
export function UnitForm(props: {
  accountId: string;
  unit?: BuyingUnit;
  reload: () => void;
  onClose: () => void;
}) {
  const [name, setName] = useState(props.unit?.name ?? '');
  const [problem, setProblem] = useState(false);
  const { busy, error, run } = useWrite(props.reload);
  const label = props.unit ? t('wsRenameUnitNamed', props.unit.name) : t('wsAddUnit');
  const submit = async () => {
    const clean = name.trim();
    setProblem(!clean);
    if (!clean) return;
    const unit = props.unit;
    const r = await run(() =>
      unit
        ? send('renameBuyingUnit', { id: unit.id, name: clean, base: unit.name })
        : send('addBuyingUnit', { accountId: props.accountId, name: clean }),
    );
    if (r.ok) props.onClose();
  };
  return (
    <PanelForm
      label={label}
      class="ws-unit-form"
      onClose={props.onClose}
      onSubmit={() => void submit()}
    >
      <TextField
        id={props.unit ? `ws-unit-name-${props.unit.id}` : 'ws-new-unit'}
        label={t('wsUnitName')}
        hint={props.unit ? undefined : t('wsUnitHint')}
        value={name}
        onInput={setName}
        problem={problem ? { key: 'wsUnitNameRequired' } : undefined}
        maxLength={200}
        required
      />
      <FormActions
        busy={busy}
        submit={props.unit ? t('accountsSave') : t('wsAddUnit')}
        onCancel={props.onClose}
      />
      <ErrorNote error={error} />
    </PanelForm>
  );
}

/** A row's head: the unit's name and what can be done to it. */
export function UnitHead(props: {
  unit: BuyingUnit;
  units: readonly BuyingUnit[];
  reload: () => void;
  offerUndo: OfferUndo;
}) {
  const { unit, units } = props;
  const [renaming, setRenaming] = useState(false);
  const { busy, error, run } = useWrite(props.reload);
  const at = units.findIndex((u) => u.id === unit.id);
  const move = (by: -1 | 1) => {
    const ids = units.map((u) => u.id);
    [ids[at], ids[at + by]] = [ids[at + by]!, ids[at]!];
    void run(() => send('reorderBuyingUnits', { accountId: unit.accountId, ids }));
  };
  const remove = async () => {
    const r = await run(() => send('deleteBuyingUnit', { id: unit.id }));
    if (!r.ok) return;
    const removed = r.data;
    props.offerUndo({
      message: t('wsUnitRemoved', [removed.unit.name, removed.cells.length]),
      accountId: unit.accountId,
      undo: () =>
        send('restoreWhitespace', {
          accountId: unit.accountId,
          units: [removed.unit],
          cells: removed.cells,
          removeCellIds: [],
        }),
      focusAfterUndo: `${attr('data-unit-id', removed.unit.id)} .ws-unit-name`,
      focusAfterClose: ['#ws-add-unit', '#whitespace-heading'],
    });
  };
  if (renaming)
    return (
      <UnitForm
        accountId={unit.accountId}
        unit={unit}
        reload={props.reload}
        onClose={() => setRenaming(false)}
      />
    );
  return (
    <div class="ws-unit">
      <span class="ws-unit-name" tabIndex={-1}>
        {unit.name}
      </span>
      <span class="ws-unit-tools">
        <button
          type="button"
          class="btn small quiet"
          aria-label={t('wsRenameUnitNamed', unit.name)}
          onClick={() => setRenaming(true)}
        >
          {t('wsRename')}
        </button>
        <button
          type="button"
          class="btn small quiet"
          disabled={busy || at === 0}
          aria-label={t('wsMoveUpNamed', unit.name)}
          onClick={() => move(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          class="btn small quiet"
          disabled={busy || at === units.length - 1}
          aria-label={t('wsMoveDownNamed', unit.name)}
          onClick={() => move(1)}
        >
          ↓
        </button>
        <button
          type="button"
          class="btn small quiet-danger ws-unit-remove"
          disabled={busy}
          aria-label={t('wsRemoveUnitNamed', unit.name)}
          onClick={() => void remove()}
        >
          {t('accountsRemove')}
        </button>
      </span>
      <ErrorNote error={error} />
    </div>
  );
}
