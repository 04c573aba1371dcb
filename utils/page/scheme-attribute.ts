/**
 * The full pages' palette (accounts, options, meeting brief): puts the browser's colour scheme on
 * the page's root as `data-rp-theme`, the attribute their dark palette keys on
 * (components/page-dark.css), and keeps it in step when the system switches. An attribute rather
 * than a media query in the CSS, so that a theme choice can set it the way it sets the sidebar's.
 */
export type PageScheme = 'light' | 'dark';

/** Sets the attribute now and on every change; returns the function that stops following. */
export function followColourScheme(doc: Document, win: Window): () => void {
  const query = win.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => setPageScheme(doc, query.matches ? 'dark' : 'light');
  apply();
  query.addEventListener('change', apply);
  return () => query.removeEventListener('change', apply);
}

export function setPageScheme(doc: Document, scheme: PageScheme): void {
  if (doc.documentElement.dataset.rpTheme !== scheme) doc.documentElement.dataset.rpTheme = scheme;
}
