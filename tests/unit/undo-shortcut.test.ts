/**
 * The toast's undo shortcut (components/undo-shortcut.ts): Ctrl+Z or ⌘Z alone, never in a field
 * where the keys undo typing, never Shift (redo) or a held key's repeats; and how it is written.
 */
import { describe, expect, it } from 'vitest';
import { isUndoShortcut, undoKeys } from '@/components/undo-shortcut';

function press(target: Element, init: KeyboardEventInit): KeyboardEvent {
  let seen: KeyboardEvent | undefined;
  document.addEventListener('keydown', (e) => (seen = e), { once: true });
  target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, ...init }));
  return seen!;
}

function element(html: string): Element {
  const holder = document.createElement('div');
  document.body.replaceChildren(holder);
  const [tag, type] = html.split(':');
  const el = document.createElement(tag!);
  if (type) el.setAttribute('type', type);
  if (tag === 'div' && type === 'editable') el.setAttribute('contenteditable', 'true');
  holder.append(el);
  return el;
}

describe('isUndoShortcut()', () => {
  it('takes Ctrl+Z and ⌘Z on a button or the page', () => {
    expect(isUndoShortcut(press(element('button'), { key: 'z', ctrlKey: true }))).toBe(true);
    expect(isUndoShortcut(press(element('button'), { key: 'z', metaKey: true }))).toBe(true);
    expect(isUndoShortcut(press(document.body, { key: 'Z', ctrlKey: true }))).toBe(true);
    expect(isUndoShortcut(press(element('input:checkbox'), { key: 'z', ctrlKey: true }))).toBe(
      true,
    );
  });

  it('leaves text fields their own undo', () => {
    for (const field of ['input', 'input:text', 'input:search', 'textarea', 'select']) {
      expect(isUndoShortcut(press(element(field), { key: 'z', ctrlKey: true })), field).toBe(false);
    }
  });

  it('is not redo, another key, a bare z or a repeat', () => {
    const button = element('button');
    expect(isUndoShortcut(press(button, { key: 'Z', ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isUndoShortcut(press(button, { key: 'z', ctrlKey: true, altKey: true }))).toBe(false);
    expect(isUndoShortcut(press(button, { key: 'y', ctrlKey: true }))).toBe(false);
    expect(isUndoShortcut(press(button, { key: 'z' }))).toBe(false);
    expect(isUndoShortcut(press(button, { key: 'z', ctrlKey: true, repeat: true }))).toBe(false);
  });
});

describe('undoKeys()', () => {
  it('writes ⌘Z on a Mac and Ctrl+Z elsewhere', () => {
    const nav = (platform: string) => ({ platform }) as Navigator;
    expect(undoKeys(nav('MacIntel'))).toEqual({ label: '⌘Z', aria: 'Meta+Z' });
    expect(undoKeys(nav('Win32'))).toEqual({ label: 'Ctrl+Z', aria: 'Control+Z' });
    expect(undoKeys(nav('Linux x86_64'))).toEqual({ label: 'Ctrl+Z', aria: 'Control+Z' });
  });
});
