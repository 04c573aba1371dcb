/**
 * Undo after a removal: the page shows one toast at a time (App), and whatever removed something
 * (an account, a person, a decision) describes how to put it back and where focus goes after.
 */
import type { Result } from '@/utils/contract/messages';

export interface UndoOffer {
  /** What the toast says: "Anna Keller removed." */
  message: string;
  /** The account the record belongs to: Undo opens it if another view is showing. */
  accountId: string;
  undo: () => Promise<Result<unknown>>;
  /** A selector for what takes focus once the record is back. */
  focusAfterUndo: string;
  /** Selectors (first found wins) for what takes focus when the toast is closed from itself. */
  focusAfterClose?: readonly string[];
}

export type OfferUndo = (offer: UndoOffer) => void;

/**
 * Focuses the first element matching one of `selectors` (tried in order) once it is in the page:
 * a re-read after a write renders it a moment later. Gives up quietly after `timeout` ms, or when
 * focus has moved on by itself.
 */
export function focusWhenReady(selectors: string | readonly string[], timeout = 3000): void {
  const list = typeof selectors === 'string' ? [selectors] : selectors;
  const started = Date.now();
  const before = document.activeElement;
  const attempt = () => {
    // The user already went somewhere else: do not pull focus back.
    if (document.activeElement !== before && document.activeElement !== document.body) return;
    for (const selector of list) {
      const el = document.querySelector<HTMLElement>(selector);
      if (el) return el.focus();
    }
    if (Date.now() - started < timeout) requestAnimationFrame(attempt);
  };
  attempt();
}

/** `[data-x="value"]`, the value quoted for a selector (record ids are `[\w-]+` anyway). */
export function attr(name: string, value: string): string {
  return `[${name}="${value.replace(/["\\]/g, '\\$&')}"]`;
}
