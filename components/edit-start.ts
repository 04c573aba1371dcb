/**
 * The value a typed field showed when the user began typing: the base of the change it commits
 * (utils/shared/settings-merge.ts). The field's shown value follows the settings as they change
 * elsewhere; a draft typed over an older value must say so, and is then a conflict, not a silent
 * overwrite of the newer one.
 */
import { useRef } from 'preact/hooks';

export function useEditStart<T>(shown: T) {
  const start = useRef<{ value: T } | null>(null);
  return {
    /** On each keystroke: the first one keeps the value shown then. */
    mark: () => {
      start.current ??= { value: shown };
    },
    /** On commit: the value typing began from (the one shown when not typed), and forget it. */
    take: (): T => {
      const value = start.current ? start.current.value : shown;
      start.current = null;
      return value;
    },
  };
}
