/**
 * Typing survives: what the user has typed in the sidebar and not yet saved is kept outside the
 * page, and offered back when the frame comes again after an extension update or reload (which
 * drops the frame and everything in it without a word).
 *
 * Kept in the frame's own localStorage: the extension's origin, so neither the host page nor a
 * content script can read it (notes on decision makers are private), and it outlives the frame.
 * A field is known by where it is (account, person, form) and its `name`. Its draft goes when the
 * field goes while the frame lives (its form was saved or cancelled), or when what the field
 * shows is the draft itself (a saved note); on the way out of the frame (an update) it stays.
 */
export const DRAFTS_KEY = 'rapport:drafts';
/** Older drafts are dropped: a week is plenty to come back to one. */
const KEEP_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_DRAFTS = 50;

type Field = HTMLInputElement | HTMLTextAreaElement;
type Drafts = Record<string, { value: string; at: number }>;

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

export interface DraftKeeper {
  /** Drops drafts whose field now shows them (saved): call after a change notice. */
  settle(): void;
}

/** What the panel tells the user about drafts it found. */
export interface DraftNews {
  /** Drafts just put back into their fields. */
  restored: number;
  /** Drafts of an account on screen whose form is closed: they come back when it opens. */
  waiting: number;
}

/**
 * Keeps drafts of the fields under `root` until the frame unloads; `onNews` hears of drafts put
 * back, or waiting for their form, for the notice that says so.
 */
export function keepDrafts(
  root: HTMLElement,
  onNews: (news: DraftNews) => void,
  // Looked up inside each try below: where the browser blocks a framed page's storage (Chromium
  // throws a SecurityError on touching `localStorage`), the panel works, only without drafts.
  storage?: Storage,
  now: () => number = Date.now,
): DraftKeeper {
  const read = (): Drafts => {
    try {
      const parsed: unknown = JSON.parse((storage ?? localStorage).getItem(DRAFTS_KEY) ?? '{}');
      return parsed && typeof parsed === 'object' ? (parsed as Drafts) : {};
    } catch {
      return {};
    }
  };
  const write = (drafts: Drafts) => {
    const kept = Object.entries(drafts)
      .filter(([, d]) => typeof d?.value === 'string' && now() - d.at < KEEP_MS)
      .sort((a, b) => b[1].at - a[1].at)
      .slice(0, MAX_DRAFTS);
    try {
      (storage ?? localStorage).setItem(DRAFTS_KEY, JSON.stringify(Object.fromEntries(kept)));
    } catch {
      // A full or blocked storage keeps no draft; the field itself still holds the text.
    }
  };
  const drop = (key: string) => {
    const drafts = read();
    if (!(key in drafts)) return;
    delete drafts[key];
    write(drafts);
  };

  /** Fields on screen, by key, as last seen: a removed one takes its draft with it. */
  const shown = new Map<Field, string>();
  let leaving = false;
  addEventListener('pagehide', () => (leaving = true));

  root.addEventListener(
    'input',
    (e) => {
      if (!e.isTrusted || !isDraftable(e.target)) return;
      const drafts = read();
      drafts[draftKey(e.target)] = { value: e.target.value, at: now() };
      write(drafts);
    },
    true,
  );

  const restore = () => {
    const drafts = read();
    let restored = 0;
    for (const field of root.querySelectorAll<Field>('input[name], textarea[name]')) {
      if (!isDraftable(field) || shown.has(field)) continue;
      const key = draftKey(field);
      shown.set(field, key);
      const draft = drafts[key];
      if (!draft || draft.value === field.value) continue;
      field.value = draft.value;
      // The component keeps the field's value in its state: tell it, as typing would.
      field.dispatchEvent(new Event('input', { bubbles: true }));
      restored++;
    }
    for (const [field, key] of shown) {
      if (field.isConnected) continue;
      shown.delete(field);
      if (!leaving) drop(key);
    }
    // Drafts of an account on screen whose field is not: its form is closed.
    const accounts = [...root.querySelectorAll('[data-account-id]')].map((el) =>
      el.getAttribute('data-account-id'),
    );
    const open = new Set(shown.values());
    const waiting = Object.keys(drafts).filter(
      (key) => !open.has(key) && accounts.includes(key.split('|')[0] ?? ''),
    ).length;
    if (restored > 0 || waiting !== lastWaiting) onNews({ restored, waiting });
    lastWaiting = waiting;
  };
  let lastWaiting = 0;
  new MutationObserver(restore).observe(root, { childList: true, subtree: true });
  restore();

  return {
    settle() {
      const drafts = read();
      for (const [field, key] of shown) {
        if (
          field.isConnected &&
          drafts[key]?.value === field.value &&
          field !== document.activeElement
        )
          drop(key);
      }
    },
  };
}
