/**
 * Days between contacts per role of a key player (settings.roleCadenceDays): past it, a key player
 * is flagged in the sidebar, listed in the popup and shown on the calendar. An empty field stops
 * following that role; anything else must be a whole number of days in range, checked here and
 * again by the background's schema.
 */
import { useState } from 'preact/hooks';
import { ROLES, type Role } from '@/utils/contract/enums';
import type { Settings } from '@/utils/contract/settings';
import { CADENCE_MAX, CADENCE_MIN } from '@/utils/contract/limits';
import { DEFAULT_ROLE_CADENCE } from '@/utils/shared/freshness';
import { t } from '@/utils/shared/i18n';
import type { Problem } from '@/utils/shared/problem';
import { parseCadence } from '@/utils/page/settings-input';
import { ROLE_LABEL } from '@/components/labels';
import { useEditStart } from '@/components/edit-start';
import { FieldError, Group, useSave } from './settings-sections';

function RoleCadenceField({
  role,
  value,
  onSave,
}: {
  role: Role;
  value: number | null;
  /** `from`: the days shown when the user began typing. */
  onSave: (days: number | null, from: number | null) => void;
}) {
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const start = useEditStart(value);
  const id = `role-cadence-${role}`;
  const fallback = DEFAULT_ROLE_CADENCE[role];
  /** `badInput`: the browser could not read a number ("1e"), which it reports as an empty value. */
  const commit = (raw: string, badInput = false) => {
    if (raw.trim() === '' && !badInput) {
      setProblem(null);
      setText(null);
      const from = start.take();
      if (value !== null) onSave(null, from);
      return;
    }
    const r = parseCadence(raw);
    if (!r.ok) return setProblem(r.problem);
    setProblem(null);
    setText(null);
    const from = start.take();
    if (r.days !== value) onSave(r.days, from);
  };
  return (
    <div class="field cadence role">
      <label for={id}>{t(ROLE_LABEL[role])}</label>
      <span class="with-unit">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={CADENCE_MIN}
          max={CADENCE_MAX}
          step={1}
          placeholder={t('optionsRoleCadenceOff')}
          value={text ?? (value === null ? '' : String(value))}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-default${problem ? ` ${id}-error` : ''}`}
          onInput={(e) => {
            start.mark();
            setText(e.currentTarget.value);
          }}
          onChange={(e) => commit(e.currentTarget.value, e.currentTarget.validity.badInput)}
        />
        <span class="unit">{t('optionsDays')}</span>
      </span>
      <span id={`${id}-default`} class="hint inline">
        {fallback === null ? t('optionsRoleCadenceOff') : t('optionsCadenceDefault', fallback)}
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
        <RoleCadenceField
          key={role}
          role={role}
          value={settings.roleCadenceDays[role]}
          onSave={(days, from) =>
            void save({ roleCadenceDays: { [role]: days } }, { roleCadenceDays: { [role]: from } })
          }
        />
      ))}
    </Group>
  );
}
