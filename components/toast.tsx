/**
 * The short confirmation after a write that can be taken back (a follow-up logged, a next action
 * done): Undo for a few seconds. The live region is always in the page, so that screen readers
 * announce each toast politely, and then that the write was undone. Undo is a plain button in the
 * tab order, and Ctrl+Z (⌘Z) outside a text field reaches it from anywhere (undo-shortcut.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import type { Result } from '@/utils/contract/messages';
import { t } from '@/utils/shared/i18n';
import type { Send, Undo } from './sidebar-types';
import { isUndoShortcut, undoKeys } from './undo-shortcut';
import { ErrorNote, useWrite } from './ui';

/** Long enough to read and to reach with the keyboard; it stays while focus is inside. */
export const TOAST_MS = 8000;

/** Deletes the logged activity, then puts back the next action the write replaced. */
export async function undoWrite(send: Send, undo: Undo): Promise<Result<unknown>> {
  const deleted = await send('deleteActivity', { id: undo.activityId });
  if (!deleted.ok || undo.previous === undefined) return deleted;
  return send('setNextAction', {
    accountId: undo.accountId,
    nextAction: undo.previous,
    // Changed again since the write (another tab), the undo is refused rather than lost over it.
    base: undo.current ?? null,
  });
}

interface Props {
  undo: Undo | null;
  send: Send;
  reload: () => void;
  onClose: () => void;
}

export function Toast(props: Props) {
  // Set once an undo went through, until the next toast or TOAST_MS: the live region says so.
  const [undone, setUndone] = useState(false);
  useEffect(() => {
    if (props.undo) setUndone(false);
  }, [props.undo]);
  useEffect(() => {
    if (!undone) return;
    const timer = setTimeout(() => setUndone(false), TOAST_MS);
    return () => clearTimeout(timer);
  }, [undone]);

  return (
    <div class="rp-live" aria-live="polite">
      {props.undo ? (
        <ToastBody
          key={props.undo.activityId}
          {...props}
          undo={props.undo}
          onUndone={() => {
            setUndone(true);
            props.onClose();
          }}
        />
      ) : (
        undone && (
          <span class="rp-visually-hidden" data-testid="undone">
            {t('toastUndone')}
          </span>
        )
      )}
    </div>
  );
}

function ToastBody(props: Props & { undo: Undo; onUndone: () => void }) {
  const { undo, send, reload, onClose, onUndone } = props;
  const [held, setHeld] = useState(false);
  const { busy, error, run } = useWrite(reload);
  const keys = undoKeys();

  const takeBack = async () => {
    if ((await run(() => undoWrite(send, undo))).ok) onUndone();
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (busy || !isUndoShortcut(event)) return;
      event.preventDefault();
      void takeBack();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [busy, undo]);

  useEffect(() => {
    if (held) return;
    const timer = setTimeout(onClose, TOAST_MS);
    return () => clearTimeout(timer);
  }, [held]);

  return (
    <div
      class="rp-toast"
      data-testid="toast"
      onFocusIn={() => setHeld(true)}
      onFocusOut={() => setHeld(false)}
    >
      <span class="rp-grow">
        {t(undo.message)} {t('toastUndoKeys', keys.label)}
      </span>
      <button
        type="button"
        class="rp-btn rp-small"
        data-testid="undo"
        disabled={busy}
        aria-keyshortcuts={keys.aria}
        onClick={() => void takeBack()}
      >
        {t('toastUndo')}
      </button>
      <ErrorNote error={error} />
    </div>
  );
}
