/**
 * The small editor of one whitespace cell: who supplies it (a competitor by name), the yearly
 * spend and its currency, the contract end and a note. A save sends only the fields changed, each
 * with its value when the editor opened, so an edit made elsewhere meanwhile is merged or shown
 * as a conflict, never overwritten.
 */
import { useRef, useState } from 'preact/hooks';
import type { Result } from '@/utils/contract/messages';
import type { WhitespaceCell } from '@/utils/contract/model';
import { SUPPLIERS, type Supplier } from '@/utils/contract/enums';
import { send } from '@/utils/contract/send';
import { changesFrom } from '@/utils/shared/field-merge';
import { t } from '@/utils/shared/i18n';
import type { Problem } from '@/utils/shared/problem';
import { EMPTY_CELL, type CellFields } from '@/utils/shared/whitespace';
import { PanelForm, SelectField, TextField } from '@/components/form-fields';
import { FormActions, useWrite } from '@/components/ui';
import { useMergedWrite, WriteNotes } from '@/components/conflict-notice';
import { SUPPLIER_LABEL } from '@/components/whitespace-labels';

interface Draft {
  supplier: Supplier;
  competitor: string;
  spend: string;
  currency: string;
  contractEnd: string;
  note: string;
}

type Problems = Partial<Record<keyof Draft, Problem>>;

const draftOf = (f: CellFields): Draft => ({
  supplier: f.supplier,
  competitor: f.competitor,
  spend: f.spend === null ? '' : String(f.spend),
  currency: f.currency,
  contractEnd: f.contractEnd ?? '',
  note: f.note,
});

/** The draft as cell fields, or the problems that keep it from being one. */
function fieldsOf(d: Draft): { ok: true; fields: CellFields } | { ok: false; problems: Problems } {
  const problems: Problems = {};
  const spendText = d.spend.replace(/[\s\u00a0]/g, '').replace(',', '.');
  const spend = spendText === '' ? null : Number(spendText);
  if (spend !== null && !(Number.isFinite(spend) && spend >= 0 && spend <= 1e12))
    problems.spend = { key: 'wsSpendInvalid' };
  const currency = d.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) problems.currency = { key: 'wsCurrencyInvalid' };
  if (d.contractEnd && !/^\d{4}-\d{2}-\d{2}$/.test(d.contractEnd))
    problems.contractEnd = { key: 'accountsDateRequired' };
  if (Object.keys(problems).length) return { ok: false, problems };
  return {
    ok: true,
    fields: {
      supplier: d.supplier,
      competitor: d.supplier === 'competitor' ? d.competitor.trim() : '',
      spend,
      currency,
      contractEnd: d.contractEnd || null,
      note: d.note,
    },
  };
}

interface Props {
  accountId: string;
  unitId: string;
  offeringId: string;
  /** "Warehousing for UK operations": what the form is about. */
  title: string;
  cell: WhitespaceCell | undefined;
  /** For a new cell: the currency the account's other cells use. */
  currency: string;
  reload: () => void;
  onClose: () => void;
}

export function CellEditor(props: Props) {
  const readAt = useRef<CellFields>(
    props.cell ? { ...props.cell } : { ...EMPTY_CELL, currency: EMPTY_CELL.currency },
  );
  const [draft, setDraft] = useState<Draft>(() => ({
    ...draftOf(readAt.current),
    currency: props.cell?.currency ?? props.currency,
  }));
  const [problems, setProblems] = useState<Problems>({});
  const writer = useWrite(props.reload);
  const merged = useMergedWrite<WhitespaceCell>(writer, props.reload);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const address = {
    accountId: props.accountId,
    unitId: props.unitId,
    offeringId: props.offeringId,
  };

  const finish = (r: Result<WhitespaceCell> | null) => {
    if (r === null || r.ok) props.onClose();
  };
  const save = async () => {
    const r = fieldsOf(draft);
    setProblems(r.ok ? {} : r.problems);
    if (!r.ok) return;
    const { changes, base } = changesFrom(readAt.current, r.fields);
    // A new cell is stored even when left as the empty cell: the user said "unknown" on purpose.
    if (!props.cell && Object.keys(changes).length === 0) {
      changes.supplier = r.fields.supplier;
      base.supplier = EMPTY_CELL.supplier;
    }
    finish(
      await merged.write({ changes, base }, (c) =>
        send('setWhitespaceCell', { ...address, changes: c.changes, base: c.base } as never),
      ),
    );
  };

  return (
    <div class="ws-editor" data-testid="ws-editor">
      <h3 id="ws-editor-heading">{props.title}</h3>
      <PanelForm label={props.title} onClose={props.onClose} onSubmit={() => void save()}>
        <div class="row-form">
          <SelectField
            id="ws-supplier"
            label={t('wsSupplier')}
            value={draft.supplier}
            options={SUPPLIERS.map((s) => ({ value: s, label: t(SUPPLIER_LABEL[s]) }))}
            onChange={(supplier) => set({ supplier })}
          />
          {draft.supplier === 'competitor' && (
            <TextField
              id="ws-competitor"
              label={t('wsCompetitor')}
              value={draft.competitor}
              onInput={(competitor) => set({ competitor })}
              maxLength={200}
            />
          )}
        </div>
        <div class="row-form">
          <TextField
            id="ws-spend"
            label={t('wsSpend')}
            hint={t('wsSpendHint')}
            value={draft.spend}
            onInput={(spend) => set({ spend })}
            problem={problems.spend}
            maxLength={20}
          />
          <TextField
            id="ws-currency"
            label={t('wsCurrency')}
            value={draft.currency}
            onInput={(currency) => set({ currency })}
            problem={problems.currency}
            maxLength={3}
          />
          <TextField
            id="ws-contract-end"
            label={t('wsContractEnd')}
            type="date"
            value={draft.contractEnd}
            onInput={(contractEnd) => set({ contractEnd })}
            problem={problems.contractEnd}
          />
        </div>
        <TextField
          id="ws-note"
          label={t('wsNote')}
          value={draft.note}
          onInput={(note) => set({ note })}
          multiline
          rows={2}
          maxLength={20_000}
        />
        <FormActions busy={writer.busy} submit={t('accountsSave')} onCancel={props.onClose} />
        <WriteNotes
          conflicts={merged.conflicts}
          busy={writer.busy}
          error={writer.error}
          onChoose={(choice) => void merged.choose(choice).then(finish)}
        />
      </PanelForm>
    </div>
  );
}
