/**
 * Which palette Rapport's views use. The dark palettes (components/sidebar-dark.css,
 * components/page-dark.css and the pages' own dark.css) apply under `<html data-rp-theme="dark">`;
 * this sets it from the user's theme setting, the host page's own colour scheme (reported by the
 * content script, for the sidebar) and the browser's.
 */
import { loadSettings, watchSettings } from '@/utils/contract/settings';
import type { PageTheme, ThemeChoice } from '@/utils/contract/enums';

/**
 * The palette to use: the setting's when it names one; else the page's, when it showed one; else
 * the browser's colour scheme (the popup, a page that paints no colour of its own).
 */
export function chooseTheme(
  choice: ThemeChoice,
  page: PageTheme | undefined,
  systemDark: boolean,
): PageTheme {
  if (choice !== 'page') return choice;
  return page ?? (systemDark ? 'dark' : 'light');
}

/** Puts `theme` on the document: the attribute the dark palette keys on. */
export function applyTheme(doc: Document, theme: PageTheme): void {
  if (doc.documentElement.dataset.rpTheme !== theme) doc.documentElement.dataset.rpTheme = theme;
}

/** The browser's colour scheme now, and a way to hear it change until `signal` aborts. */
export function systemScheme(
  win: Window,
  onChange: () => void,
  signal: AbortSignal,
): () => boolean {
  const query = win.matchMedia('(prefers-color-scheme: dark)');
  query.addEventListener('change', onChange, { signal });
  return () => query.matches;
}

/**
 * A page of Rapport's own (popup, accounts, options, meeting brief): the theme setting, or (it
 * has no host page to follow) the browser's colour scheme, kept up to date while it is open.
 */
export function followTheme(doc: Document, win: Window): void {
  const signal = new AbortController().signal;
  let choice: ThemeChoice = 'page';
  const apply = () => applyTheme(doc, chooseTheme(choice, undefined, dark()));
  const dark = systemScheme(win, apply, signal);
  apply();
  const take = (next: { theme: ThemeChoice }) => {
    choice = next.theme;
    apply();
  };
  void loadSettings().then(take, () => {});
  watchSettings(take, signal);
}
