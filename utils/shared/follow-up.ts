/**
 * Logging a follow-up: the next action's due day from a preset, and the checks the form runs
 * before it sends anything. The background checks every write again.
 *
 * The follow-up form asks what becomes of the open next action: Done, Keep (the default) or
 * Replace. Nothing moves it unless the user chose so: issue 15 found shortcut + Enter quietly
 * moving "Send the Q1 volume proposal, due today" three weeks on.
 */
import { addDays, isRealDate, type IsoDate } from '@/utils/shared/dates';
import type { MessageKey } from '@/utils/shared/i18n';
import type { NextChoice } from '@/utils/contract/messages';
import type { NextAction } from '@/utils/contract/model';
import type { ActivityKind, Stage } from '@/utils/contract/enums';
import { cadenceFor } from '@/utils/shared/stages';
import { sameValue, type FieldConflict } from '@/utils/shared/field-merge';

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

/** What becomes of the open next action when a follow-up is logged (see NextChoice). */
export type Choice = 'done' | 'keep' | 'replace';

export interface FollowUpDraft {
  summary: string;
  /** Ignored when the account has no next action: then text means a new one, else none. */
  choice: Choice;
  /** The new next action (Replace), or the one after it (Done); empty for none. */
  nextText: string;
  /** The due day as read from the field: a YYYY-MM-DD day, or anything else for "not a date". */
  due: string;
}

export type FollowUpErrors = Partial<Record<'summary' | 'next' | 'due', MessageKey>>;

export interface FollowUpCheck {
  /** Empty when the draft may be saved. */
  errors: FollowUpErrors;
  /** The new next action, if there is one to set (Replace, or after Done). */
  next?: { text: string; due: IsoDate };
  /** The new next action is due before today: ask before saving. */
  pastDue: boolean;
}

/** A next action's text and due day; the next-action editor uses it alone (text required). */
export function checkNext(text: string, due: string, today: IsoDate): FollowUpCheck {
  const errors: FollowUpErrors = {};
  const trimmed = text.trim();
  if (!trimmed) {
    errors.next = 'followUpErrorNextRequired';
    return { errors, pastDue: false };
  }
  if (!isRealDate(due)) {
    errors.due = 'followUpErrorDue';
    return { errors, pastDue: false };
  }
  return { errors, next: { text: trimmed, due }, pastDue: due < today };
}

/**
 * The follow-up form's checks. With nothing new written, Keep and Done need no due day at all
 * (the prefilled form is always valid, so the shortcut then Enter just logs); Replace needs the
 * new action's words.
 */
export function checkFollowUp(draft: FollowUpDraft, today: IsoDate): FollowUpCheck {
  let result: FollowUpCheck = { errors: {}, pastDue: false };
  if (draft.nextText.trim() || draft.choice === 'replace') {
    result = checkNext(draft.nextText, draft.due, today);
    if (result.errors.next) result.errors.next = 'followUpErrorReplace';
  }
  if (!draft.summary.trim()) result.errors.summary = 'followUpErrorSummary';
  return result;
}

/**
 * What a logged follow-up does to the account's open next action (the user's choice in the
 * form; see NextChoice). Keep never touches it. Done and Replace act only on the next action the
 * user saw (its words and its day): if it has changed since, the write is refused with both
 * values, rather than applied to another one.
 */
export function applyNextChoice(
  current: NextAction | null,
  choice: NextChoice,
):
  | { ok: true; nextAction?: NextAction | null; completed?: string; completedDue?: IsoDate }
  | { ok: false; conflict: FieldConflict } {
  if (choice.choice === 'keep') return { ok: true };
  const mine = choice.choice === 'done' ? (choice.then ?? null) : choice.nextAction;
  if (!sameValue(current, choice.seen)) {
    return { ok: false, conflict: { field: 'nextAction', mine, theirs: current } };
  }
  if (choice.choice === 'replace') return { ok: true, nextAction: mine };
  return { ok: true, nextAction: mine, completed: current!.text, completedDue: current!.due };
}

/**
 * The user's answer to that conflict. Take theirs: the follow-up is logged and their next action
 * stays (Keep). Keep mine: the same choice, now made about the next action they see now; Done on
 * a next action someone else already finished becomes setting the one after it, if any.
 */
export function settleNextChoice(
  choice: NextChoice,
  theirs: NextAction | null,
  pick: 'mine' | 'theirs',
): NextChoice {
  if (pick === 'theirs' || choice.choice === 'keep') return { choice: 'keep' };
  if (choice.choice === 'replace') return { ...choice, seen: theirs };
  if (theirs) return { ...choice, seen: theirs };
  return choice.then
    ? { choice: 'replace', seen: null, nextAction: choice.then }
    : { choice: 'keep' };
}

/**
 * The kind of thing a next action's words say it is, for "Mark done": "Call Anna" was a call,
 * "Send the offer" an email, "Book the QBR" a meeting; in English and in Russian. Anything else
 * is a note.
 */
const KIND_WORDS: [ActivityKind, RegExp][] = [
  ['call', /\b(call|phone|ring)\b|позвон|созвон|звонок|звонить|набрать/iu],
  ['meeting', /\b(meet|meeting|visit|qbr|demo|workshop|lunch)\b|встреч|визит|совещан|демо/iu],
  ['email', /\b(e-?mail|send|reply|write|mail)\b|письм|отправ|напис|ответ|выслать/iu],
];

export function kindOf(text: string): ActivityKind {
  return KIND_WORDS.find(([, words]) => words.test(text))?.[0] ?? 'note';
}
