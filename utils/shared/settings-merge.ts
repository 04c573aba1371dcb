/**
 * Settings writes merge like account writes (field-merge.ts): a write carries the fields it changes
 * and, in `base`, the value each had when the page read it. The popup and the options page may
 * both be open; a change to one setting never undoes another made meanwhile, and the same setting
 * changed in both since they read it is a conflict the user settles, never a silent overwrite.
 *
 * Settings are compared setting by setting: one stage's cadence, one role's cadence, and the
 * reminders' switch and time each count as a field of their own. The lists that are sets (own
 * domains, switched-off sites) merge item by item (set-merge.ts).
 */
import { MAX_OWN_DOMAINS } from '@/utils/contract/limits';
import type { Settings } from '@/utils/contract/settings';
import { flatten, mergeFields, read, type MergeResult } from './field-merge';
import { mergeSet } from './set-merge';

/** A settings write: the settings it changes, all optional; nested ones partly. */
export interface SettingsPatch {
  sidebarSide?: Settings['sidebarSide'];
  startCollapsed?: boolean;
  railWhenNothingOpen?: boolean;
  theme?: Settings['theme'];
  disabledHosts?: Settings['disabledHosts'];
  cadenceDays?: Partial<Settings['cadenceDays']>;
  roleCadenceDays?: Partial<Settings['roleCadenceDays']>;
  reminders?: Partial<Settings['reminders']>;
  /** A set: what a write adds and removes merges with other writes (SET_SETTINGS). */
  ownDomains?: string[];
  /** The whole list is one setting: two pages editing it at once is a conflict, not a merge. */
  offerings?: Settings['offerings'];
}

/** The settings whose parts merge one by one. */
export const NESTED_SETTINGS = ['cadenceDays', 'roleCadenceDays', 'reminders'] as const;

/** The settings that are sets of items, each with the most items it may hold. */
const SET_SETTINGS: Readonly<Record<'ownDomains' | 'disabledHosts', number>> = {
  ownDomains: MAX_OWN_DOMAINS,
  disabledHosts: Number.POSITIVE_INFINITY,
};

export const flatSettings = (patch: SettingsPatch): Record<string, unknown> =>
  flatten(patch as Record<string, unknown>, NESTED_SETTINGS);

/**
 * `patch` merged into `current`. Without a base (a script or a test setting things up, never a
 * page) every changed setting is taken as read from `current`: the write applies as it is.
 */
export function mergeSettings(
  current: Settings,
  patch: SettingsPatch,
  base: SettingsPatch | undefined,
): MergeResult<Settings> {
  const changes = flatSettings(patch);
  const readAt = base
    ? flatSettings(base)
    : Object.fromEntries(Object.keys(changes).map((field) => [field, read(current, field)]));
  // A set setting read at a list: what the page added and removed since, applied to the list
  // stored now, becomes a change based on that list, so it merges rather than conflicts.
  for (const [field, max] of Object.entries(SET_SETTINGS)) {
    const mine = changes[field];
    const was = readAt[field];
    if (!Array.isArray(mine) || !Array.isArray(was)) continue;
    const now = current[field as keyof typeof SET_SETTINGS] as unknown[];
    const merged = mergeSet(now, mine, was, max);
    if (!merged.ok) continue; // more than the setting may hold: the user chooses (a conflict)
    changes[field] = merged.next;
    readAt[field] = now;
  }
  return mergeFields(current, changes, readAt);
}

/**
 * The base of `patch` when the page shows `shown`: the value of each setting it changes, as the
 * page showed it. A field the user was typing into passes its own starting value instead.
 */
export function baseOf(shown: Settings, patch: SettingsPatch): SettingsPatch {
  const base: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const was = shown[key as keyof SettingsPatch];
    if ((NESTED_SETTINGS as readonly string[]).includes(key)) {
      const parts = was as Record<string, unknown>;
      base[key] = Object.fromEntries(Object.keys(value).map((k) => [k, parts[k]]));
    } else base[key] = was;
  }
  return base as SettingsPatch;
}
