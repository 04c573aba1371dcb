/**
 * Picking a due day: quick presets that show their dates ("Next week · Fri 11 Dec"), the
 * weekdays of this week and next, and a field where the day is typed as the UI language writes
 * it (dd.mm.yyyy in Russian, mm/dd/yyyy in US English).
 *
 * A text field rather than <input type="date">: the native field follows the browser's own
 * locale, not the extension's language, looks and behaves differently in Chromium and Firefox,
 * and reads a half-typed date as "" with no way to say what is wrong. Typed text is the same in
 * both browsers, and a date that does not parse gets an error that shows the expected pattern.
 */
import { useId } from 'preact/hooks';
import type { Stage } from '@/utils/contract/enums';
import { daysBetween, today, weekdayChoices, type IsoDate } from '@/utils/shared/dates';
import { dueFromPreset, type DuePreset } from '@/utils/shared/follow-up';
import { t, type MessageKey } from '@/utils/shared/i18n';
import { formatTyped, formatWeekday, parseTyped, typedPattern } from './format';
import type { Cadence } from './sidebar-types';
import { Field } from './ui';

const PRESET_LABEL: Record<DuePreset, MessageKey> = {
  tomorrow: 'presetTomorrow',
  in3: 'presetIn3',
  week: 'presetWeek',
  cadence: 'presetCadence',
};

/** The due day of each preset for one account, counted from today. */
export const presetsFor =
  (account: { stage: Stage; cadenceDays?: number | null }, cadence?: Cadence) =>
  (preset: DuePreset) =>
    dueFromPreset(preset, today(), account.stage, account.cadenceDays ?? null, cadence);

interface PresetsProps {
  label: string;
  presets: readonly DuePreset[];
  dueOf: (preset: DuePreset) => IsoDate;
  /** The due day chosen now: its preset shows pressed. Absent for one-shot actions (snooze). */
  current?: string;
  onPick: (due: IsoDate) => void;
}

/** A row of quick due days, each with the day it stands for. */
export function Presets({ label, presets, dueOf, current, onPick }: PresetsProps) {
  return (
    <div class="rp-chips" role="group" aria-label={label}>
      {presets.map((p) => {
        const due = dueOf(p);
        return (
          <button
            key={p}
            type="button"
            class="rp-btn rp-small"
            data-preset={p}
            data-day={due}
            aria-pressed={current === undefined ? undefined : current === due}
            onClick={() => onPick(due)}
          >
            {t('duePresetWithDay', [
              t(PRESET_LABEL[p], daysBetween(today(), due)),
              formatWeekday(due),
            ])}
          </button>
        );
      })}
    </div>
  );
}

/** The working days of this week (after today) and next, in one compact list. */
export function WeekdayPick({
  current,
  onPick,
}: {
  current: string;
  onPick: (d: IsoDate) => void;
}) {
  const { thisWeek, nextWeek } = weekdayChoices(today());
  const group = (label: MessageKey, days: IsoDate[]) =>
    days.length > 0 && (
      <optgroup label={t(label)}>
        {days.map((d) => (
          <option key={d} value={d}>
            {formatWeekday(d)}
          </option>
        ))}
      </optgroup>
    );
  const known = thisWeek.includes(current) || nextWeek.includes(current);
  return (
    <Field label={t('dueWeekday')}>
      <select
        class="rp-select"
        name="weekday"
        value={known ? current : ''}
        onChange={(e) => {
          const day = e.currentTarget.value;
          if (day) onPick(day);
        }}
      >
        <option value="">{t('dueWeekdayPick')}</option>
        {group('dueThisWeek', thisWeek)}
        {group('dueNextWeek', nextWeek)}
      </select>
    </Field>
  );
}

interface DueFieldProps {
  label: string;
  /** What the field holds, as typed. */
  text: string;
  onText: (text: string) => void;
  /** Set after a save was refused for this field. */
  invalid: boolean;
}

/** The typed due day, and under it how it was read ("Reads as Fri 11 Dec") while typing. */
export function DueField({ label, text, onText, invalid }: DueFieldProps) {
  const parsed = parseTyped(text);
  const reads = useId();
  return (
    <>
      <Field label={label}>
        <input
          class="rp-input"
          name="due"
          inputMode="numeric"
          autoComplete="off"
          maxLength={20}
          placeholder={typedPattern()}
          value={text}
          aria-invalid={invalid}
          aria-describedby={reads}
          onInput={(e) => onText(e.currentTarget.value)}
        />
      </Field>
      <p id={reads} class="rp-muted rp-due-reads" aria-live="polite" data-testid="due-reads">
        {parsed.ok ? t('dueReadsAs', formatWeekday(parsed.day)) : ''}
      </p>
    </>
  );
}

/** The error for a due day that does not parse: the pattern, and an example in it. */
export const dueError = () => t('followUpErrorDue', [typedPattern(), formatTyped(today())]);
