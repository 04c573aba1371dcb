/**
 * Typing survives: what the user has typed in the sidebar and not yet saved is kept outside the
 * page, and offered back when the frame comes again after an extension update or reload (which
 * drops the frame and everything in it without a word).
 *
 * Kept by the background in IndexedDB (keepDraft, listDrafts): neither the host page nor a content
 * script can read it there (a draft is often a private note on a person), and it outlives the
 * frame. A framed page's own localStorage is no home for it: where third-party storage is blocked,
 * Chromium refuses it to an extension page framed into a web page.
 *
 * A field is known by where it is (account, person, form) and its `name`. Its draft goes when the
 * field stays gone while the frame lives (its form was saved or cancelled), or when what it shows
 * is the draft itself and the user has left it (a saved note); on the way out of the frame (an
 * update) it stays.
 */
import type { DraftEntry } from '@/utils/contract/messages';

type Field = HTMLInputElement | HTMLTextAreaElement;

/** How long a field must stay gone before its draft goes with it. */
export const GONE_AFTER_MS = 1_000;

/** Where drafts are kept: the background, through the frame's messages. */
export interface DraftStore {
  list(): Promise<DraftEntry[]>;
  /** Keeps a field's text, or with null drops it. */
  keep(key: string, value: string | null): void;
}

const isDraftable = (el: EventTarget | null): el is Field =>
  (el instanceof HTMLTextAreaElement ||
    (el instanceof HTMLInputElement && (el.type === 'text' || el.type === 'date'))) &&
  el.name !== '';

/** Where a field is: its account, its person, its form, its name. */
export function draftKey(field: Field): string {
  const account = field.closest('[data-account-id]')?.getAttribute('data-account-id') ?? '';
  const person = field.closest('[data-person-id]')?.getAttribute('data-person-id') ?? '';
  const form = field.closest('form')?.getAttribute('aria-label') ?? '';
  return [account, person, form, field.name].join('|');
}

/** What the panel tells the user about drafts it found. */
export interface DraftNews {
  /** Drafts just put back into their fields. */
  restored: number;
  /** Drafts of an account on screen whose form is closed: they come back when it opens. */
  waiting: number;
}

export interface DraftKeeper {
  /** Drops drafts whose field now shows them and has been left (saved): after a change notice. */
  settle(): void;
}

/**
 * Keeps drafts of the fields under `root` until the frame unloads; `onNews` hears of drafts put
 * back, or waiting for their form, for the notice that says so.
 */
export function keepDrafts(
  root: HTMLElement,
  store: DraftStore,
  onNews: (news: DraftNews) => void,
): DraftKeeper {
  /** The drafts as last read or written here: the store is the truth, this saves a round trip. */
  const drafts = new Map<string, string>();
  const drop = (key: string) => {
    if (drafts.delete(key)) store.keep(key, null);
  };

  /** Fields on screen, by key, as last seen: a removed one takes its draft with it. */
  const shown = new Map<Field, string>();
  const isShown = (key: string) => [...shown].some(([field, k]) => k === key && field.isConnected);
  let leaving = false;
  let loaded = false;
  addEventListener('pagehide', () => (leaving = true));

  root.addEventListener(
    'input',
    (e) => {
      if (!e.isTrusted || !isDraftable(e.target)) return;
      const key = draftKey(e.target);
      drafts.set(key, e.target.value);
      store.keep(key, e.target.value);
    },
    true,
  );

  let lastWaiting = 0;
  const restore = () => {
    if (!loaded) return;
    let restored = 0;
    for (const field of root.querySelectorAll<Field>('input[name], textarea[name]')) {
      if (!isDraftable(field) || shown.has(field)) continue;
      const key = draftKey(field);
      shown.set(field, key);
      const draft = drafts.get(key);
      if (draft === undefined || draft === field.value) continue;
      field.value = draft;
      // The component keeps the field's value in its state: tell it, as typing would.
      field.dispatchEvent(new Event('input', { bubbles: true }));
      restored++;
    }
    for (const [field, key] of shown) {
      if (field.isConnected) continue;
      shown.delete(field);
      // A panel re-render replaces a field with its twin: only a field that stays gone (its form
      // saved or cancelled) takes its draft along.
      if (!leaving) setTimeout(() => isShown(key) || leaving || drop(key), GONE_AFTER_MS);
    }
    // Drafts of an account on screen whose field is not: its form is closed.
    const accounts = new Set(
      [...root.querySelectorAll('[data-account-id]')].map((el) =>
        el.getAttribute('data-account-id'),
      ),
    );
    const open = new Set(shown.values());
    const waiting = [...drafts.keys()].filter(
      (key) => !open.has(key) && accounts.has(key.split('|')[0] ?? ''),
    ).length;
    if (restored > 0 || waiting !== lastWaiting) onNews({ restored, waiting });
    lastWaiting = waiting;
  };
  new MutationObserver(restore).observe(root, { childList: true, subtree: true });
  void store
    .list()
    .catch(() => [] as DraftEntry[])
    .then((entries) => {
      // Typing since the frame opened is newer than anything kept.
      for (const { key, value } of entries) if (!drafts.has(key)) drafts.set(key, value);
      loaded = true;
      restore();
    });

  return {
    settle() {
      for (const [field, key] of shown) {
        if (
          field.isConnected &&
          drafts.get(key) === field.value &&
          field !== document.activeElement
        )
          drop(key);
      }
    },
  };
}
