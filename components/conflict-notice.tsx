/**
 * The conflict notice: a save refused because someone else (another tab, the popup) changed the
 * same field since this form read it. It shows both values, field by field, and asks which to
 * keep; nothing is reverted or overwritten without that choice (utils/shared/field-merge.ts has
 * the rule). The sidebar, the accounts page and the popup show it.
 */
import { useState } from 'preact/hooks';
import type { Result } from '@/utils/contract/messages';
import type {
  Attitude,
  ObjectiveStatus,
  Potential,
  Role,
  Stage,
  Supplier,
} from '@/utils/contract/enums';
import type { NextAction } from '@/utils/contract/model';
import { settle, type Change, type FieldConflict } from '@/utils/shared/field-merge';
import { t, type MessageKey } from '@/utils/shared/i18n';
import { formatDay } from './format';
import { ErrorNote } from './ui';
import { SUPPLIER_LABEL } from './whitespace-labels';
import {
  ATTITUDE_LABEL,
  OBJECTIVE_STATUS_LABEL,
  POTENTIAL_LABEL,
  ROLE_LABEL,
  STAGE_LABEL,
} from './labels';

/** The name of each field a write may conflict on, in the words of the forms. */
const FIELD_LABEL: Record<string, MessageKey> = {
  name: 'sidebarAccountName',
  domains: 'sidebarAccountDomains',
  potential: 'sidebarPotential',
  cadenceDays: 'accountsCadence',
  'profile.goals': 'sidebarGoals',
  'profile.painPoints': 'sidebarPainPoints',
  'profile.opportunities': 'sidebarOpportunities',
  title: 'sidebarPersonTitle',
  emails: 'accountsPersonEmails',
  role: 'sidebarRole',
  influence: 'sidebarInfluence',
  attitude: 'sidebarAttitude',
  notes: 'sidebarNotes',
  nextAction: 'sidebarNextAction',
  stage: 'sidebarStageLabel',
  // Settings (the popup, the options page).
  sidebarSide: 'optionsSidebarSide',
  startCollapsed: 'optionsStartCollapsed',
  railWhenNothingOpen: 'optionsRailWhenNothingOpen',
  theme: 'optionsTheme',
  disabledHosts: 'optionsSitesHeading',
  ownDomains: 'optionsOwnDomainsHeading',
  offerings: 'offeringsHeading',
  'reminders.enabled': 'optionsRemindersOn',
  'reminders.time': 'optionsRemindersTime',
  // A whitespace cell's fields.
  supplier: 'wsSupplier',
  competitor: 'wsCompetitor',
  spend: 'wsSpend',
  currency: 'wsCurrency',
  contractEnd: 'wsContractEnd',
  note: 'wsNote',
  // An objective of the account plan.
  outcome: 'objectivesOutcome',
  measure: 'objectivesMeasure',
  target: 'objectivesTarget',
  due: 'objectivesDue',
  status: 'objectivesStatus',
};

/** A field's name as the forms say it; one stage's or one role's cadence with its stage or role. */
function labelOf(field: string): string {
  const known = FIELD_LABEL[field];
  if (known) return t(known);
  const [group, part] = field.split('.');
  if (group === 'cadenceDays' && part && part in STAGE_LABEL)
    return `${t('optionsCadenceHeading')}: ${t(STAGE_LABEL[part as Stage])}`;
  if (group === 'roleCadenceDays' && part && part in ROLE_LABEL)
    return `${t('optionsRoleCadenceHeading')}: ${t(ROLE_LABEL[part as Role])}`;
  return field;
}

/** A value as the user knows it: labels for coded choices, lists joined, empty said so. */
function shown(field: string, value: unknown): string {
  if (field.startsWith('roleCadenceDays.') && value === null) return t('optionsRoleCadenceOff');
  if (value === undefined || value === null || value === '') return t('conflictEmpty');
  if (field === 'potential') return t(POTENTIAL_LABEL[value as Potential]);
  if (field === 'role') return t(ROLE_LABEL[value as Role]);
  if (field === 'attitude') return t(ATTITUDE_LABEL[value as Attitude]);
  if (field === 'stage') return t(STAGE_LABEL[value as Stage]);
  if (field === 'sidebarSide') return t(value === 'left' ? 'popupSideLeft' : 'popupSideRight');
  if (typeof value === 'boolean') return t(value ? 'conflictOn' : 'conflictOff');
  if (field === 'supplier') return t(SUPPLIER_LABEL[value as Supplier]);
  if (field === 'contractEnd') return formatDay(value as string);
  if (field === 'status') return t(OBJECTIVE_STATUS_LABEL[value as ObjectiveStatus]);
  if (field === 'due') return formatDay(value as string);
  if (field === 'nextAction') {
    const next = value as NextAction;
    return `${next.text} · ${formatDay(next.due)}`;
  }
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

interface NoticeProps {
  conflicts: FieldConflict[];
  busy?: boolean;
  onChoose: (choice: 'mine' | 'theirs') => void;
}

export function ConflictNotice({ conflicts, busy, onChoose }: NoticeProps) {
  return (
    <div class="rp-conflict" role="alert" data-testid="conflict">
      <p class="rp-conflict-title">{t('conflictTitle')}</p>
      <dl class="rp-conflict-fields">
        {conflicts.map((c) => (
          <div key={c.field} data-field={c.field}>
            <dt>{labelOf(c.field)}</dt>
            <dd data-testid="conflict-mine">{t('conflictYours', shown(c.field, c.mine))}</dd>
            <dd data-testid="conflict-theirs">{t('conflictTheirs', shown(c.field, c.theirs))}</dd>
          </div>
        ))}
      </dl>
      <div class="rp-actions">
        <button
          type="button"
          class="rp-btn rp-primary"
          data-testid="keep-mine"
          disabled={busy}
          onClick={() => onChoose('mine')}
        >
          {t('conflictKeepMine')}
        </button>
        <button
          type="button"
          class="rp-btn"
          data-testid="take-theirs"
          disabled={busy}
          onClick={() => onChoose('theirs')}
        >
          {t('conflictTakeTheirs')}
        </button>
      </div>
    </div>
  );
}

/**
 * What a form with a merged write shows under its fields: the conflict question while there is
 * one, and the last write's error. `onChoose` settles the conflict and does what the form does
 * after a save.
 */
export function WriteNotes({
  conflicts,
  busy,
  error,
  onChoose,
}: {
  conflicts: FieldConflict[] | null;
  busy: boolean;
  error: string | null;
  onChoose: NoticeProps['onChoose'];
}) {
  return (
    <>
      {conflicts && <ConflictNotice conflicts={conflicts} busy={busy} onChoose={onChoose} />}
      <ErrorNote error={error} />
    </>
  );
}

interface Writer {
  run: <R extends Result<unknown>>(write: () => Promise<R>) => Promise<R>;
  clearError: () => void;
}
type SendChange<T> = (change: Change) => Promise<Result<T>>;

/**
 * A merged write and the conflict it may come back with, held until the user settles it.
 * `writer` is useWrite's (busy and error); `reload` re-reads after a conflict, so the view shows
 * what is saved now while the notice shows both values.
 */
export function useMergedWrite<T>(writer: Writer, reload: () => void) {
  const [pending, setPending] = useState<{
    change: Change;
    conflicts: FieldConflict[];
    send: SendChange<T>;
  } | null>(null);

  const write = async (change: Change, send: SendChange<T>): Promise<Result<T> | null> => {
    if (Object.keys(change.changes).length === 0) return null;
    const r = await writer.run(() => send(change));
    if (!r.ok && r.code === 'conflict' && r.conflicts?.length) {
      // The notice says it all; the error line would only repeat it.
      writer.clearError();
      setPending({ change, conflicts: r.conflicts, send });
      reload();
    } else setPending(null);
    return r;
  };
  /** Keep mine or take theirs; what is left of the change is sent again. */
  const choose = async (choice: 'mine' | 'theirs'): Promise<Result<T> | null> => {
    if (!pending) return null;
    setPending(null);
    const next = settle(pending.change, pending.conflicts, choice);
    if (Object.keys(next.changes).length === 0) {
      reload();
      return null;
    }
    return write(next, pending.send);
  };
  /** The edit was dropped (Discard): the question goes with it. */
  const dismiss = () => setPending(null);
  return { conflicts: pending?.conflicts ?? null, write, choose, dismiss };
}
