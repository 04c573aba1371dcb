/**
 * The keyboard's way to a toast's Undo (components/toast.tsx): Ctrl+Z, or ⌘Z on a Mac, while the
 * toast is shown, from anywhere in the sidebar or the popup except a text field, where the keys
 * keep undoing typing as they always do. The toast's Undo button sits after the whole account in
 * the tab order; the shortcut saves the dozen Tabs, and the toast says it in words.
 */

/** True on a Mac, where the shortcut is ⌘Z and is written so. */
function onMac(nav: Navigator): boolean {
  const hinted = (nav as Navigator & { userAgentData?: { platform?: string } }).userAgentData;
  return /mac/i.test(hinted?.platform || nav.platform || '');
}

/** The shortcut as the toast writes it, and as aria-keyshortcuts spells it. */
export function undoKeys(nav: Navigator = navigator): { label: string; aria: string } {
  return onMac(nav) ? { label: '⌘Z', aria: 'Meta+Z' } : { label: 'Ctrl+Z', aria: 'Control+Z' };
}

/** Inputs whose own Ctrl+Z undoes typing: every input but boxes, buttons and the like. */
const NOT_TYPED = new Set([
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'file',
  'range',
  'color',
]);

function typedInto(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLInputElement) return !NOT_TYPED.has(target.type);
  return (
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

/** Ctrl+Z or ⌘Z alone (no Shift, which is redo; no Alt), and not in a text field. */
export function isUndoShortcut(event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    !event.shiftKey &&
    !event.altKey &&
    event.key.toLowerCase() === 'z' &&
    !event.repeat &&
    !typedInto(event.target)
  );
}
