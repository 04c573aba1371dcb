/**
 * A part of the accounts page loaded the first time it is shown: the account editor, the New
 * account form and the other views are most of the page's code, and the table's first screen needs
 * none of them. Until its module is in, a part shows the loading line (after a moment: a module
 * that is quick to come shows no flash of it); once in, it renders at once every later time. `preload` fetches it ahead, when the page has nothing else to do.
 */
import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/shared/i18n';
import { LoadingLine } from './loading-line';

export interface LazyView<P> {
  View: FunctionComponent<P>;
  preload: () => void;
}

export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): LazyView<P> {
  let loaded: ComponentType<P> | null = null;
  let failed: string | null = null;
  let loading: Promise<void> | null = null;
  const start = () =>
    (loading ??= load().then(
      (view) => void (loaded = view),
      (error: unknown) => {
        // The page outlived its extension (updated or reloaded): say so; a reload fixes it.
        failed = error instanceof Error ? error.message : String(error);
        loading = null;
      },
    ));

  function View(props: P) {
    const [, setSettled] = useState(0);
    useEffect(() => {
      if (loaded) return;
      let live = true;
      void start().then(() => live && setSettled((n) => n + 1));
      return () => void (live = false);
    }, []);
    if (loaded) {
      const Loaded = loaded;
      return <Loaded {...props} />;
    }
    if (failed) {
      return (
        <p class="write-error" role="alert">
          {t('accountsLoadFailed', failed)}
        </p>
      );
    }
    return <LoadingLine />;
  }
  return { View, preload: () => void start() };
}
