/**
 * Days between contacts: per stage of an account (settings.cadenceDays), past which it is shown
 * as going quiet, and per role of a key player (settings.roleCadenceDays), past which the key
 * player is flagged in the sidebar, listed in the popup and shown on the calendar. A stage always
 * has a cadence; an empty role field stops following that role. Anything else must be a whole
 * number of days in range, checked here and again by the background's schema.
 */
import { useState } from 'preact/hooks';
import { ROLES } from '@/utils/contract/enums';
import type { Settings } from '@/utils/contract/settings';
import { CADENCE_MAX, CADENCE_MIN } from '@/utils/contract/limits';
import { DEFAULT_ROLE_CADENCE } from '@/utils/shared/freshness';
import { DEFAULT_CADENCE_DAYS, STAGE_ORDER } from '@/utils/shared/stages';
import { t } from '@/utils/shared/i18n';
import type { Problem } from '@/utils/shared/problem';
import { parseCadence } from '@/utils/page/settings-input';
import { ROLE_LABEL, STAGE_LABEL } from '@/components/labels';
import { useEditStart } from '@/components/edit-start';
import { FieldError, Group, useSave } from './settings-sections';

/**
 * One cadence in days, saved on change. `off`: the field may be left empty, which saves null
 * (not followed) and is what this text says; without it an empty field is an error.
 */
function CadenceField<D extends number | null>({
  id,
  label,
  value,
  fallback,
  off,
  onSave,
}: {
  id: string;
  label: string;
  value: D;
  /** The default, which "Use default" puts back. */
  fallback: D;
  off?: string;
  /** `from`: the days shown when the user began typing. */
  onSave: (days: D, from: D) => void;
}) {
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const start = useEditStart(value);
  const settle = (days: D) => {
    setProblem(null);
    setText(null);
    const from = start.take();
    if (days !== value) onSave(days, from);
  };
  /** `badInput`: the browser could not read a number ("1e"), which it reports as an empty value. */
  const commit = (raw: string, badInput: boolean) => {
    if (off !== undefined && raw.trim() === '' && !badInput) return settle(null as D);
    const r = parseCadence(raw);
    if (!r.ok) return setProblem(r.problem);
    settle(r.days as D);
  };
  const shown = text ?? (value === null ? '' : String(value));
  const unitShown = off === undefined || shown !== '';
  return (
    <div class={off === undefined ? 'field cadence' : 'field cadence role'}>
      <label for={id}>{label}</label>
      <span class="with-unit">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={CADENCE_MIN}
          max={CADENCE_MAX}
          step={1}
          placeholder={off}
          value={shown}
          aria-invalid={problem ? true : undefined}
          aria-describedby={[unitShown && `${id}-unit`, `${id}-default`, problem && `${id}-error`]
            .filter(Boolean)
            .join(' ')}
          onInput={(e) => {
            start.mark();
            setText(e.currentTarget.value);
          }}
          onChange={(e) => commit(e.currentTarget.value, e.currentTarget.validity.badInput)}
        />
        {/* Kept in place but not shown beside the "Not followed" placeholder: "Not followed days". */}
        <span id={`${id}-unit`} class={unitShown ? 'unit' : 'unit off'}>
          {t('optionsDays')}
        </span>
      </span>
      <span id={`${id}-default`} class="hint inline">
        {fallback === null ? off : t('optionsCadenceDefault', fallback)}
      </span>
      {value !== fallback && (
        <button type="button" class="link" onClick={() => onSave(fallback, value)}>
          {t('optionsUseDefault')}
        </button>
      )}
      <FieldError id={`${id}-error`} problem={problem} />
    </div>
  );
}

export function CadenceGroup({ settings }: { settings: Settings }) {
  const { state, save } = useSave(settings);
  return (
    <Group
      id="cadence"
      title={t('optionsCadenceHeading')}
      hint={t('optionsCadenceHint')}
      state={state}
    >
      {STAGE_ORDER.map((stage) => (
        <CadenceField
          key={stage}
          id={`cadence-${stage}`}
          label={t(STAGE_LABEL[stage])}
          value={settings.cadenceDays[stage]}
          fallback={DEFAULT_CADENCE_DAYS[stage]}
          onSave={(days, from) =>
            void save({ cadenceDays: { [stage]: days } }, { cadenceDays: { [stage]: from } })
          }
        />
      ))}
    </Group>
  );
}

export function RoleCadenceGroup({ settings }: { settings: Settings }) {
  const { state, save } = useSave(settings);
  return (
    <Group
      id="role-cadence"
      title={t('optionsRoleCadenceHeading')}
      hint={t('optionsRoleCadenceHint')}
      state={state}
    >
      {ROLES.map((role) => (
        <CadenceField<number | null>
          key={role}
          id={`role-cadence-${role}`}
          label={t(ROLE_LABEL[role])}
          value={settings.roleCadenceDays[role]}
          fallback={DEFAULT_ROLE_CADENCE[role]}
          off={t('optionsRoleCadenceOff')}
          onSave={(days, from) =>
            void save({ roleCadenceDays: { [role]: days } }, { roleCadenceDays: { [role]: from } })
          }
        />
      ))}
    </Group>
  );
}
