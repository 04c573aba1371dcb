/**
 * The accounts page's "Loading…" line, shown only once a load has taken longer than
 * LOADING_DELAY_MS. Most loads (an account's editor opened from the table, a part's module) take
 * a few milliseconds: showing the line at once would flash it for a frame before what was loaded,
 * which reads as a flicker. A slow load still says it is loading, a moment later.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/shared/i18n';

/** Under this, a wait is not noticed as one; over it, a blank area would look broken. */
export const LOADING_DELAY_MS = 150;

export function LoadingLine() {
  const [late, setLate] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setLate(true), LOADING_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  return late ? (
    <p class="muted" data-testid="page-loading">
      {t('accountsLoading')}
    </p>
  ) : null;
}
