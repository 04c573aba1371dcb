/**
 * A settings write from the popup or the options page: the change with the values it was read at
 * (utils/shared/settings-merge.ts), and the conflict it may come back with, held until the user
 * settles it in the conflict notice (keep mine, or take what was saved elsewhere).
 */
import { useRef, useState } from 'preact/hooks';
import type { RequestOf, Result } from '@/utils/contract/messages';
import type { Settings } from '@/utils/contract/settings';
import type { send as sendType } from '@/utils/contract/send';
import { nest, settle, type Change, type FieldConflict } from '@/utils/shared/field-merge';
import { baseOf, flatSettings, type SettingsPatch } from '@/utils/shared/settings-merge';

export type { SettingsPatch };

const request = (change: Change) =>
  ({ ...nest(change.changes), base: nest(change.base) }) as RequestOf<'updateSettings'>;

/**
 * `shown`: the settings as the page shows them, the base of every change unless the caller gives
 * its own (a field the user was typing into since before the last refresh).
 */
export function useSettingsWrite(shown: Settings | null, send: typeof sendType) {
  type Pending = { change: Change; conflicts: FieldConflict[] } | null;
  // A ref as well as state: `choose` may be called from a closure of an earlier render (the
  // options page hands it out with the conflict), and must see the conflict that is pending now.
  const pending = useRef<Pending>(null);
  const [shownPending, setShownPending] = useState<Pending>(null);
  const setPending = (next: Pending) => {
    pending.current = next;
    setShownPending(next);
  };

  const put = async (change: Change): Promise<Result<true>> => {
    const r = await send('updateSettings', request(change));
    setPending(
      !r.ok && r.code === 'conflict' && r.conflicts?.length
        ? { change, conflicts: r.conflicts }
        : null,
    );
    return r;
  };

  const save = (patch: SettingsPatch, base?: SettingsPatch): Promise<Result<true>> =>
    put({
      changes: flatSettings(patch),
      base: flatSettings(base ?? (shown ? baseOf(shown, patch) : {})),
    });

  /** Keep mine or take theirs; what is left of the change is sent again (null: nothing left). */
  const choose = async (choice: 'mine' | 'theirs'): Promise<Result<true> | null> => {
    const now = pending.current;
    if (!now) return null;
    const next = settle(now.change, now.conflicts, choice);
    setPending(null);
    if (Object.keys(next.changes).length === 0) return null;
    return put(next);
  };

  return { save, conflicts: shownPending?.conflicts ?? null, choose };
}
