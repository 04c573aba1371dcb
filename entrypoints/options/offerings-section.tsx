/**
 * Offerings: what the user's company sells, the columns of every account's whitespace grid (up to
 * MAX_OFFERINGS, kept in the settings). Cells name an offering by id, so a rename or a move keeps
 * them. Removing an offering that cells use asks first; its cells are not deleted but hidden
 * everywhere (grid, sidebar, calendar, CSV) and come back with Undo, which puts the same offering
 * back where it was.
 */
import { useState } from 'preact/hooks';
import type { Offering, Settings } from '@/utils/contract/settings';
import { MAX_OFFERINGS, OFFERING_NAME_MAX } from '@/utils/contract/limits';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import type { Problem } from '@/utils/shared/problem';
import { FieldError, Group, useSave } from './settings-sections';

/** Why a name cannot be an offering's, or null. */
function nameProblem(name: string, others: readonly Offering[]): Problem | null {
  const clean = name.trim();
  if (!clean) return { key: 'offeringsNameRequired' };
  if (clean.length > OFFERING_NAME_MAX)
    return { key: 'offeringsNameTooLong', subs: [OFFERING_NAME_MAX] };
  if (others.some((o) => o.name.toLowerCase() === clean.toLowerCase()))
    return { key: 'offeringsNameTaken', subs: [clean] };
  return null;
}

function OfferingRow(props: {
  offering: Offering;
  index: number;
  list: readonly Offering[];
  save: (list: Offering[]) => Promise<boolean>;
  onRemove: () => void;
}) {
  const { offering, index, list } = props;
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const id = `offering-${offering.id}`;
  const commit = async () => {
    if (text === null || text.trim() === offering.name) return setText(null);
    const p = nameProblem(
      text,
      list.filter((o) => o.id !== offering.id),
    );
    setProblem(p);
    if (p) return;
    const next = list.map((o) => (o.id === offering.id ? { ...o, name: text.trim() } : o));
    if (await props.save(next)) setText(null);
  };
  const move = (by: -1 | 1) => {
    const next = [...list];
    [next[index], next[index + by]] = [next[index + by]!, next[index]!];
    void props.save(next);
  };
  return (
    <li class="offering" data-offering-id={offering.id}>
      <label class="sr-only" for={id}>
        {t('offeringsNameOf', index + 1)}
      </label>
      <input
        id={id}
        value={text ?? offering.name}
        maxLength={OFFERING_NAME_MAX + 20}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-error` : undefined}
        onInput={(e) => setText(e.currentTarget.value)}
        onBlur={() => void commit()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void commit();
          if (e.key === 'Escape') {
            setText(null);
            setProblem(null);
          }
        }}
      />
      <button
        type="button"
        class="btn small"
        disabled={index === 0}
        aria-label={t('wsMoveUpNamed', offering.name)}
        onClick={() => move(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        class="btn small"
        disabled={index === list.length - 1}
        aria-label={t('wsMoveDownNamed', offering.name)}
        onClick={() => move(1)}
      >
        ↓
      </button>
      <button
        type="button"
        class="btn small offering-remove"
        aria-label={t('offeringsRemoveNamed', offering.name)}
        onClick={props.onRemove}
      >
        {t('accountsRemove')}
      </button>
      <FieldError id={`${id}-error`} problem={problem} />
    </li>
  );
}

type Removal =
  | { step: 'asking'; offering: Offering; index: number; cells: number }
  | { step: 'removed'; offering: Offering; index: number; cells: number };

export function OfferingsGroup({ settings }: { settings: Settings }) {
  const { state, save } = useSave(settings);
  const list = settings.offerings;
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [removal, setRemoval] = useState<Removal | null>(null);
  const [countError, setCountError] = useState<string | null>(null);
  const saveList = (offerings: Offering[]) => save({ offerings });

  const add = async () => {
    const p =
      list.length >= MAX_OFFERINGS
        ? { key: 'offeringsTooMany' as const, subs: [MAX_OFFERINGS] }
        : nameProblem(name, list);
    setProblem(p);
    if (p) return;
    if (await saveList([...list, { id: crypto.randomUUID(), name: name.trim() }])) setName('');
  };
  const remove = async (offering: Offering, index: number, confirmed = false) => {
    setCountError(null);
    let cells = 0;
    if (!confirmed) {
      const r = await send('countOfferingUse', {});
      if (!r.ok) return setCountError(r.error);
      cells = r.data[offering.id] ?? 0;
      if (cells > 0) return setRemoval({ step: 'asking', offering, index, cells });
    } else cells = removal?.cells ?? 0;
    if (await saveList(list.filter((o) => o.id !== offering.id)))
      setRemoval({ step: 'removed', offering, index, cells });
  };
  const undo = async (r: Removal) => {
    if (list.length >= MAX_OFFERINGS)
      return setProblem({ key: 'offeringsTooMany', subs: [MAX_OFFERINGS] });
    const next = [...list];
    next.splice(Math.min(r.index, next.length), 0, r.offering);
    if (await saveList(next)) setRemoval(null);
  };

  return (
    <Group id="offerings" title={t('offeringsHeading')} hint={t('offeringsHint')} state={state}>
      {list.length === 0 && <p class="muted">{t('offeringsNone')}</p>}
      <ol class="offerings">
        {list.map((o, i) => (
          <OfferingRow
            key={o.id}
            offering={o}
            index={i}
            list={list}
            save={saveList}
            onRemove={() => void remove(o, i)}
          />
        ))}
      </ol>
      {removal?.step === 'asking' && (
        <div class="offering-confirm" role="alert" data-testid="offering-confirm">
          <p>{t('offeringsRemoveAsk', [removal.offering.name, removal.cells])}</p>
          <button
            type="button"
            class="btn danger"
            onClick={() => void remove(removal.offering, removal.index, true)}
          >
            {t('offeringsRemoveConfirm')}
          </button>{' '}
          <button type="button" class="btn" onClick={() => setRemoval(null)}>
            {t('offeringsKeep')}
          </button>
        </div>
      )}
      {removal?.step === 'removed' && (
        <p class="offering-removed" role="status">
          {removal.cells > 0
            ? t('offeringsRemovedHidden', [removal.offering.name, removal.cells])
            : t('offeringsRemoved', removal.offering.name)}{' '}
          <button type="button" class="btn small" onClick={() => void undo(removal)}>
            {t('accountsUndo')}
          </button>
        </p>
      )}
      {countError && (
        <p class="field-error" role="alert">
          {t('optionsNotSaved', countError)}
        </p>
      )}
      <form
        class="offering-add"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label for="offering-new">{t('offeringsNew')}</label>
        <input
          id="offering-new"
          value={name}
          maxLength={OFFERING_NAME_MAX + 20}
          placeholder={t('offeringsNewPlaceholder')}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'offering-new-error' : undefined}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <button type="submit" class="btn" disabled={list.length >= MAX_OFFERINGS}>
          {t('offeringsAdd')}
        </button>
        <FieldError id="offering-new-error" problem={problem} />
      </form>
    </Group>
  );
}
