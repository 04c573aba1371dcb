/**
 * Where Rapport runs: the current tab, and the optional sites (Outlook and the CRMs) with a button
 * to allow or remove each one.
 *
 * Gmail is granted at install; the others are optional host permissions, asked for from a click
 * here (the browser allows permissions.request only in answer to a user gesture). Once a site is
 * granted, the background registers its content script and runs it in the tabs already open there
 * (entrypoints/background/registration.ts), so the sidebar appears without a reload.
 *
 * The popup has no `tabs` permission: it sees the current tab's address only on a site it may
 * run on. Elsewhere the address is hidden, so it cannot tell which site the tab is; the list of
 * sites is then what it offers.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  HOST_MATCHES,
  OPTIONAL_HOSTS,
  hostOfUrl,
  type OptionalHost,
} from '@/utils/contract/host-patterns';
import type { HostName } from '@/utils/contract/enums';
import { t } from '@/utils/shared/i18n';
import { HOST_LABEL } from '@/components/labels';

export { HOST_LABEL };

/** What the popup knows of the current tab. */
export type CurrentPage =
  | { kind: 'host'; host: HostName }
  /** The address is visible and belongs to no supported site. */
  | { kind: 'other' }
  /** The address is hidden: a site Rapport may not read (perhaps an optional host not allowed). */
  | { kind: 'hidden' };

/** Pure: the current tab's state from the address the browser showed us, if any. */
export function currentPageOf(url: string | undefined): CurrentPage {
  if (!url) return { kind: 'hidden' };
  const host = hostOfUrl(url);
  return host ? { kind: 'host', host } : { kind: 'other' };
}

const originsOf = (host: OptionalHost) => ({ origins: [...HOST_MATCHES[host]] });

async function readGrants(): Promise<Record<OptionalHost, boolean>> {
  const entries = await Promise.all(
    OPTIONAL_HOSTS.map(async (h) => [h, await browser.permissions.contains(originsOf(h))] as const),
  );
  return Object.fromEntries(entries) as Record<OptionalHost, boolean>;
}

async function readCurrentPage(): Promise<CurrentPage> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return currentPageOf(tab?.url);
}

/** `children`: more lines of the section (the popup's Page reading). */
export function Sites({ children }: { children?: ComponentChildren }) {
  const [grants, setGrants] = useState<Record<OptionalHost, boolean> | null>(null);
  const [page, setPage] = useState<CurrentPage | null>(null);
  const [refused, setRefused] = useState<OptionalHost | null>(null);

  useEffect(() => {
    const update = () => {
      void readGrants().then(setGrants);
      // A grant may have made the current tab's address visible.
      void readCurrentPage().then(setPage, () => setPage({ kind: 'hidden' }));
    };
    update();
    browser.permissions.onAdded.addListener(update);
    browser.permissions.onRemoved.addListener(update);
    return () => {
      browser.permissions.onAdded.removeListener(update);
      browser.permissions.onRemoved.removeListener(update);
    };
  }, []);

  // Called straight from the click: the browser asks the user only during a gesture.
  const allow = (host: OptionalHost) => {
    setRefused(null);
    void browser.permissions.request(originsOf(host)).then(
      (ok) => {
        if (!ok) setRefused(host);
        void readGrants().then(setGrants);
      },
      () => setRefused(host),
    );
  };
  const remove = (host: OptionalHost) =>
    void browser.permissions
      .remove(originsOf(host))
      .catch(() => false)
      .then(() => readGrants().then(setGrants));

  return (
    <section aria-labelledby="sites-heading" data-testid="sites">
      <h2 id="sites-heading">{t('popupSitesHeading')}</h2>
      {page && (
        <p class="muted" data-testid="this-page" data-state={page.kind}>
          {page.kind === 'host'
            ? t('popupThisPageOn', t(HOST_LABEL[page.host]))
            : page.kind === 'other'
              ? t('popupThisPageOff')
              : t('popupThisPageUnknown')}
        </p>
      )}
      {grants && page && (
        // Open by default where the page's address is hidden: most likely a site not allowed yet.
        <details class="sites-list" open={page.kind === 'hidden'}>
          <summary data-testid="sites-summary">
            {t('popupSitesSummary', [
              OPTIONAL_HOSTS.filter((h) => grants[h]).length,
              OPTIONAL_HOSTS.length,
            ])}
          </summary>
          <ul class="sites">
            {OPTIONAL_HOSTS.map((host) => {
              const name = t(HOST_LABEL[host]);
              const on = grants[host];
              return (
                <li key={host} data-testid={`site-${host}`} data-granted={String(on)}>
                  <span class="site-name">{name}</span>
                  {/* Not allowed: the button says so ("Allow Rapport on ..."); the word would
                      only push it onto two lines. */}
                  <span class={on ? 'site-on' : 'rp-visually-hidden'}>
                    {on ? t('popupSiteAllowed') : t('popupSiteNotAllowed')}
                  </span>
                  {on ? (
                    <button
                      type="button"
                      class="rp-btn"
                      data-testid="site-remove"
                      aria-label={t('popupSiteRemoveNamed', name)}
                      onClick={() => remove(host)}
                    >
                      {t('popupSiteRemove')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      class="rp-btn rp-primary"
                      data-testid="site-allow"
                      onClick={() => allow(host)}
                    >
                      {t('popupSiteAllow', name)}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </details>
      )}
      {refused && (
        <p role="alert" class="error">
          {t('popupSiteNotGranted', t(HOST_LABEL[refused]))}
        </p>
      )}
      {children}
    </section>
  );
}
