/**
 * The popup's palette: the theme setting, or (following the page, which the popup has none of) the
 * browser's colour scheme, kept up to date while the popup is open.
 */
import { loadSettings, watchSettings } from '@/utils/contract/settings';
import type { ThemeChoice } from '@/utils/contract/enums';
import { applyTheme, chooseTheme, systemScheme } from '@/utils/page/theme';

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
