/**
 * Which objective of the account plan a next action or a decision serves: a select of the
 * objectives in the plan (and the one linked now), with "None" first. Shown only when the account
 * has an objective to offer; the background refuses an objective of another account anyway.
 */
import type { Objective } from '@/utils/contract/model';
import { t } from '@/utils/shared/i18n';
import { linkable } from '@/utils/shared/objectives';
import { Field } from './ui';

interface Props {
  objectives: readonly Objective[];
  /** The objective linked now, if any. */
  current?: string;
  /** Controlled use; without it the select is read from its form as `objective`. */
  value?: string;
  onChange?: (id: string) => void;
  id?: string;
}

export function ObjectivePick({ objectives, current, value, onChange, id }: Props) {
  const offered = linkable(objectives, current);
  if (offered.length === 0) return null;
  return (
    <Field label={t('objectiveChoice')}>
      <select
        id={id}
        class="rp-select"
        name="objective"
        data-testid="objective-pick"
        // Uncontrolled, the option linked now is `selected`: a select ignores defaultValue.
        {...(value === undefined ? {} : { value })}
        onChange={onChange && ((e) => onChange(e.currentTarget.value))}
      >
        <option value="">{t('objectiveNone')}</option>
        {offered.map((o) => (
          <option key={o.id} value={o.id} selected={value === undefined && o.id === current}>
            {o.outcome}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The outcome of the objective `id` names, for "For: …" beside what is linked to it. */
export function objectiveOutcome(objectives: readonly Objective[], id?: string): string | null {
  return (id && objectives.find((o) => o.id === id)?.outcome) || null;
}
