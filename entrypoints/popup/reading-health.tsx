/**
 * The popup's "Page reading" section: per host, when a page was last read, which of the adapter's
 * reading layers answered, and the last page that could not be read, with its date and reason
 * (utils/shared/selector-health.ts). A host whose markup moved shows up here as a later layer
 * answering, or as a dated failure, which is what a bug report needs.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { HOSTS } from '@/utils/contract/enums';
import { SELECTOR_HEALTH_KEY } from '@/utils/contract/storage-keys';
import { t, uiLocale } from '@/utils/shared/i18n';
import { readSelectorHealth, type SelectorHealth } from '@/utils/shared/selector-health';
import { HOST_LABEL } from '@/components/labels';

const when = (at: number) =>
  new Intl.DateTimeFormat(uiLocale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(at);

/** The stored record; follows each new write. */
function useSelectorHealth(): SelectorHealth | null {
  const [health, setHealth] = useState<SelectorHealth | null>(null);
  useEffect(() => {
    const read = () =>
      void browser.storage.local
        .get(SELECTOR_HEALTH_KEY)
        .then((got) => setHealth(readSelectorHealth(got[SELECTOR_HEALTH_KEY])));
    read();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && SELECTOR_HEALTH_KEY in changes) read();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  return health;
}

export function ReadingHealth() {
  const health = useSelectorHealth();
  if (!health) return null;
  const hosts = HOSTS.filter((host) => health[host]);
  const failed = hosts.some((host) => health[host]?.failure);
  return (
    <details class="reading-health" open={failed} data-testid="reading-health">
      <summary>{t('popupHealthHeading')}</summary>
      {hosts.length === 0 && <p class="muted">{t('popupHealthEmpty')}</p>}
      <ul class="health">
        {hosts.map((host) => {
          const { readAt, layer, failure } = health[host] ?? {};
          const site = t(HOST_LABEL[host]);
          return (
            <li key={host} data-testid={`health-${host}`}>
              <p>
                {readAt === undefined
                  ? t('popupHealthNeverRead', site)
                  : layer
                    ? t('popupHealthReadBy', [site, when(readAt), layer])
                    : t('popupHealthRead', [site, when(readAt)])}
              </p>
              {failure && (
                <p class="muted" data-testid={`health-failure-${host}`}>
                  {t('popupHealthFailure', [when(failure.at), failure.reason])}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
