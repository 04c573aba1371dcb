import { useEffect, useState } from 'preact/hooks';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import { browser } from 'wxt/browser';
import { CHANGED_KEY } from '@/utils/contract/storage-keys';
import { loadSettings, watchSettings, type Settings } from '@/utils/contract/settings';
import { OwnDomainsGroup, RemindersGroup, SidebarGroup, SitesGroup } from './settings-sections';
import { DataSection } from './data-section';
import { CadenceGroup, RoleCadenceGroup } from './cadence-groups';
import { OfferingsGroup } from './offerings-section';
import { TeamSection } from './team-section';

/** The options page: every setting, grouped, and the Data section (backup, CSV, erase). */
export function App() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [accountCount, setAccountCount] = useState<number | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const count = async () => {
      const r = await send('countAccounts', {});
      if (r.ok) setAccountCount(r.data);
    };
    void loadSettings().then(setSettings);
    watchSettings(setSettings, controller.signal);
    void count();
    // Accounts added or erased elsewhere (the sidebar, another tab) change the count to confirm.
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && CHANGED_KEY in changes) void count();
    };
    browser.storage.onChanged.addListener(onChanged);
    controller.signal.addEventListener('abort', () =>
      browser.storage.onChanged.removeListener(onChanged),
    );
    return () => controller.abort();
  }, []);

  return (
    <main class="page">
      <header class="page-head">
        <img src="/icon/32.png" alt="" width={24} height={24} />
        <h1>{t('optionsTitle')}</h1>
        <a class="head-link" href="/accounts.html">
          {t('optionsOpenAccounts')}
        </a>
      </header>
      {settings === null ? (
        <p class="muted">{t('popupLoading')}</p>
      ) : (
        <>
          <SidebarGroup settings={settings} />
          <SitesGroup settings={settings} />
          <CadenceGroup settings={settings} />
          <RoleCadenceGroup settings={settings} />
          <RemindersGroup settings={settings} />
          <OwnDomainsGroup settings={settings} />
          <OfferingsGroup settings={settings} />
        </>
      )}
      <TeamSection />
      <DataSection accountCount={accountCount} />
    </main>
  );
}
