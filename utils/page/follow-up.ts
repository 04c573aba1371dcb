/**
 * Logging a follow-up: the next action's due day from a preset, and the checks the form runs
 * before it sends anything. The background checks every write again.
 *
 * The rules for the next action in the follow-up form:
 * - text empty, due only prefilled (or cleared): the next action is left as it is; the due date
 *   shown is ignored. So the prefilled form is always valid, and shortcut + Enter just logs.
 * - text empty, due picked or typed by the user: refused ("say what is next"), nothing saved.
 * - text given: the due date must be a real YYYY-MM-DD day; a day before today is saved only
 *   after the user confirms it.
 */
import { addDays, isRealDate, type IsoDate } from '@/utils/shared/dates';
import type { MessageKey } from '@/utils/shared/i18n';
import type { Stage } from '@/utils/contract/enums';
import { cadenceFor } from '@/utils/shared/stages';

/** "Next week" is seven days on: the same weekday, which is what people mean when they snooze. */
export const DUE_PRESETS = ['tomorrow', 'in3', 'week', 'cadence'] as const;
export type DuePreset = (typeof DUE_PRESETS)[number];
/** Snoozing moves a next action by a fixed step; "per cadence" is for setting a new one. */
export const SNOOZE_PRESETS = ['tomorrow', 'in3', 'week'] as const;

const PRESET_DAYS = { tomorrow: 1, in3: 3, week: 7 };

/**
 * The due day a preset stands for, counted in calendar days from `today` (the user's local day:
 * pass `today()`, never a UTC date). "cadence" is the account's follow-up rhythm: its own
 * override, else the user's setting for its stage, else the stage's default.
 */
export function dueFromPreset(
  preset: DuePreset,
  today: IsoDate,
  stage: Stage,
  cadenceOverride: number | null,
  cadenceSettings?: Partial<Record<Stage, number>>,
): IsoDate {
  const days =
    preset === 'cadence'
      ? cadenceFor(stage, cadenceOverride, cadenceSettings)
      : PRESET_DAYS[preset];
  return addDays(today, days);
}

export interface FollowUpDraft {
  summary: string;
  nextText: string;
  /** The due field's value; anything that is not a real YYYY-MM-DD day is refused. */
  due: string;
  /** The user picked or typed the due date; a prefilled date alone does not count. */
  dueSet: boolean;
}

export type FollowUpErrors = Partial<Record<'summary' | 'next' | 'due', MessageKey>>;

export interface FollowUpCheck {
  /** Empty when the draft may be saved. */
  errors: FollowUpErrors;
  /** The next action to set; undefined leaves the current one as it is. */
  next?: { text: string; due: IsoDate };
  /** The next action is due before today: ask before saving. */
  pastDue: boolean;
}

/** The next-action half of the checks; the next-action editor uses it alone. */
export function checkNext(
  text: string,
  due: string,
  dueSet: boolean,
  today: IsoDate,
): FollowUpCheck {
  const errors: FollowUpErrors = {};
  const trimmed = text.trim();
  if (!trimmed) {
    if (dueSet && due) errors.next = 'followUpErrorNext';
    return { errors, pastDue: false };
  }
  if (!isRealDate(due)) {
    errors.due = 'followUpErrorDue';
    return { errors, pastDue: false };
  }
  return { errors, next: { text: trimmed, due }, pastDue: due < today };
}

export function checkFollowUp(draft: FollowUpDraft, today: IsoDate): FollowUpCheck {
  const result = checkNext(draft.nextText, draft.due, draft.dueSet, today);
  if (!draft.summary.trim()) result.errors.summary = 'followUpErrorSummary';
  return result;
}
